// pipeline/scan.hpp: one incremental scan: index the publishers' new originals from their feeds
// and sitemaps, fetch the watched sites' pages (conditional GET, then content hash), judge every
// copy against the originals index, record findings with evidence, and write the reports.
//
// A failing site or page never stops the scan: its failure is counted and recorded. Each page's
// results are committed in one transaction, so a scan killed at any point and started again
// loses no finding and duplicates none.

#pragma once
#include <atomic>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "rules/scan_config.hpp"

namespace syndcheck::pipeline {

struct ScanProgress {
  std::string stage; // "originals", a watched site's name, "report"
  std::size_t done = 0;
  std::size_t total = 0;
  std::size_t matched = 0;
  std::size_t findings = 0; // violating matches judged so far in this scan
};

struct ScanSummary {
  std::int64_t scan_id = 0;
  std::size_t originals_added = 0;
  std::size_t originals_known = 0;
  std::size_t pages_listed = 0;
  std::size_t pages_processed = 0; // fetched and judged (new or changed)
  std::size_t pages_unchanged = 0; // 304, or the same bytes as last time
  std::size_t pages_failed = 0;
  std::size_t pages_robots = 0; // not fetched: robots.txt disallows them
  std::size_t matches = 0;
  std::size_t new_findings = 0;    // violating, first seen in this scan
  std::size_t violating = 0;       // violating now (new + open)
  std::vector<std::string> errors; // one line each
  std::vector<std::filesystem::path> reports;
};

struct ScanRunOptions {
  std::function<void(const ScanProgress&)> progress; // may be empty
  const std::atomic<bool>* stop = nullptr;           // set by SIGTERM: finish the page, then stop
};

// Throws core::FatalError when the rules, the store or the evidence directory cannot be used.
ScanSummary run_scan(const rules::ScanConfig& config, const ScanRunOptions& options = {});

// Which findings a report shows. Defaults: all of them.
struct ReportFilter {
  std::int64_t scan = 0; // only findings seen in this scan or later (0: any); with new_only, first seen in it
  std::string since;     // only findings seen at or after this UTC date/time ("2026-11-01", ISO 8601)
  bool new_only = false; // only findings first seen in the scan (`scan`, else the latest)
};

// Renders the findings in the store that pass `filter`, in `format` (html, json, csv, md).
std::string render_report(const std::filesystem::path& db_path, std::string_view format,
                          const ReportFilter& filter = {});

// A draft letter for finding `id` in `lang` (en, uk, ru); the publisher's name comes from the
// rule files in `rules_dir` (empty: the shipped rules/). Errors are one line.
std::expected<std::string, std::string> draft_notice(const std::filesystem::path& db_path,
                                                     const std::filesystem::path& rules_dir, std::int64_t id,
                                                     std::string_view lang);

} // namespace syndcheck::pipeline
