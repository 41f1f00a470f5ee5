// rules/scan_config.hpp: the `scan --config` file (YAML): what to index, what to watch, where to
// store and report. Lives in rules/ because rules/ is the project's one user of yaml-cpp (see
// docs/decisions/0003-scan-config-in-rules.md); it shares the rule files' error style.
//
// Strict like the rule files: unknown keys and wrong types are errors naming file:line:col.
// Relative paths are resolved against the config file's directory.

#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule_set.hpp"

namespace syndcheck::rules {

struct SourceLists {
  std::vector<std::string> feeds;     // RSS 2.0 / Atom
  std::vector<std::string> sitemaps;  // sitemap, sitemap index, Google News sitemap
  std::vector<std::string> url_lists; // text files: one absolute URL per line, '#' comments
  std::vector<std::string> urls;      // pages listed directly
};

struct PublisherSource {
  std::string id; // a publisher id from the rule files
  SourceLists sources;
};

struct WatchedSite {
  std::string site;   // a name for reports (usually the domain)
  std::string robots; // explicit robots.txt URL; empty: the origin's /robots.txt
  SourceLists sources;
  std::size_t budget = 500;                       // most pages fetched from this site per scan
  std::optional<std::chrono::milliseconds> delay; // between two requests; default: fetch.delay
};

struct FetchSettings {
  std::string user_agent; // empty: syndcheck/<version>
  bool respect_robots = true;
  std::chrono::milliseconds timeout{30'000};
  std::uint64_t max_body_bytes = 10 * 1024 * 1024;
  std::size_t concurrency = 16;
  std::size_t per_host = 2;
  std::chrono::milliseconds delay{1'000};
};

struct ReportSettings {
  std::filesystem::path dir;
  std::vector<std::string> formats; // html, json, csv, md
};

struct ScanConfig {
  std::filesystem::path file;
  std::filesystem::path rules_dir;    // empty: the shipped rules/
  std::filesystem::path sqlite;       // the store
  std::filesystem::path evidence_dir; // WARC files; default: <store dir>/evidence
  FetchSettings fetch;
  std::vector<PublisherSource> publishers;
  std::vector<WatchedSite> watch;
  ReportSettings report;
};

std::expected<ScanConfig, RulesError> load_scan_config(const std::filesystem::path& file);
std::expected<ScanConfig, RulesError> parse_scan_config(std::string_view yaml, const std::filesystem::path& file);

// "0.2s", "500ms", "10s", "5m", "1h", "1d" -> milliseconds.
std::expected<std::chrono::milliseconds, std::string> parse_duration(std::string_view text);

} // namespace syndcheck::rules
