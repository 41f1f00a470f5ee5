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
#include "model/tracking.hpp"

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

using PageRecord = model::PageRecord;
using FindingState = model::FindingState;
using Finding = model::FindingRecord;
using ScanRecord = model::ScanRecord;
using model::finding_state_from;
using model::to_string;

class Store {
public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Adds the original, or replaces the one with the same URL (its id is kept). `document.url()`
  // is the key; the article's blocks are stored so that check can align against it later.
  virtual std::expected<std::int64_t, StoreError>
  put_original(const model::Document& document, std::string_view publisher, std::string_view signature) = 0;
  virtual std::expected<std::vector<OriginalSummary>, StoreError> list_originals() = 0;
  // By canonical URL, by the URL it was read from, or by id.
  virtual std::expected<std::optional<OriginalSummary>, StoreError> find_original(std::string_view url_or_id) = 0;
  // The stored original, rebuilt as a Document (final_url = canonical URL; links are not kept).
  virtual std::expected<model::Document, StoreError> load_original(std::int64_t id) = 0;
  virtual std::expected<bool, StoreError> remove_original(std::int64_t id) = 0;
  // Removes originals added before `cutoff_iso` (UTC ISO 8601); returns how many.
  virtual std::expected<std::size_t, StoreError> evict_added_before(std::string_view cutoff_iso) = 0;
  virtual std::expected<std::vector<StoredSignature>, StoreError> signatures() = 0;
  // Where the original's HTTP response is archived (a WARC record), for the evidence of findings.
  virtual std::expected<void, StoreError> set_original_evidence(std::int64_t id, std::string_view path,
                                                                std::int64_t offset, std::string_view sha256) = 0;

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
  // A fetch that failed for a reason that says nothing about the copy (timeout, 5xx, refused):
  // the error is recorded on the page and its findings are left as they were.
  virtual std::expected<void, StoreError> note_page_error(const PageRecord& page, std::int64_t scan_id) = 0;
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
