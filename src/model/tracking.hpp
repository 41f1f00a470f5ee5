// model/tracking.hpp: what scans remember: pages seen, findings with their lifecycle, scans.
//
// Plain data shared by store/ (which persists it), pipeline/ (which fills it) and report/ (which
// renders it).

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syndcheck::model {

// A page of a watched site as last seen, for incremental scans (conditional GET, then hash).
struct PageRecord {
  std::string url;
  std::string site;
  std::string final_url;
  long http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string sha256;     // of the body last processed; equal bytes are not processed again
  std::string first_seen; // UTC ISO 8601
  std::string last_seen;
  std::string error; // last failure, one line; empty when the last fetch worked
};

// new: violating, first seen in this scan; open: still violating; resolved: was violating, re-checked
// and now compliant or gone; licensed: the copier is a licensee; ignored: set by the desk;
// compliant: a matched copy that honours the terms and never violated them.
enum class FindingState { new_finding, open, resolved, licensed, ignored, compliant };
const char* to_string(FindingState state); // "new", "open", "resolved", "licensed", "ignored", "compliant"
std::optional<FindingState> finding_state_from(std::string_view name);

// One (copy page, original) pair that matched, with the latest judgement.
struct FindingRecord {
  std::int64_t id = 0;
  std::string page_url;
  std::int64_t original_id = 0;
  std::string original_url;
  std::string publisher;
  std::string site;
  FindingState state = FindingState::new_finding;
  std::string verdict; // "violation", "compliant", "licensed"
  std::string relation;
  double coverage = 0.0;
  std::int64_t first_scan = 0;
  std::int64_t last_scan = 0;
  std::string first_seen;
  std::string last_seen;
  std::string result_json;   // the match as report/ renders it (rules, evidence, passages)
  std::string evidence_path; // WARC file holding the copy's response, empty if none
  std::int64_t evidence_offset = 0;
  std::string evidence_sha256;
  std::string ignored_reason;
  std::string copy_text; // body texts the passage offsets index into (code points)
  std::string original_text;
  std::string original_evidence_path; // WARC record of the original's response, if a scan archived it
  std::int64_t original_evidence_offset = 0;
  std::string original_evidence_sha256;
};

struct ScanRecord {
  std::int64_t id = 0;
  std::string started_at;
  std::string finished_at; // empty while running (or if the process died)
  std::string status;      // "running", "finished", "interrupted"
  std::int64_t pages_fetched = 0;
  std::int64_t pages_unchanged = 0;
  std::int64_t pages_failed = 0;
};

} // namespace syndcheck::model
