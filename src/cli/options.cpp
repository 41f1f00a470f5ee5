// cli/options.cpp: the option table (the one source of --help and docs/cli.md) and validation.
#include "cli/options.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <charconv>
#include <cmath>

#ifndef SYNDCHECK_VERSION
#define SYNDCHECK_VERSION "0.0.0"
#endif

namespace syndcheck::cli {

namespace {

void add_fetch_options(CLI::App& command, RawFetchArgs& raw) {
  command.add_option("--timeout", raw.timeout_seconds, "Total time allowed per download, in seconds")
      ->capture_default_str();
  command.add_option("--connect-timeout", raw.connect_timeout_seconds, "Time allowed to connect, in seconds")
      ->capture_default_str();
  command.add_option("--max-body-size", raw.max_body_size, "Largest body downloaded or read (k, M, G suffixes)")
      ->capture_default_str();
}

} // namespace

std::unique_ptr<CLI::App> build_app(RawArgs& raw) {
  auto app = std::make_unique<CLI::App>(
      "syndcheck: find republished copies of a publisher's articles and judge them against its terms.\n"
      "Exit status: 0 no violation, 1 violation found, 2 error.",
      "syndcheck");
  app->set_version_flag("--version", "syndcheck " SYNDCHECK_VERSION);
  app->require_subcommand(1);
  app->fallthrough(false);

  CLI::App* check = app->add_subcommand(
      "check", "Is COPY a copy of one of the originals, and does it honour the original publisher's terms?");
  check->callback([&raw] { raw.command = "check"; });
  check->add_option("COPY", raw.check.copy, "The page to judge: an http(s) URL, a file:// URL or a local path")
      ->required();
  check
      ->add_option("--original,-o", raw.check.originals,
                   "An original it may copy (URL or path); repeat for several. Without it, the originals index "
                   "(--db) is searched")
      ->take_all()
      ->allow_extra_args(false);
  check->add_option("--db", raw.check.db,
                    "The originals index (default: $SYNDCHECK_DB or ~/.local/share/syndcheck/syndcheck.db)");
  check->add_option("--rules", raw.check.rules_dir, "Directory of publisher rule files (default: the shipped rules/)");
  check->add_option("--format", raw.check.format, "Report format: text or json")->capture_default_str();
  check->add_option("--output", raw.check.output, "Write the report to FILE instead of standard output");
  add_fetch_options(*check, raw.check.fetch);

  CLI::App* extract = app->add_subcommand(
      "extract", "Print the article found in each INPUT: its body paragraphs, or blocks with links and metadata");
  extract->callback([&raw] { raw.command = "extract"; });
  extract->add_option("INPUT", raw.extract.inputs, "http(s) URLs, file:// URLs or local paths")->required();
  extract->add_option("--format", raw.extract.format, "text (body only), json (one object per line) or html")
      ->capture_default_str();
  extract->add_flag("--with-links", raw.extract.with_links, "text and html: list each paragraph's links");
  add_fetch_options(*extract, raw.extract.fetch);

  CLI::App* originals = app->add_subcommand("originals", "Maintain the index of originals that check searches");
  originals->require_subcommand(1);
  CLI::App* add = originals->add_subcommand("add", "Fetch, extract and index originals (URLs or paths)");
  add->callback([&raw] { raw.command = "originals add"; });
  add->add_option("INPUT", raw.originals.inputs, "http(s) URLs, file:// URLs or local paths")->required();
  add->add_option("--rules", raw.originals.rules_dir,
                  "Directory of publisher rule files (default: the shipped rules/)");
  add->add_option("--keep", raw.originals.keep,
                  "Then evict originals indexed longer ago than this (e.g. 365d, 12h, 2w)");
  add_fetch_options(*add, raw.originals.fetch);
  CLI::App* list = originals->add_subcommand("list", "List the indexed originals");
  list->callback([&raw] { raw.command = "originals list"; });
  list->add_option("--format", raw.originals.format, "text or json (one object per line)")->capture_default_str();
  CLI::App* remove = originals->add_subcommand("remove", "Remove originals by URL or id");
  remove->callback([&raw] { raw.command = "originals remove"; });
  remove->add_option("ORIGINAL", raw.originals.inputs, "canonical URLs or ids, as `originals list` shows them")
      ->required();
  for (CLI::App* command : {add, list, remove}) {
    command->add_option("--db", raw.originals.db,
                        "The originals index (default: $SYNDCHECK_DB or ~/.local/share/syndcheck/syndcheck.db)");
  }
  add_rules_commands(*app, raw.rules, raw.command);
  CLI::App* scan = app->add_subcommand("scan", "Index the publishers' new originals, check the watched sites' new or "
                                               "changed pages, record findings and write the reports");
  scan->callback([&raw] { raw.command = "scan"; });
  scan->add_option("--config", raw.scan.config, "The scan configuration (YAML; docs/scan.md)")->required();
  auto* once = scan->add_flag("--once", raw.scan.once, "Scan once and exit (the default)");
  scan->add_option("--every", raw.scan.every, "Scan again this long after each scan started (e.g. 1h), until SIGTERM")
      ->excludes(once);
  auto* quiet = scan->add_flag("--quiet,-q", raw.scan.quiet, "Print nothing but errors");
  scan->add_flag("--verbose,-v", raw.scan.verbose, "Print every failure and each report written")->excludes(quiet);

  CLI::App* report = app->add_subcommand("report", "Render the findings in the store");
  report->callback([&raw] { raw.command = "report"; });
  report->add_option("--config", raw.report.config, "Take the store from this scan configuration");
  report->add_option("--db", raw.report.db, "The store (SQLite file)");
  report->add_option("--format", raw.report.format, "html, json, csv or md")->capture_default_str();
  report->add_option("--scan", raw.report.scan, "Only findings seen in scan ID or later");
  report->add_option("--since", raw.report.since,
                     "Only findings seen at or after this UTC date (2026-11-01 or ISO 8601)");
  report->add_flag("--new-only", raw.report.new_only,
                   "Only the findings first seen in the scan (--scan, else the latest)");
  report->add_option("--output,-o", raw.report.output, "Write to FILE instead of standard output");

  CLI::App* findings = app->add_subcommand("findings", "List findings, or set one aside");
  findings->require_subcommand(1);
  CLI::App* findings_list = findings->add_subcommand("list", "One line per finding: id, state, site, copy, original");
  findings_list->callback([&raw] { raw.command = "findings list"; });
  findings_list->add_option("--format", raw.findings.format, "text or json")->capture_default_str();
  CLI::App* ignore = findings->add_subcommand("ignore", "Mark a finding as ignored, with the desk's reason");
  ignore->callback([&raw] { raw.command = "findings ignore"; });
  ignore->add_option("ID", raw.findings.id, "The finding's id")->required();
  ignore->add_option("--reason", raw.findings.reason, "Why (kept with the finding and shown in reports)")->required();
  CLI::App* notice = app->add_subcommand("notice", "Draft a letter to the copying site about one finding");
  notice->callback([&raw] { raw.command = "notice"; });
  notice->add_option("FINDING", raw.notice.id, "The finding's id (syndcheck findings list)")->required();
  notice->add_option("--lang", raw.notice.lang, "en, uk or ru")->capture_default_str();
  notice->add_option("--config", raw.notice.config, "Take the store and rules from this scan configuration");
  notice->add_option("--db", raw.notice.db, "The store (SQLite file)");
  for (CLI::App* command : {findings_list, ignore}) {
    command->add_option("--config", raw.findings.config, "Take the store from this scan configuration");
    command->add_option("--db", raw.findings.db, "The store (SQLite file)");
  }
  return app;
}

std::expected<std::uint64_t, std::string> parse_size(std::string_view text) {
  std::uint64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr == begin) {
    return std::unexpected(std::string("'") + std::string(text) + "' is not a size");
  }
  std::string_view suffix(ptr, static_cast<std::size_t>(end - ptr));
  std::uint64_t multiplier = 1;
  if (suffix == "k" || suffix == "K" || suffix == "KiB") {
    multiplier = 1024;
  } else if (suffix == "M" || suffix == "MiB") {
    multiplier = 1024ULL * 1024;
  } else if (suffix == "G" || suffix == "GiB") {
    multiplier = 1024ULL * 1024 * 1024;
  } else if (!suffix.empty()) {
    return std::unexpected(std::string("'") + std::string(text) + "' is not a size");
  }
  if (value > UINT64_MAX / multiplier) {
    return std::unexpected(std::string("'") + std::string(text) + "' is too large");
  }
  return value * multiplier;
}

