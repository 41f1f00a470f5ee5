// rules/scan_config.cpp: strict loading of the scan configuration with yaml-cpp.
#include "rules/scan_config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace syndcheck::rules {
namespace {

// A config file is a few KiB; a megabyte is surely not one.
constexpr std::size_t k_max_config_bytes = 1024 * 1024;

struct ConfigFailure {
  RulesError error;
};

class Reader {
public:
  explicit Reader(std::filesystem::path file) : m_file(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    throw ConfigFailure{RulesError{RulesFailure::schema,
                                   core::SourcePosition{m_file.string(), mark.line + 1, mark.column + 1}, message}};
  }

  void expect_map(const YAML::Node& node, const std::string& what, std::initializer_list<const char*> keys) const {
    if (!node.IsMap()) {
      fail(node, what + " must be a mapping");
    }
    const std::set<std::string> allowed(keys.begin(), keys.end());
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (allowed.count(key) == 0) {
        fail(entry.first, "unknown key '" + key + "' in " + what);
      }
    }
  }

  std::string string(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) {
      fail(node, what + " must be a string");
    }
    return node.as<std::string>();
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) const {
    if (!node.IsSequence()) {
      fail(node, what + " must be a list of strings");
    }
    std::vector<std::string> out;
    for (const auto& item : node) {
      out.push_back(string(item, what + " entries"));
    }
    return out;
  }

  std::size_t count(const YAML::Node& node, const std::string& what) const {
    const std::string text = string(node, what);
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value == 0) {
      fail(node, what + " must be a positive whole number");
    }
    return value;
  }

  std::chrono::milliseconds duration(const YAML::Node& node, const std::string& what) const {
    auto parsed = parse_duration(string(node, what));
    if (!parsed) {
      fail(node, what + ": " + parsed.error());
    }
    return *parsed;
  }

  std::filesystem::path path(const YAML::Node& node, const std::string& what) const {
    std::filesystem::path p = string(node, what);
    return (p.is_absolute() ? p : m_file.parent_path() / p).lexically_normal();
  }

  SourceLists sources(const YAML::Node& node) const {
    SourceLists out;
    if (node["feeds"]) {
      out.feeds = strings(node["feeds"], "feeds");
    }
    if (node["sitemaps"]) {
      out.sitemaps = strings(node["sitemaps"], "sitemaps");
    }
    if (node["url_lists"]) {
      out.url_lists = strings(node["url_lists"], "url_lists");
    }
    if (node["urls"]) {
      out.urls = strings(node["urls"], "urls");
    }
    return out;
  }

  const std::filesystem::path& file() const { return m_file; }

private:
  std::filesystem::path m_file;
};

std::uint64_t size_of(const Reader& reader, const YAML::Node& node) {
  const std::string text = reader.string(node, "max_body_size");
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
  std::uint64_t multiplier = 0;
  if (unit.empty()) {
    multiplier = 1;
  } else if (unit == "k" || unit == "K") {
    multiplier = 1024;
  } else if (unit == "M") {
    multiplier = 1024ULL * 1024;
  } else if (unit == "G") {
    multiplier = 1024ULL * 1024 * 1024;
  }
  if (ec != std::errc{} || multiplier == 0 || value == 0) {
    reader.fail(node, "max_body_size must be a size like 10M, 512k or 1048576");
  }
  return value * multiplier;
}

