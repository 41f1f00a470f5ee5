// store/sqlite_store.cpp: the embedded SQLite backend of Store (WAL mode, versioned migrations).
//
// The only file that includes <sqlite3.h>. Every statement is prepared with bound parameters;
// every write runs in a transaction, so a process killed at any point leaves the last committed
// state and never a half-written original.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <string>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace syndcheck::store {
namespace {

// Migrations, in order; migration i brings user_version from i to i+1. Never edit a released
// one: append a new one.
constexpr std::array<const char*, 4> k_migrations = {
    R"sql(
    CREATE TABLE originals (
      id          INTEGER PRIMARY KEY,
      url         TEXT NOT NULL UNIQUE,
      source      TEXT NOT NULL,
      publisher   TEXT NOT NULL DEFAULT '',
      title       TEXT NOT NULL DEFAULT '',
      language    TEXT NOT NULL DEFAULT '',
      published   TEXT NOT NULL DEFAULT '',
      added_at    TEXT NOT NULL,
      sha256      TEXT NOT NULL DEFAULT '',
      charset     TEXT NOT NULL DEFAULT '',
      words       INTEGER NOT NULL DEFAULT 0,
      signature   BLOB
    );
    CREATE INDEX originals_added_at ON originals(added_at);
    CREATE TABLE original_blocks (
      original_id INTEGER NOT NULL REFERENCES originals(id) ON DELETE CASCADE,
      seq         INTEGER NOT NULL,
      kind        TEXT NOT NULL,
      paragraph   INTEGER NOT NULL,
      text        TEXT NOT NULL,
      PRIMARY KEY (original_id, seq)
    ) WITHOUT ROWID;
    )sql",
    R"sql(
    CREATE TABLE scans (
      id              INTEGER PRIMARY KEY,
      started_at      TEXT NOT NULL,
      finished_at     TEXT NOT NULL DEFAULT '',
      status          TEXT NOT NULL DEFAULT 'running',
      pages_fetched   INTEGER NOT NULL DEFAULT 0,
      pages_unchanged INTEGER NOT NULL DEFAULT 0,
      pages_failed    INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE pages (
      url           TEXT PRIMARY KEY,
      site          TEXT NOT NULL,
      final_url     TEXT NOT NULL DEFAULT '',
      http_status   INTEGER NOT NULL DEFAULT 0,
      etag          TEXT NOT NULL DEFAULT '',
      last_modified TEXT NOT NULL DEFAULT '',
      sha256        TEXT NOT NULL DEFAULT '',
      first_seen    TEXT NOT NULL,
      last_seen     TEXT NOT NULL,
      last_scan     INTEGER NOT NULL DEFAULT 0,
      error         TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;
    CREATE TABLE findings (
      id              INTEGER PRIMARY KEY,
      page_url        TEXT NOT NULL,
      original_id     INTEGER NOT NULL,
      original_url    TEXT NOT NULL,
      publisher       TEXT NOT NULL DEFAULT '',
      site            TEXT NOT NULL DEFAULT '',
      state           TEXT NOT NULL,
      verdict         TEXT NOT NULL,
      relation        TEXT NOT NULL DEFAULT '',
      coverage        REAL NOT NULL DEFAULT 0,
      first_scan      INTEGER NOT NULL,
      last_scan       INTEGER NOT NULL,
      first_seen      TEXT NOT NULL,
      last_seen       TEXT NOT NULL,
      result_json     TEXT NOT NULL DEFAULT '{}',
      evidence_path   TEXT NOT NULL DEFAULT '',
      evidence_offset INTEGER NOT NULL DEFAULT 0,
      evidence_sha256 TEXT NOT NULL DEFAULT '',
      ignored_reason  TEXT NOT NULL DEFAULT '',
      UNIQUE (page_url, original_id)
    );
    CREATE INDEX findings_last_scan ON findings(last_scan);
    )sql",
    // The two texts the passages index into, so reports can show them side by side.
    R"sql(
    ALTER TABLE findings ADD COLUMN copy_text TEXT NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN original_text TEXT NOT NULL DEFAULT '';
    )sql",
    // Where the original's own HTTP response is archived (WARC), when a scan indexed it.
    R"sql(
    ALTER TABLE originals ADD COLUMN evidence_path TEXT NOT NULL DEFAULT '';
    ALTER TABLE originals ADD COLUMN evidence_offset INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE originals ADD COLUMN evidence_sha256 TEXT NOT NULL DEFAULT '';
    )sql",
};