namespace {

std::expected<std::chrono::milliseconds, std::string> seconds_option(const char* name, double seconds) {
  // A day is far beyond any sane download; larger values are surely a typo (ms meant as s).
  if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86'400) {
    return std::unexpected(std::string(name) + ": must be between 0 and 86400 seconds");
  }
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

std::expected<fetch::FetchOptions, std::string> validate_fetch(const RawFetchArgs& raw) {
  fetch::FetchOptions options;
  auto timeout = seconds_option("--timeout", raw.timeout_seconds);
  if (!timeout) {
    return std::unexpected(timeout.error());
  }
  auto connect = seconds_option("--connect-timeout", raw.connect_timeout_seconds);
  if (!connect) {
    return std::unexpected(connect.error());
  }
  options.total_timeout = *timeout;
  options.connect_timeout = *connect;
  auto size = parse_size(raw.max_body_size);
  if (!size) {
    return std::unexpected("--max-body-size: " + size.error());
  }
  if (*size == 0) {
    return std::unexpected("--max-body-size: must be larger than 0");
  }
  options.max_body_bytes = *size;
  return options;
}

} // namespace

std::expected<CheckCommand, std::string> validate_check(const RawCheckArgs& raw) {
  CheckCommand command;
  command.config.copy = raw.copy;
  command.config.originals = raw.originals;
  if (raw.format == "text") {
    command.format = report::Format::text;
  } else if (raw.format == "json") {
    command.format = report::Format::json;
  } else {
    return std::unexpected("--format: '" + raw.format + "' is not one of text, json");
  }
  command.output = raw.output;
  if (!raw.db.empty()) {
    command.config.db_path = raw.db;
  }
  if (!raw.rules_dir.empty()) {
    command.config.rules_dir = raw.rules_dir;
  }
  auto fetch = validate_fetch(raw.fetch);
  if (!fetch) {
    return std::unexpected(fetch.error());
  }
  command.config.fetch = *fetch;
  return command;
}

