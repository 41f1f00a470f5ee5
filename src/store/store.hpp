// store/store.hpp: what syndcheck remembers between runs: the originals index (and, with the
// scan issue, pages seen, findings and scans), behind one interface.
//
// SQLite (store/sqlite_store.cpp, the only user of sqlite3) is the embedded default; a PostgreSQL
// backend can implement the same interface. Failures are values; nothing here throws.

#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/article.hpp"
#include "model/original.hpp"

namespace syndcheck::store {

enum class StoreFailure { open, schema, query, not_found, corrupt };

struct StoreError {
  StoreFailure failure;
  std::string detail; // one line, naming the database path or the record
};

std::string describe(const StoreError& error);

using OriginalSummary = model::OriginalSummary;

// A signature as the similarity engine serialised it; the store treats it as opaque bytes.
struct StoredSignature {
  std::int64_t original_id = 0;
  std::string bytes;
};

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
  std::string error;      // last failure, one line; empty when the last fetch worked
};

// new: violating, first seen in this scan; open: still violating; resolved: was violating, re-checked
// and now compliant or gone; licensed: the copier is a licensee; ignored: set by the desk;
// compliant: a matched copy that honours the terms and never violated them.
enum class FindingState { new_finding, open, resolved, licensed, ignored, compliant };
const char* to_string(FindingState state); // "new", "open", "resolved", "licensed", "ignored", "compliant"
std::optional<FindingState> finding_state_from(std::string_view name);

// One (copy page, original) pair that matched, with the latest judgement.
struct Finding {
  std::int64_t id = 0;
  std::string page_url;
  std::int64_t original_id = 0;
  std::string original_url;
  std::string publisher;
  std::string site;
  FindingState state = FindingState::new_finding;
  std::string verdict;  // "violation", "compliant", "licensed"
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

class Store {
public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Adds the original, or replaces the one with the same URL (its id is kept). `document.url()`
  // is the key; the article's blocks are stored so that check can align against it later.
  virtual std::expected<std::int64_t, StoreError> put_original(const model::Document& document,
                                                               std::string_view publisher,
                                                               std::string_view signature) = 0;
  virtual std::expected<std::vector<OriginalSummary>, StoreError> list_originals() = 0;
  virtual std::expected<std::optional<OriginalSummary>, StoreError> find_original(std::string_view url_or_id) = 0;
  // The stored original, rebuilt as a Document (final_url = canonical URL; links are not kept).
  virtual std::expected<model::Document, StoreError> load_original(std::int64_t id) = 0;
  virtual std::expected<bool, StoreError> remove_original(std::int64_t id) = 0;
  // Removes originals added before `cutoff_iso` (UTC ISO 8601); returns how many.
  virtual std::expected<std::size_t, StoreError> evict_added_before(std::string_view cutoff_iso) = 0;
  virtual std::expected<std::vector<StoredSignature>, StoreError> signatures() = 0;

  // Scans. begin_scan marks scans left "running" by a killed process as "interrupted".
  virtual std::expected<std::int64_t, StoreError> begin_scan() = 0;
  virtual std::expected<void, StoreError> finish_scan(const ScanRecord& scan) = 0;
  virtual std::expected<std::vector<ScanRecord>, StoreError> list_scans() = 0;

  virtual std::expected<std::optional<PageRecord>, StoreError> find_page(std::string_view url) = 0;
  // Records a page and the findings judged from it in one transaction, so a process killed at
  // any point keeps either all of a page's results or none. Findings are keyed by
  // (page_url, original_id): a finding seen again is updated, never duplicated. Findings of this
  // page that are not in `findings` any more (the copy was fixed or removed) become `resolved`.
  virtual std::expected<void, StoreError> record_page(const PageRecord& page, std::int64_t scan_id,
                                                      const std::vector<Finding>& findings) = 0;
  // Only marks the page as seen in this scan (unchanged since the last time).
  virtual std::expected<void, StoreError> touch_page(std::string_view url, std::int64_t scan_id) = 0;

  virtual std::expected<std::vector<Finding>, StoreError> findings(std::int64_t since_scan = 0) = 0;
  virtual std::expected<bool, StoreError> ignore_finding(std::int64_t id, std::string_view reason) = 0;
};

struct SqliteOptions {
  std::chrono::milliseconds busy_timeout{5'000}; // another process writing: wait this long
};

// Opens (creating and migrating as needed) the database at `path`. WAL mode.
std::expected<std::unique_ptr<Store>, StoreError> open_sqlite(const std::filesystem::path& path,
                                                              const SqliteOptions& options = {});

// The schema version this build writes; migrations bring older files up to it.
int schema_version();

} // namespace syndcheck::store