model::BlockKind kind_from(std::string_view name) {
  for (const model::BlockKind kind :
       {model::BlockKind::paragraph, model::BlockKind::list_item, model::BlockKind::quote, model::BlockKind::heading,
        model::BlockKind::caption, model::BlockKind::insert, model::BlockKind::byline}) {
    if (name == model::to_string(kind)) {
      return kind;
    }
  }
  return model::BlockKind::paragraph;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) {
      ++words;
    }
    in_word = !space;
  }
  return words;
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

class Statement {
public:
  Statement(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    m_rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    m_stmt.reset(raw);
  }
  bool ok() const { return m_rc == SQLITE_OK && m_stmt != nullptr; }
  void bind(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob(m_stmt.get(), index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt.get(), index, value); }
  int step() { return sqlite3_step(m_stmt.get()); }
  void reset() {
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt.get(), column); }
  std::string text(int column) const {
    const auto* data = sqlite3_column_text(m_stmt.get(), column);
    const int size = sqlite3_column_bytes(m_stmt.get(), column);
    return data == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  }
  double real(int column) const { return sqlite3_column_double(m_stmt.get(), column); }
  void bind_real(int index, double value) { sqlite3_bind_double(m_stmt.get(), index, value); }
  std::string blob(int column) const {
    const void* data = sqlite3_column_blob(m_stmt.get(), column);
    const int size = sqlite3_column_bytes(m_stmt.get(), column);
    return data == nullptr ? std::string()
                           : std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
  }

private:
  StmtHandle m_stmt;
  int m_rc = SQLITE_ERROR;
};

OriginalSummary summary_from(const Statement& s) {
  OriginalSummary o;
  o.id = s.integer(0);
  o.url = s.text(1);
  o.publisher = s.text(2);
  o.title = s.text(3);
  o.language = s.text(4);
  o.published = s.text(5);
  o.added_at = s.text(6);
  o.sha256 = s.text(7);
  o.words = static_cast<std::size_t>(s.integer(8));
  return o;
}

constexpr const char* k_summary_columns = "id, url, publisher, title, language, published, added_at, sha256, words";

constexpr const char* k_finding_columns =
    "f.id, f.page_url, f.original_id, f.original_url, f.publisher, f.site, f.state, f.verdict, f.relation, "
    "f.coverage, f.first_scan, f.last_scan, f.first_seen, f.last_seen, f.result_json, f.evidence_path, "
    "f.evidence_offset, f.evidence_sha256, f.ignored_reason, f.copy_text, f.original_text, "
    "COALESCE(o.evidence_path, ''), COALESCE(o.evidence_offset, 0), COALESCE(o.evidence_sha256, '')";

Finding finding_from(const Statement& s) {
  Finding f;
  f.id = s.integer(0);
  f.page_url = s.text(1);
  f.original_id = s.integer(2);
  f.original_url = s.text(3);
  f.publisher = s.text(4);
  f.site = s.text(5);
  f.state = finding_state_from(s.text(6)).value_or(FindingState::open);
  f.verdict = s.text(7);
  f.relation = s.text(8);
  f.coverage = s.real(9);
  f.first_scan = s.integer(10);
  f.last_scan = s.integer(11);
  f.first_seen = s.text(12);
  f.last_seen = s.text(13);
  f.result_json = s.text(14);
  f.evidence_path = s.text(15);
  f.evidence_offset = s.integer(16);
  f.evidence_sha256 = s.text(17);
  f.ignored_reason = s.text(18);
  f.copy_text = s.text(19);
  f.original_text = s.text(20);
  f.original_evidence_path = s.text(21);
  f.original_evidence_offset = s.integer(22);
  f.original_evidence_sha256 = s.text(23);
  return f;
}