std::expected<OriginalsCommand, std::string> validate_originals(const RawOriginalsArgs& raw) {
  OriginalsCommand command;
  command.add.inputs = raw.inputs;
  command.add.db_path = raw.db.empty() ? pipeline::default_db_path() : std::filesystem::path(raw.db);
  if (!raw.rules_dir.empty()) {
    command.add.rules_dir = raw.rules_dir;
  }
  if (!raw.keep.empty()) {
    auto keep = pipeline::parse_age(raw.keep);
    if (!keep) {
      return std::unexpected("--keep: " + keep.error());
    }
    command.add.keep = *keep;
  }
  if (raw.format != "text" && raw.format != "json") {
    return std::unexpected("--format: '" + raw.format + "' is not one of text, json");
  }
  command.json = raw.format == "json";
  auto fetch = validate_fetch(raw.fetch);
  if (!fetch) {
    return std::unexpected(fetch.error());
  }
  command.add.fetch = *fetch;
  return command;
}

namespace {

// --db wins; else the store named by --config; else the default index.
std::expected<std::filesystem::path, std::string> store_path(const std::string& config, const std::string& db) {
  if (!db.empty()) {
    return std::filesystem::path(db);
  }
  if (!config.empty()) {
    auto loaded = rules::load_scan_config(config);
    if (!loaded) {
      return std::unexpected(rules::describe(loaded.error()));
    }
    return loaded->sqlite;
  }
  return pipeline::default_db_path();
}

} // namespace