ScanConfig parse(const YAML::Node& root, const Reader& r) {
  ScanConfig config;
  config.file = r.file();
  r.expect_map(root, "the scan config", {"rules", "store", "evidence", "fetch", "publishers", "watch", "report"});
  if (root["rules"]) {
    config.rules_dir = r.path(root["rules"], "rules");
  }
  if (!root["store"]) {
    r.fail(root, "missing key 'store' (e.g. store: {sqlite: syndcheck.db})");
  }
  r.expect_map(root["store"], "store", {"sqlite"});
  if (!root["store"]["sqlite"]) {
    r.fail(root["store"], "store needs 'sqlite: PATH'");
  }
  config.sqlite = r.path(root["store"]["sqlite"], "store.sqlite");
  config.evidence_dir =
      root["evidence"] ? r.path(root["evidence"], "evidence") : config.sqlite.parent_path() / "evidence";
  if (const YAML::Node fetch = root["fetch"]) {
    r.expect_map(fetch, "fetch",
                 {"user_agent", "robots", "timeout", "max_body_size", "concurrency", "per_host", "delay"});
    if (fetch["user_agent"]) {
      config.fetch.user_agent = r.string(fetch["user_agent"], "user_agent");
    }
    if (fetch["robots"]) {
      const std::string robots = r.string(fetch["robots"], "robots");
      if (robots != "respect" && robots != "ignore") {
        r.fail(fetch["robots"], "robots must be 'respect' or 'ignore'");
      }
      config.fetch.respect_robots = robots == "respect";
    }
    if (fetch["timeout"]) {
      config.fetch.timeout = r.duration(fetch["timeout"], "timeout");
    }
    if (fetch["max_body_size"]) {
      config.fetch.max_body_bytes = size_of(r, fetch["max_body_size"]);
    }
    if (fetch["concurrency"]) {
      config.fetch.concurrency = r.count(fetch["concurrency"], "concurrency");
    }
    if (fetch["per_host"]) {
      config.fetch.per_host = r.count(fetch["per_host"], "per_host");
    }
    if (fetch["delay"]) {
      config.fetch.delay = r.duration(fetch["delay"], "delay");
    }
  }
  if (const YAML::Node publishers = root["publishers"]) {
    if (!publishers.IsSequence()) {
      r.fail(publishers, "publishers must be a list");
    }
    for (const auto& p : publishers) {
      r.expect_map(p, "a publisher", {"id", "feeds", "sitemaps", "url_lists", "urls"});
      if (!p["id"]) {
        r.fail(p, "a publisher needs 'id' (its rule file's publisher id)");
      }
      config.publishers.push_back({r.string(p["id"], "id"), r.sources(p)});
    }
  }
  if (const YAML::Node watch = root["watch"]) {
    if (!watch.IsSequence()) {
      r.fail(watch, "watch must be a list");
    }
    for (const auto& w : watch) {
      r.expect_map(w, "a watched site",
                   {"site", "robots", "feeds", "sitemaps", "url_lists", "urls", "budget", "delay"});
      if (!w["site"]) {
        r.fail(w, "a watched site needs 'site' (a name for reports)");
      }
      WatchedSite site;
      site.site = r.string(w["site"], "site");
      if (w["robots"]) {
        site.robots = r.string(w["robots"], "robots");
      }
      site.sources = r.sources(w);
      if (w["budget"]) {
        site.budget = r.count(w["budget"], "budget");
      }
      if (w["delay"]) {
        site.delay = r.duration(w["delay"], "delay");
      }
      config.watch.push_back(std::move(site));
    }
  }
  if (const YAML::Node report = root["report"]) {
    r.expect_map(report, "report", {"dir", "formats"});
    config.report.dir = report["dir"] ? r.path(report["dir"], "report.dir") : r.file().parent_path() / "report";
    if (report["formats"]) {
      config.report.formats = r.strings(report["formats"], "report.formats");
      for (std::size_t i = 0; i < config.report.formats.size(); ++i) {
        const std::string& f = config.report.formats[i];
        if (f != "html" && f != "json" && f != "csv" && f != "md") {
          r.fail(report["formats"][i], "unknown report format '" + f + "' (html, json, csv, md)");
        }
      }
    }
  }
  return config;
}

} // namespace

std::expected<std::chrono::milliseconds, std::string> parse_duration(std::string_view text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
  double ms_per_unit = 0;
  if (unit == "ms") {
    ms_per_unit = 1;
  } else if (unit == "s") {
    ms_per_unit = 1000;
  } else if (unit == "m") {
    ms_per_unit = 60'000;
  } else if (unit == "h") {
    ms_per_unit = 3'600'000;
  } else if (unit == "d") {
    ms_per_unit = 86'400'000;
  }
  if (ec != std::errc{} || ptr == text.data() || ms_per_unit == 0 || value < 0 || value > 1e6) {
    return std::unexpected("'" + std::string(text) + "' is not a duration like 500ms, 0.2s, 10s, 5m, 1h or 1d");
  }
  return std::chrono::milliseconds(static_cast<long long>(value * ms_per_unit));
}

std::expected<ScanConfig, RulesError> parse_scan_config(std::string_view yaml, const std::filesystem::path& file) {
  const Reader reader(file);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    return parse(root, reader);
  } catch (const ConfigFailure& failure) {
    return std::unexpected(failure.error);
  } catch (const YAML::Exception& e) {
    return std::unexpected(RulesError{RulesFailure::syntax,
                                      core::SourcePosition{file.string(), e.mark.line + 1, e.mark.column + 1}, e.msg});
  }
}

std::expected<ScanConfig, RulesError> load_scan_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(
        RulesError{RulesFailure::io, core::SourcePosition{file.string(), 0, 0}, "cannot read the file"});
  }
  std::string text(k_max_config_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > k_max_config_bytes) {
    return std::unexpected(RulesError{RulesFailure::io, core::SourcePosition{file.string(), 0, 0},
                                      "larger than 1 MiB: not a scan config"});
  }
  return parse_scan_config(text, file);
}

} // namespace syndcheck::rules
