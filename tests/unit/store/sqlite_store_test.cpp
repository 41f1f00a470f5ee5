// tests/unit/store/sqlite_store_test.cpp: the SQLite store keeps originals across opens, replaces
// by URL, evicts by age, and refuses a database from a newer syndcheck.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>

#include "store/store.hpp"

namespace fs = std::filesystem;
using namespace syndcheck;

namespace {

struct TempDb {
  fs::path dir;
  TempDb() {
    std::string pattern = (fs::temp_directory_path() / "syndcheck-store-XXXXXX").string();
    dir = mkdtemp(pattern.data());
  }
  ~TempDb() { fs::remove_all(dir); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  fs::path path() const { return dir / "sub" / "test.db"; }
};

model::Document sample(const std::string& url, const std::string& first_paragraph) {
  model::Document d;
  d.source = url;
  d.final_url = url;
  d.sha256 = std::string(64, 'b');
  d.charset = "UTF-8";
  d.article.canonical_url = url;
  d.article.title = "Title of " + url;
  d.article.language = "en";
  d.article.published = "2025-01-06T14:22:00+02:00";
  d.article.blocks = {{model::BlockKind::paragraph, "The lead.", {}, 0},
                      {model::BlockKind::paragraph, first_paragraph, {}, 1},
                      {model::BlockKind::heading, "Sub heading", {}, 1},
                      {model::BlockKind::quote, "A quoted paragraph.", {}, 2}};
  return d;
}

} // namespace

TEST_CASE("originals survive reopening, blocks and metadata intact", "[store]") {
  TempDb tmp;
  std::int64_t id = 0;
  {
    auto store = store::open_sqlite(tmp.path());
    REQUIRE(store.has_value());
    auto added = (*store)->put_original(sample("https://www.ukrinform.net/a.html", "First paragraph here."),
                                        "ukrinform", std::string("\x01\x00\x02", 3));
    INFO((added ? std::string() : store::describe(added.error())));
    REQUIRE(added.has_value());
    id = *added;
  }
  auto store = store::open_sqlite(tmp.path());
  REQUIRE(store.has_value());
  auto list = (*store)->list_originals();
  REQUIRE(list.has_value());
  REQUIRE(list->size() == 1);
  CHECK((*list)[0].url == "https://www.ukrinform.net/a.html");
  CHECK((*list)[0].publisher == "ukrinform");
  CHECK((*list)[0].words == 8);
  auto doc = (*store)->load_original(id);
  REQUIRE(doc.has_value());
  CHECK(doc->url() == "https://www.ukrinform.net/a.html");
  CHECK(doc->article.body_text() == "The lead.\n\nFirst paragraph here.\n\nA quoted paragraph.");
  REQUIRE(doc->article.blocks.size() == 4);
  CHECK(doc->article.blocks[2].kind == model::BlockKind::heading);
  CHECK(doc->article.blocks[3].paragraph == 2);
  auto signatures = (*store)->signatures();
  REQUIRE(signatures.has_value());
  REQUIRE(signatures->size() == 1);
  CHECK((*signatures)[0].bytes == std::string("\x01\x00\x02", 3));
}

TEST_CASE("putting the same URL again replaces the original and keeps its id", "[store]") {
  TempDb tmp;
  auto store = store::open_sqlite(tmp.path());
  REQUIRE(store.has_value());
  auto first = (*store)->put_original(sample("https://site.example/x", "Old text."), "", "");
  auto second = (*store)->put_original(sample("https://site.example/x", "New text."), "", "");
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(*first == *second);
  auto doc = (*store)->load_original(*first);
  REQUIRE(doc.has_value());
  CHECK(doc->article.body_text().find("New text.") != std::string::npos);
  CHECK(doc->article.body_text().find("Old text.") == std::string::npos);
  CHECK((*store)->list_originals()->size() == 1);
}

TEST_CASE("find, remove and evict", "[store]") {
  TempDb tmp;
  auto store = store::open_sqlite(tmp.path());
  REQUIRE(store.has_value());
  const auto a = *(*store)->put_original(sample("https://site.example/a", "A."), "", "");
  (void)*(*store)->put_original(sample("https://site.example/b", "B."), "", "");
  SECTION("by URL or id") {
    auto by_url = (*store)->find_original("https://site.example/a");
    REQUIRE(by_url.has_value());
    REQUIRE(by_url->has_value());
    CHECK((*by_url)->id == a);
    auto by_id = (*store)->find_original(std::to_string(a));
    REQUIRE(by_id->has_value());
    CHECK((*by_id)->url == "https://site.example/a");
    CHECK_FALSE((*store)->find_original("https://site.example/none")->has_value());
  }
  SECTION("remove") {
    CHECK(*(*store)->remove_original(a));
    CHECK_FALSE(*(*store)->remove_original(a));
    CHECK((*store)->list_originals()->size() == 1);
    CHECK_FALSE((*store)->load_original(a).has_value());
  }
  SECTION("evict by the time they were added") {
    CHECK(*(*store)->evict_added_before("2000-01-01T00:00:00Z") == 0);
    CHECK(*(*store)->evict_added_before("9999-01-01T00:00:00Z") == 2);
    CHECK((*store)->list_originals()->empty());
  }
}

TEST_CASE("a database from a newer syndcheck is refused, not damaged", "[store]") {
  TempDb tmp;
  {
    auto store = store::open_sqlite(tmp.path());
    REQUIRE(store.has_value());
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(tmp.path().c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto store = store::open_sqlite(tmp.path());
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().failure == store::StoreFailure::schema);
  CHECK(store::describe(store.error()).find("newer") != std::string::npos);
}

TEST_CASE("a file that is not a database is an error value", "[store]") {
  TempDb tmp;
  fs::create_directories(tmp.path().parent_path());
  {
    std::FILE* f = std::fopen(tmp.path().c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fputs("this is not an SQLite database, just some text long enough to fill a header....", f);
    std::fclose(f);
  }
  auto store = store::open_sqlite(tmp.path());
  REQUIRE_FALSE(store.has_value());
  CHECK(store::describe(store.error()).find(tmp.path().string()) != std::string::npos);
}

namespace {

store::Finding finding(std::int64_t original_id, const std::string& verdict) {
  store::Finding f;
  f.original_id = original_id;
  f.original_url = "https://www.ukrinform.net/" + std::to_string(original_id);
  f.publisher = "ukrinform";
  f.verdict = verdict;
  f.relation = "verbatim";
  f.coverage = 0.9;
  f.result_json = R"({"verdict":")" + verdict + R"("})";
  return f;
}

store::PageRecord page(const std::string& url) {
  store::PageRecord p;
  p.url = url;
  p.site = "copier.example";
  p.final_url = url;
  p.http_status = 200;
  p.sha256 = std::string(64, 'c');
  p.etag = "\"v1\"";
  return p;
}

store::FindingState state_of(store::Store& db, const std::string& url, std::int64_t original_id) {
  const auto all = db.findings(0); // keep the expected alive: the loop reads into it
  REQUIRE(all.has_value());
  for (const store::Finding& f : *all) {
    if (f.page_url == url && f.original_id == original_id) {
      return f.state;
    }
  }
  FAIL("no finding for " << url << " / " << original_id);
  return store::FindingState::open;
}

} // namespace

TEST_CASE("finding lifecycle: new, open, resolved, ignored, compliant", "[store]") {
  TempDb tmp;
  auto opened = store::open_sqlite(tmp.path());
  REQUIRE(opened.has_value());
  store::Store& db = **opened;
  const std::string url = "https://copier.example/a";
  const auto s1 = *db.begin_scan();
  REQUIRE(db.record_page(page(url), s1, {finding(1, "violation"), finding(2, "compliant")}).has_value());
  CHECK(state_of(db, url, 1) == store::FindingState::new_finding);
  CHECK(state_of(db, url, 2) == store::FindingState::compliant);

  const auto s2 = *db.begin_scan();
  REQUIRE(db.record_page(page(url), s2, {finding(1, "violation"), finding(2, "compliant")}).has_value());
  CHECK(state_of(db, url, 1) == store::FindingState::open);
  CHECK(db.findings(0)->size() == 2); // updated, never duplicated

  SECTION("fixed copy: resolved") {
    const auto s3 = *db.begin_scan();
    REQUIRE(db.record_page(page(url), s3, {finding(1, "compliant")}).has_value());
    CHECK(state_of(db, url, 1) == store::FindingState::resolved);
    SECTION("and violating again: new again") {
      const auto s4 = *db.begin_scan();
      REQUIRE(db.record_page(page(url), s4, {finding(1, "violation")}).has_value());
      CHECK(state_of(db, url, 1) == store::FindingState::new_finding);
    }
  }
  SECTION("removed copy (page gone, no findings): resolved") {
    store::PageRecord gone = page(url);
    gone.http_status = 404;
    gone.error = "HTTP 404 Not Found";
    const auto s3 = *db.begin_scan();
    REQUIRE(db.record_page(gone, s3, {}).has_value());
    CHECK(state_of(db, url, 1) == store::FindingState::resolved);
    auto stored = db.find_page(url);
    REQUIRE(stored.has_value());
    REQUIRE(stored->has_value());
    CHECK((*stored)->error == "HTTP 404 Not Found");
  }
  SECTION("ignored by the desk stays ignored") {
    const auto id = db.findings(0)->front().id;
    REQUIRE(*db.ignore_finding(id, "syndication partner, contract 2025-14"));
    const auto s3 = *db.begin_scan();
    REQUIRE(db.record_page(page(url), s3, {finding(1, "violation")}).has_value());
    CHECK(state_of(db, url, 1) == store::FindingState::ignored);
    CHECK(db.findings(0)->front().ignored_reason == "syndication partner, contract 2025-14");
  }
  SECTION("a licensee's copy is licensed") {
    const auto s3 = *db.begin_scan();
    REQUIRE(db.record_page(page(url), s3, {finding(1, "licensed")}).has_value());
    CHECK(state_of(db, url, 1) == store::FindingState::licensed);
  }
}

TEST_CASE("scans: a scan left running by a killed process is marked interrupted", "[store]") {
  TempDb tmp;
  {
    auto db = store::open_sqlite(tmp.path());
    REQUIRE(db.has_value());
    REQUIRE((*db)->begin_scan().has_value()); // never finished: the process "died"
  }
  auto db = store::open_sqlite(tmp.path());
  REQUIRE(db.has_value());
  const auto second = *(*db)->begin_scan();
  store::ScanRecord record;
  record.id = second;
  record.pages_fetched = 5;
  REQUIRE((*db)->finish_scan(record).has_value());
  const auto scans = *(*db)->list_scans();
  REQUIRE(scans.size() == 2);
  CHECK(scans[0].status == "interrupted");
  CHECK(scans[1].status == "finished");
  CHECK(scans[1].pages_fetched == 5);
  CHECK_FALSE(scans[1].finished_at.empty());
}