// The lifecycle: what a finding becomes when its page is judged again.
FindingState next_state(std::optional<FindingState> previous, std::string_view verdict) {
  if (previous == FindingState::ignored) {
    return FindingState::ignored; // the desk's decision stands until it says otherwise
  }
  if (verdict == "licensed") {
    return FindingState::licensed;
  }
  if (verdict == "violation") {
    const bool still = previous == FindingState::new_finding || previous == FindingState::open;
    return still ? FindingState::open : FindingState::new_finding;
  }
  // Compliant now: a violation seen before is resolved; otherwise it was always compliant.
  const bool was_violating =
      previous == FindingState::new_finding || previous == FindingState::open || previous == FindingState::resolved;
  return was_violating ? FindingState::resolved : FindingState::compliant;
}

class SqliteStore final : public Store {
public:
  SqliteStore(DbHandle db, std::filesystem::path path) : m_db(std::move(db)), m_path(std::move(path)) {}

  std::expected<void, StoreError> migrate() {
    if (auto r = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !r) {
      return r;
    }
    Statement version(m_db.get(), "PRAGMA user_version");
    if (!version.ok() || version.step() != SQLITE_ROW) {
      return std::unexpected(error(StoreFailure::schema, "cannot read the schema version"));
    }
    const auto current = static_cast<std::size_t>(version.integer(0));
    if (current > k_migrations.size()) {
      return std::unexpected(error(StoreFailure::schema, "schema version " + std::to_string(current) +
                                                             " is newer than this syndcheck understands (" +
                                                             std::to_string(k_migrations.size()) + ")"));
    }
    for (std::size_t i = current; i < k_migrations.size(); ++i) {
      const std::string sql = std::string("BEGIN IMMEDIATE;") + k_migrations[i] +
                              "PRAGMA user_version = " + std::to_string(i + 1) + "; COMMIT;";
      if (auto r = exec(sql.c_str()); !r) {
        exec("ROLLBACK;");
        return r;
      }
    }
    return {};
  }