std::expected<ScanCommand, std::string> validate_scan(const RawScanArgs& raw) {
  ScanCommand command;
  auto config = rules::load_scan_config(raw.config);
  if (!config) {
    return std::unexpected(rules::describe(config.error()));
  }
  command.config = std::move(*config);
  if (!raw.every.empty()) {
    auto every = rules::parse_duration(raw.every);
    if (!every) {
      return std::unexpected("--every: " + every.error());
    }
    if (every->count() < 1000) {
      return std::unexpected("--every: at least one second between scans");
    }
    command.every = *every;
  }
  command.quiet = raw.quiet;
  command.verbose = raw.verbose;
  return command;
}

std::expected<ReportCommand, std::string> validate_report(const RawReportArgs& raw) {
  ReportCommand command;
  auto db = store_path(raw.config, raw.db);
  if (!db) {
    return std::unexpected(db.error());
  }
  command.db = *db;
  if (raw.format != "html" && raw.format != "json" && raw.format != "csv" && raw.format != "md") {
    return std::unexpected("--format: '" + raw.format + "' is not one of html, json, csv, md");
  }
  command.format = raw.format;
  command.filter.new_only = raw.new_only;
  if (raw.scan < 0) {
    return std::unexpected("--scan: a scan id is a positive number");
  }
  command.filter.scan = raw.scan;
  if (!raw.since.empty()) {
    const std::string& d = raw.since;
    const bool date_like =
        d.size() >= 10 && std::isdigit(static_cast<unsigned char>(d[0])) != 0 && d[4] == '-' && d[7] == '-';
    if (!date_like) {
      return std::unexpected("--since: '" + d + "' is not a date like 2026-11-01 or 2026-11-01T10:00:00Z");
    }
    command.filter.since = d;
  }
  command.output = raw.output;
  return command;
}

std::expected<FindingsCommand, std::string> validate_findings(const RawFindingsArgs& raw) {
  FindingsCommand command;
  auto db = store_path(raw.config, raw.db);
  if (!db) {
    return std::unexpected(db.error());
  }
  command.db = *db;
  command.id = raw.id;
  command.reason = raw.reason;
  if (raw.format != "text" && raw.format != "json") {
    return std::unexpected("--format: '" + raw.format + "' is not one of text, json");
  }
  command.json = raw.format == "json";
  return command;
}

std::expected<NoticeCommand, std::string> validate_notice(const RawNoticeArgs& raw) {
  NoticeCommand command;
  auto db = store_path(raw.config, raw.db);
  if (!db) {
    return std::unexpected(db.error());
  }
  command.db = *db;
  if (!raw.config.empty()) {
    auto config = rules::load_scan_config(raw.config);
    if (config) {
      command.rules_dir = config->rules_dir;
    }
  }
  if (raw.lang != "en" && raw.lang != "uk" && raw.lang != "ru") {
    return std::unexpected("--lang: '" + raw.lang + "' is not one of en, uk, ru");
  }
  command.id = raw.id;
  command.lang = raw.lang;
  return command;
}

std::expected<ExtractCommand, std::string> validate_extract(const RawExtractArgs& raw) {
  ExtractCommand command;
  command.inputs = raw.inputs;
  if (raw.format == "text") {
    command.render.format = report::ArticleFormat::text;
  } else if (raw.format == "json") {
    command.render.format = report::ArticleFormat::json;
  } else if (raw.format == "html") {
    command.render.format = report::ArticleFormat::html;
  } else {
    return std::unexpected("--format: '" + raw.format + "' is not one of text, json, html");
  }
  command.render.with_links = raw.with_links;
  auto fetch = validate_fetch(raw.fetch);
  if (!fetch) {
    return std::unexpected(fetch.error());
  }
  command.fetch = *fetch;
  return command;
}

} // namespace syndcheck::cli
