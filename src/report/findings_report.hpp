// report/findings_report.hpp: the scan report: findings from the store, rendered as one
// self-contained HTML file, JSON, CSV (one row per finding) or Markdown (for tickets).
//
// Input is plain data (model::FindingRecord, whose result_json is a `matches[]` object of
// docs/json.md); the printers never touch the store.

#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/tracking.hpp"

namespace syndcheck::report {

struct FindingsReport {
  std::string generated_at;             // UTC ISO 8601
  std::int64_t scan_id = 0;             // the latest scan, whose new findings are marked
  std::vector<model::ScanRecord> scans; // newest last
  std::vector<model::FindingRecord> findings;
};

// format: "html", "json", "csv" or "md".
std::string render_findings(const FindingsReport& report, std::string_view format);

// RFC 4180 field quoting.
std::string csv_field(std::string_view value);

} // namespace syndcheck::report