  std::expected<std::int64_t, StoreError> put_original(const model::Document& document, std::string_view publisher,
                                                       std::string_view signature) override {
    Transaction tx(*this);
    if (!tx.ok()) {
      return std::unexpected(error(StoreFailure::query, "cannot begin a transaction"));
    }
    const std::string body = document.article.body_text();
    Statement upsert(m_db.get(),
                     "INSERT INTO originals (url, source, publisher, title, language, published, added_at, sha256, "
                     "charset, words, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                     "ON CONFLICT(url) DO UPDATE SET source = ?2, publisher = ?3, title = ?4, language = ?5, "
                     "published = ?6, added_at = ?7, sha256 = ?8, charset = ?9, words = ?10, signature = ?11 "
                     "RETURNING id");
    if (!upsert.ok()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    upsert.bind(1, document.url());
    upsert.bind(2, document.source);
    upsert.bind(3, publisher);
    upsert.bind(4, document.article.title);
    upsert.bind(5, document.article.language);
    upsert.bind(6, document.article.published);
    upsert.bind(7, core::utc_iso8601());
    upsert.bind(8, document.sha256);
    upsert.bind(9, document.charset);
    upsert.bind(10, static_cast<std::int64_t>(count_words(body)));
    upsert.bind_blob(11, signature);
    if (upsert.step() != SQLITE_ROW) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    const std::int64_t id = upsert.integer(0);
    upsert.reset(); // A RETURNING statement left mid-step would keep the transaction from committing.
    Statement clear(m_db.get(), "DELETE FROM original_blocks WHERE original_id = ?1");
    clear.bind(1, id);
    if (clear.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    Statement insert(
        m_db.get(),
        "INSERT INTO original_blocks (original_id, seq, kind, paragraph, text) VALUES (?1, ?2, ?3, ?4, ?5)");
    std::int64_t seq = 0;
    for (const model::Block& block : document.article.blocks) {
      insert.bind(1, id);
      insert.bind(2, seq++);
      insert.bind(3, model::to_string(block.kind));
      insert.bind(4, static_cast<std::int64_t>(block.paragraph));
      insert.bind(5, block.text);
      if (insert.step() != SQLITE_DONE) {
        return std::unexpected(last_error(StoreFailure::query));
      }
      insert.reset();
    }
    if (!tx.commit()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return id;
  }

  std::expected<std::vector<OriginalSummary>, StoreError> list_originals() override {
    Statement s(m_db.get(), (std::string("SELECT ") + k_summary_columns + " FROM originals ORDER BY id").c_str());
    return all_rows(s, summary_from);
  }

  std::expected<std::optional<OriginalSummary>, StoreError> find_original(std::string_view url_or_id) override {
    Statement s(m_db.get(),
                (std::string("SELECT ") + k_summary_columns +
                 " FROM originals WHERE url = ?1 OR source = ?1 OR CAST(id AS TEXT) = ?1 ORDER BY id LIMIT 1")
                    .c_str());
    if (!s.ok()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    s.bind(1, url_or_id);
    const int rc = s.step();
    if (rc == SQLITE_ROW) {
      return summary_from(s);
    }
    if (rc != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return std::nullopt;
  }

  std::expected<model::Document, StoreError> load_original(std::int64_t id) override {
    Statement s(m_db.get(), "SELECT url, source, title, language, published, added_at, sha256, charset FROM originals "
                            "WHERE id = ?1");
    if (!s.ok()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    s.bind(1, id);
    if (s.step() != SQLITE_ROW) {
      return std::unexpected(error(StoreFailure::not_found, "no original with id " + std::to_string(id)));
    }
    model::Document d;
    d.final_url = s.text(0);
    d.article.canonical_url = s.text(0);
    d.source = s.text(1);
    d.article.title = s.text(2);
    d.article.language = s.text(3);
    d.article.published = s.text(4);
    d.fetched_at = s.text(5);
    d.sha256 = s.text(6);
    d.charset = s.text(7);
    Statement blocks(m_db.get(),
                     "SELECT kind, paragraph, text FROM original_blocks WHERE original_id = ?1 ORDER BY seq");
    blocks.bind(1, id);
    int rc = 0;
    while ((rc = blocks.step()) == SQLITE_ROW) {
      model::Block block;
      block.kind = kind_from(blocks.text(0));
      block.paragraph = static_cast<int>(blocks.integer(1));
      block.text = blocks.text(2);
      d.article.blocks.push_back(std::move(block));
    }
    if (rc != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return d;
  }

  std::expected<bool, StoreError> remove_original(std::int64_t id) override {
    Statement s(m_db.get(), "DELETE FROM originals WHERE id = ?1");
    s.bind(1, id);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return sqlite3_changes(m_db.get()) > 0;
  }

  std::expected<std::size_t, StoreError> evict_added_before(std::string_view cutoff_iso) override {
    Statement s(m_db.get(), "DELETE FROM originals WHERE added_at < ?1");
    s.bind(1, cutoff_iso);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return static_cast<std::size_t>(sqlite3_changes(m_db.get()));
  }

  std::expected<std::vector<StoredSignature>, StoreError> signatures() override {
    Statement s(m_db.get(), "SELECT id, signature FROM originals WHERE signature IS NOT NULL ORDER BY id");
    return all_rows(s, [](const Statement& row) { return StoredSignature{row.integer(0), row.blob(1)}; });
  }

  std::expected<std::int64_t, StoreError> begin_scan() override {
    if (auto r = exec("UPDATE scans SET status = 'interrupted' WHERE status = 'running';"); !r) {
      return std::unexpected(r.error());
    }
    Statement s(m_db.get(), "INSERT INTO scans (started_at) VALUES (?1) RETURNING id");
    s.bind(1, core::utc_iso8601());
    if (s.step() != SQLITE_ROW) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    const std::int64_t id = s.integer(0);
    s.reset();
    return id;
  }

  std::expected<void, StoreError> finish_scan(const ScanRecord& scan) override {
    Statement s(m_db.get(), "UPDATE scans SET finished_at = ?2, status = 'finished', pages_fetched = ?3, "
                            "pages_unchanged = ?4, pages_failed = ?5 WHERE id = ?1");
    s.bind(1, scan.id);
    s.bind(2, core::utc_iso8601());
    s.bind(3, scan.pages_fetched);
    s.bind(4, scan.pages_unchanged);
    s.bind(5, scan.pages_failed);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return {};
  }

  std::expected<std::vector<ScanRecord>, StoreError> list_scans() override {
    Statement s(m_db.get(), "SELECT id, started_at, finished_at, status, pages_fetched, pages_unchanged, pages_failed "
                            "FROM scans ORDER BY id");
    return all_rows(s, [](const Statement& row) {
      return ScanRecord{row.integer(0), row.text(1),    row.text(2),   row.text(3),
                        row.integer(4), row.integer(5), row.integer(6)};
    });
  }

  std::expected<std::optional<PageRecord>, StoreError> find_page(std::string_view url) override {
    Statement s(m_db.get(), "SELECT url, site, final_url, http_status, etag, last_modified, sha256, first_seen, "
                            "last_seen, error FROM pages WHERE url = ?1");
    s.bind(1, url);
    const int rc = s.step();
    if (rc == SQLITE_DONE) {
      return std::nullopt;
    }
    if (rc != SQLITE_ROW) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    PageRecord p;
    p.url = s.text(0);
    p.site = s.text(1);
    p.final_url = s.text(2);
    p.http_status = static_cast<long>(s.integer(3));
    p.etag = s.text(4);
    p.last_modified = s.text(5);
    p.sha256 = s.text(6);
    p.first_seen = s.text(7);
    p.last_seen = s.text(8);
    p.error = s.text(9);
    return p;
  }

  std::expected<void, StoreError> record_page(const PageRecord& page, std::int64_t scan_id,
                                              const std::vector<Finding>& findings) override {
    Transaction tx(*this);
    if (!tx.ok()) {
      return std::unexpected(error(StoreFailure::query, "cannot begin a transaction"));
    }
    const std::string now = core::utc_iso8601();
    Statement upsert(m_db.get(),
                     "INSERT INTO pages (url, site, final_url, http_status, etag, last_modified, sha256, first_seen, "
                     "last_seen, last_scan, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10) "
                     "ON CONFLICT(url) DO UPDATE SET site = ?2, final_url = ?3, http_status = ?4, etag = ?5, "
                     "last_modified = ?6, sha256 = ?7, last_seen = ?8, last_scan = ?9, error = ?10");
    upsert.bind(1, page.url);
    upsert.bind(2, page.site);
    upsert.bind(3, page.final_url);
    upsert.bind(4, static_cast<std::int64_t>(page.http_status));
    upsert.bind(5, page.etag);
    upsert.bind(6, page.last_modified);
    upsert.bind(7, page.sha256);
    upsert.bind(8, now);
    upsert.bind(9, scan_id);
    upsert.bind(10, page.error);
    if (upsert.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    Statement previous(m_db.get(), "SELECT state FROM findings WHERE page_url = ?1 AND original_id = ?2");
    Statement write(m_db.get(),
                    "INSERT INTO findings (page_url, original_id, original_url, publisher, site, state, verdict, "
                    "relation, coverage, first_scan, last_scan, first_seen, last_seen, result_json, evidence_path, "
                    "evidence_offset, evidence_sha256, copy_text, original_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                    "?8, ?9, ?10, ?10, ?11, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
                    "ON CONFLICT(page_url, original_id) DO UPDATE SET original_url = ?3, "
                    "publisher = ?4, site = ?5, state = ?6, verdict = ?7, relation = ?8, coverage = ?9, "
                    "last_scan = ?10, last_seen = ?11, result_json = ?12, evidence_path = ?13, "
                    "evidence_offset = ?14, evidence_sha256 = ?15, copy_text = ?16, original_text = ?17, "
                    "first_scan = CASE WHEN ?6 = 'new' THEN ?10 ELSE first_scan END");
    std::vector<std::int64_t> seen;
    for (const Finding& f : findings) {
      previous.bind(1, page.url);
      previous.bind(2, f.original_id);
      std::optional<FindingState> before;
      if (previous.step() == SQLITE_ROW) {
        before = finding_state_from(previous.text(0));
      }
      previous.reset();
      write.bind(1, page.url);
      write.bind(2, f.original_id);
      write.bind(3, f.original_url);
      write.bind(4, f.publisher);
      write.bind(5, page.site);
      write.bind(6, to_string(next_state(before, f.verdict)));
      write.bind(7, f.verdict);
      write.bind(8, f.relation);
      write.bind_real(9, f.coverage);
      write.bind(10, scan_id);
      write.bind(11, now);
      write.bind(12, f.result_json);
      write.bind(13, f.evidence_path);
      write.bind(14, f.evidence_offset);
      write.bind(15, f.evidence_sha256);
      write.bind(16, f.copy_text);
      write.bind(17, f.original_text);
      if (write.step() != SQLITE_DONE) {
        return std::unexpected(last_error(StoreFailure::query));
      }
      write.reset();
      seen.push_back(f.original_id);
    }
    // Findings of this page that no longer match: the copy was fixed or removed, and we checked.
    Statement stale(m_db.get(), "SELECT original_id FROM findings WHERE page_url = ?1 AND state IN ('new', 'open')");
    stale.bind(1, page.url);
    std::vector<std::int64_t> resolve;
    while (stale.step() == SQLITE_ROW) {
      if (std::find(seen.begin(), seen.end(), stale.integer(0)) == seen.end()) {
        resolve.push_back(stale.integer(0));
      }
    }
    Statement resolved(m_db.get(), "UPDATE findings SET state = 'resolved', last_scan = ?3, last_seen = ?4 "
                                   "WHERE page_url = ?1 AND original_id = ?2");
    for (const std::int64_t original_id : resolve) {
      resolved.bind(1, page.url);
      resolved.bind(2, original_id);
      resolved.bind(3, scan_id);
      resolved.bind(4, now);
      if (resolved.step() != SQLITE_DONE) {
        return std::unexpected(last_error(StoreFailure::query));
      }
      resolved.reset();
    }
    if (!tx.commit()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return {};
  }

  std::expected<void, StoreError> set_original_evidence(std::int64_t id, std::string_view path, std::int64_t offset,
                                                        std::string_view sha256) override {
    Statement s(m_db.get(), "UPDATE originals SET evidence_path = ?2, evidence_offset = ?3, evidence_sha256 = ?4 "
                            "WHERE id = ?1");
    s.bind(1, id);
    s.bind(2, path);
    s.bind(3, offset);
    s.bind(4, sha256);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return {};
  }

  std::expected<void, StoreError> note_page_error(const PageRecord& page, std::int64_t scan_id) override {
    Statement s(m_db.get(),
                "INSERT INTO pages (url, site, final_url, http_status, first_seen, last_seen, last_scan, error) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7) ON CONFLICT(url) DO UPDATE SET http_status = ?4, "
                "last_seen = ?5, last_scan = ?6, error = ?7");
    s.bind(1, page.url);
    s.bind(2, page.site);
    s.bind(3, page.final_url);
    s.bind(4, static_cast<std::int64_t>(page.http_status));
    s.bind(5, core::utc_iso8601());
    s.bind(6, scan_id);
    s.bind(7, page.error);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return {};
  }

  std::expected<void, StoreError> touch_page(std::string_view url, std::int64_t scan_id) override {
    Transaction tx(*this);
    if (!tx.ok()) {
      return std::unexpected(error(StoreFailure::query, "cannot begin a transaction"));
    }
    const std::string now = core::utc_iso8601();
    Statement s(m_db.get(), "UPDATE pages SET last_seen = ?2, last_scan = ?3 WHERE url = ?1");
    s.bind(1, url);
    s.bind(2, now);
    s.bind(3, scan_id);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    // The page is the same as when it was judged: its findings stand, seen again in this scan; a
    // violation first seen in an earlier scan is now `open`.
    Statement f(m_db.get(), "UPDATE findings SET last_scan = ?2, last_seen = ?3, "
                            "state = CASE WHEN state = 'new' AND first_scan < ?2 THEN 'open' ELSE state END "
                            "WHERE page_url = ?1");
    f.bind(1, url);
    f.bind(2, scan_id);
    f.bind(3, now);
    if (f.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    if (!tx.commit()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return {};
  }

  std::expected<std::vector<Finding>, StoreError> findings(std::int64_t since_scan) override {
    Statement s(m_db.get(), (std::string("SELECT ") + k_finding_columns +
                             " FROM findings f LEFT JOIN originals o ON o.id = f.original_id WHERE f.last_scan >= ?1 "
                             "ORDER BY f.site, f.page_url, f.original_id")
                                .c_str());
    s.bind(1, since_scan);
    return all_rows(s, finding_from);
  }

  std::expected<bool, StoreError> ignore_finding(std::int64_t id, std::string_view reason) override {
    Statement s(m_db.get(), "UPDATE findings SET state = 'ignored', ignored_reason = ?2 WHERE id = ?1");
    s.bind(1, id);
    s.bind(2, reason);
    if (s.step() != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return sqlite3_changes(m_db.get()) > 0;
  }

private:
  // Every row of `s`, read by `read`; a failed step is an error, not a short list.
  template <typename Read>
  auto all_rows(Statement& s, Read read) -> std::expected<std::vector<decltype(read(s))>, StoreError> {
    if (!s.ok()) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    std::vector<decltype(read(s))> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
      out.push_back(read(s));
    }
    if (rc != SQLITE_DONE) {
      return std::unexpected(last_error(StoreFailure::query));
    }
    return out;
  }

  // Rolls back unless committed: an error path cannot leave a transaction open.
  class Transaction {
  public:
    explicit Transaction(SqliteStore& store) : m_store(store) { m_ok = store.exec("BEGIN IMMEDIATE;").has_value(); }
    ~Transaction() {
      if (m_ok && !m_committed) {
        m_store.exec("ROLLBACK;");
      }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool ok() const { return m_ok; }
    bool commit() {
      m_committed = m_store.exec("COMMIT;").has_value();
      return m_committed;
    }

  private:
    SqliteStore& m_store;
    bool m_ok = false;
    bool m_committed = false;
  };

  std::expected<void, StoreError> exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string detail = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return std::unexpected(error(StoreFailure::query, detail));
    }
    return {};
  }

  StoreError error(StoreFailure failure, const std::string& detail) const {
    return StoreError{failure, m_path.string() + ": " + detail};
  }
  StoreError last_error(StoreFailure failure) const { return error(failure, sqlite3_errmsg(m_db.get())); }

  DbHandle m_db;
  std::filesystem::path m_path;
};

} // namespace

std::string describe(const StoreError& error) {
  return error.detail;
}

int schema_version() {
  return static_cast<int>(k_migrations.size());
}

std::expected<std::unique_ptr<Store>, StoreError> open_sqlite(const std::filesystem::path& path,
                                                              const SqliteOptions& options) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    return std::unexpected(
        StoreError{StoreFailure::open, path.string() + ": " + (raw != nullptr ? sqlite3_errmsg(raw) : "cannot open")});
  }
  sqlite3_busy_timeout(db.get(), static_cast<int>(options.busy_timeout.count()));
  auto store = std::make_unique<SqliteStore>(std::move(db), path);
  if (auto migrated = store->migrate(); !migrated) {
    return std::unexpected(StoreError{StoreFailure::schema, migrated.error().detail});
  }
  return store;
}

} // namespace syndcheck::store
