// cli/options.hpp: the command line, in two stages: raw strings from CLI11, then a validated,
// typed config. Commands receive only validated config.
//
// One table (build_app) produces --help, and docs/cli.md embeds that help verbatim; a CLI test
// fails when they drift apart.

#pragma once
#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "cli/rules_commands.hpp"
#include "pipeline/check.hpp"
#include "pipeline/originals.hpp"
#include "pipeline/scan.hpp"
#include "report/article_printer.hpp"
#include "report/check_report.hpp"
#include "rules/scan_config.hpp"

namespace CLI {
class App;
}

namespace syndcheck::cli {

// Stage 1: what the user typed, unvalidated.
struct RawFetchArgs {
  double timeout_seconds = 30;
  double connect_timeout_seconds = 10;
  std::string max_body_size = "10M";
};

struct RawCheckArgs {
  std::string copy;
  std::vector<std::string> originals;
  std::string rules_dir;
  std::string format = "text";
  std::string output;
  std::string db;
  RawFetchArgs fetch;
};

struct RawExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  bool with_links = false;
  RawFetchArgs fetch;
};

struct RawOriginalsArgs {
  std::vector<std::string> inputs; // add: URLs/paths; remove: URLs or ids
  std::string db;
  std::string rules_dir;
  std::string keep;            // add: evict originals older than this ("365d")
  std::string format = "text"; // list: text or json
  RawFetchArgs fetch;
};

struct RawScanArgs {
  std::string config;
  bool once = false;
  std::string every; // "1h": run again this long after each scan starts, until SIGTERM
  bool quiet = false;
  bool verbose = false;
};

struct RawReportArgs {
  std::string config; // takes the store from the scan config
  std::string db;
  std::string format = "html";
  std::int64_t scan = 0;
  std::string since;
  bool new_only = false;
  std::string output;
};

struct RawFindingsArgs {
  std::string config;
  std::string db;
  std::int64_t id = 0;
  std::string reason;
  std::string format = "text";
};

struct RawNoticeArgs {
  std::string config;
  std::string db;
  std::int64_t id = 0;
  std::string lang = "en";
};

struct RawArgs {
  // "check", "extract", "originals add", "originals list", "originals remove", or empty when
  // only --version/--help was asked.
  std::string command;
  RawCheckArgs check;
  RawExtractArgs extract;
  RawOriginalsArgs originals;
  RawRulesArgs rules; // "rules": lint, explain, draft (cli/rules_commands.hpp)
  RawScanArgs scan;
  RawReportArgs report;
  RawFindingsArgs findings;
  RawNoticeArgs notice;
};

// Stage 2: validated.
struct CheckCommand {
  pipeline::CheckConfig config;
  report::Format format = report::Format::text;
  std::string output; // empty: stdout
};

struct ExtractCommand {
  std::vector<std::string> inputs;
  fetch::FetchOptions fetch;
  extract::ExtractOptions extract;
  report::ArticleRenderOptions render;
};

struct OriginalsCommand {
  pipeline::AddOriginalsConfig add; // inputs, db, rules, fetch, keep
  bool json = false;                // list
};

struct ScanCommand {
  rules::ScanConfig config;
  std::optional<std::chrono::milliseconds> every;
  bool quiet = false;
  bool verbose = false;
};

struct ReportCommand {
  std::filesystem::path db;
  std::string format;
  pipeline::ReportFilter filter;
  std::string output;
};

struct FindingsCommand {
  std::filesystem::path db;
  std::int64_t id = 0;
  std::string reason;
  bool json = false;
};

struct NoticeCommand {
  std::filesystem::path db;
  std::filesystem::path rules_dir;
  std::int64_t id = 0;
  std::string lang;
};

// The option table. `raw` must outlive the app (CLI11 writes into it while parsing).
std::unique_ptr<CLI::App> build_app(RawArgs& raw);

// One-line error ("--max-body-size: '12Q' is not a size") on invalid input.
std::expected<CheckCommand, std::string> validate_check(const RawCheckArgs& raw);
std::expected<ExtractCommand, std::string> validate_extract(const RawExtractArgs& raw);
std::expected<OriginalsCommand, std::string> validate_originals(const RawOriginalsArgs& raw);
std::expected<ScanCommand, std::string> validate_scan(const RawScanArgs& raw);
std::expected<ReportCommand, std::string> validate_report(const RawReportArgs& raw);
std::expected<FindingsCommand, std::string> validate_findings(const RawFindingsArgs& raw);
std::expected<NoticeCommand, std::string> validate_notice(const RawNoticeArgs& raw);

// "10M" -> 10485760; accepts k, M, G (binary multiples) and plain bytes.
std::expected<std::uint64_t, std::string> parse_size(std::string_view text);

} // namespace syndcheck::cli
