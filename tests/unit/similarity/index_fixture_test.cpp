// tests/unit/similarity/index_fixture_test.cpp: `check COPY` without --original finds the right
// original among 10,000+ indexed ones (fixtures/similarity/index-10k).
//
// Runs the built binary. The filler originals are generated here (fixed seed) into a temporary
// directory and indexed with `originals add`; they are never committed.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/run_process.hpp"

namespace fs = std::filesystem;
using syndcheck::testing::run_process;

namespace {

constexpr std::size_t k_fillers = 10'000;
// Paths per `originals add` call: far below ARG_MAX (~60 bytes each), few enough processes.
constexpr std::size_t k_batch = 500;

const fs::path k_case = fs::path(SYNDCHECK_SOURCE_DIR) / "fixtures/similarity/index-10k";

const std::array<const char*, 40> k_english_words = {
    "the",        "ministry", "said",       "on",        "tuesday", "that",    "talks",    "would",
    "continue",   "next",     "week",       "according", "to",      "an",      "official", "parties",
    "discussed",  "security", "guarantees", "grain",     "exports", "through", "ports",    "agreement",
    "government", "budget",   "region",     "council",   "energy",  "prices",  "winter",   "support",
    "delegation", "visit",    "minister",   "reported",  "in",      "and",     "of",       "its"};
const std::array<const char*, 40> k_ukrainian_words = {
    "міністерство", "заявило", "у",       "вівторок",   "що",      "переговори", "триватимуть",
    "наступного",   "тижня",   "за",      "словами",    "сторони", "обговорили", "гарантії",
    "безпеки",      "експорт", "зерна",   "через",      "порти",   "угода",      "уряд",
    "бюджет",       "область", "рада",    "енергетика", "ціни",    "взимку",     "підтримка",
    "делегація",    "візит",   "міністр", "повідомив",  "в",       "і",          "та",
    "на",           "його",    "її",      "після",      "до"};
// The real originals' people and places, so that anchors alone do not single them out.
const std::array<const char*, 12> k_english_names = {"Blinken", "Putin", "Seoul",    "Japan",    "Biden", "Moscow",
                                                     "Kyiv",    "Odesa", "Brussels", "Zelensky", "Tokyo", "Warsaw"};
const std::array<const char*, 12> k_ukrainian_names = {"Блінкен",  "Путін",      "Сеул",  "Японія",
                                                       "Байден",   "Москва",     "Київ",  "Одеса",
                                                       "Кубраков", "Зеленський", "Токіо", "Варшава"};

std::string filler_page(std::size_t n, std::mt19937& rng) {
  const bool ukrainian = n % 2 == 1;
  const auto& words = ukrainian ? k_ukrainian_words : k_english_words;
  const auto& names = ukrainian ? k_ukrainian_names : k_english_names;
  std::ostringstream page;
  page << "<!DOCTYPE html><html lang=\"" << (ukrainian ? "uk" : "en") << "\"><head><meta charset=\"utf-8\">"
       << "<title>Filler " << n << "</title><link rel=\"canonical\" href=\"https://www.ukrinform.net/filler/" << n
       << ".html\"></head><body><article><h1>" << names[rng() % names.size()] << ' ' << n << "</h1>";
  for (int paragraph = 0; paragraph < 6; ++paragraph) {
    page << "<p>";
    for (int word = 0; word < 40; ++word) {
      const auto pick = rng() % 20;
      if (pick == 0) {
        page << names[rng() % names.size()];
      } else if (pick == 1) {
        page << (rng() % 2 == 0 ? 2023 + rng() % 3 : rng() % 10'000);
      } else {
        page << words[rng() % words.size()];
      }
      page << (word == 39 ? "." : " ");
    }
    page << "</p>";
  }
  page << "</article></body></html>\n";
  return page.str();
}

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "syndcheck-index-10k-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

struct IndexedFixture {
  fs::path dir;
  std::string db;
  nlohmann::json expected;

  IndexedFixture() = default;
  IndexedFixture(IndexedFixture&& other) noexcept
      : dir(std::exchange(other.dir, {})), db(std::move(other.db)), expected(std::move(other.expected)) {}
  IndexedFixture& operator=(IndexedFixture&&) = delete;
  IndexedFixture(const IndexedFixture&) = delete;
  IndexedFixture& operator=(const IndexedFixture&) = delete;
  ~IndexedFixture() {
    if (!dir.empty()) {
      std::error_code ignored;
      fs::remove_all(dir, ignored); // 10,000 pages and the database: ~50 MB per run otherwise
    }
  }
};

// Built once for all sections: generating and indexing 10,000 pages is the slow part.
const IndexedFixture& fixture() {
  static const IndexedFixture instance = [] {
    IndexedFixture built;
    built.dir = make_temp_dir();
    built.db = (built.dir / "index.db").string();
    std::ifstream in(k_case / "expected.json");
    built.expected = nlohmann::json::parse(in);

    std::mt19937 rng(2024); // fixed: the same fillers every run
    std::vector<std::string> batch;
    const auto flush = [&] {
      if (batch.empty()) {
        return;
      }
      std::vector<std::string> argv = {SYNDCHECK_BINARY, "originals", "add", "--db", built.db};
      argv.insert(argv.end(), batch.begin(), batch.end());
      const auto result = run_process(argv);
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
      batch.clear();
    };
    for (std::size_t n = 0; n < k_fillers; ++n) {
      const fs::path path = built.dir / ("filler-" + std::to_string(n) + ".html");
      std::ofstream(path) << filler_page(n, rng);
      batch.push_back(path.string());
      if (batch.size() == k_batch) {
        flush();
      }
    }
    for (const auto& original : built.expected["originals"]) {
      batch.push_back((k_case / original.get<std::string>()).string());
    }
    flush();
    return built;
  }();
  return instance;
}

} // namespace

// [.slow]: ~30 s in a Debug build (indexing 10,000 pages through the CLI); CTest runs it as
// unit.similarity.index.
TEST_CASE("check without --original finds the right original among 10,000 indexed ones", "[similarity][.slow]") {
  const IndexedFixture& indexed = fixture();
  {
    const auto listed = run_process({SYNDCHECK_BINARY, "originals", "list", "--db", indexed.db});
    REQUIRE(listed.exit_code == 0);
    // One line per original: the fillers and the real ones.
    CHECK(static_cast<std::size_t>(std::count(listed.out.begin(), listed.out.end(), '\n')) >= k_fillers + 2);
  }
  for (const auto& item : indexed.expected["copies"]) {
    const std::string copy = item["copy"].get<std::string>();
    SECTION(copy) {
      const auto result =
          run_process({SYNDCHECK_BINARY, "check", (k_case / copy).string(), "--db", indexed.db, "--format", "json"});
      INFO(result.err);
      REQUIRE((result.exit_code == 0 || result.exit_code == 1));
      const auto report = nlohmann::json::parse(result.out);
      REQUIRE(report["matches"].size() == 1); // the original, and no filler
      const auto& match = report["matches"][0];
      CHECK(match["original"]["url"] == item["original"]);
      CHECK(match["relation"] == item["relation"]);
    }
  }
}
