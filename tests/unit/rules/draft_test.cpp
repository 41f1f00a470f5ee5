// tests/unit/rules/draft_test.cpp: `rules draft` on terms text, `rules lint` on fixtures/rules,
// and the draft-vs-library figure that bench/eval-draft prints.
//
// Rule: the figure is a floor (issue 5: at least 10 of 14); lowering it needs a reason in review.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <stdlib.h>

#include "rules/draft.hpp"
#include "rules/explain.hpp"
#include "rules/rule_set.hpp"

namespace {

const std::filesystem::path k_root = SYNDCHECK_SOURCE_DIR;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

syndcheck::rules::PublisherRules load_draft(const std::string& terms, const std::string& id = "draft") {
  syndcheck::rules::DraftOptions options;
  options.publisher = id;
  auto draft = syndcheck::rules::draft_rules(terms, options);
  REQUIRE(draft.has_value());
  auto rules = syndcheck::rules::parse_rules(draft->yaml, "draft.yaml");
  INFO(draft->yaml);
  REQUIRE(rules.has_value());
  return *rules;
}

} // namespace

TEST_CASE("draft recognises link, position, indexing, directness, limits, full reprint and labels", "[rules]") {
  SECTION("English, position in digits, a sentence that refers back") {
    const auto rules = load_draft("Partial use is allowed only with a direct, open to search engines hyperlink to the "
                                  "direct address of the material.\n\nThe hyperlink must be placed no lower than the "
                                  "2nd paragraph.\nReprinting in full is prohibited.\n");
    REQUIRE(rules.rules.size() == 2);
    const auto& link = std::get<syndcheck::rules::HyperlinkRule>(rules.rules[0].kind);
    CHECK(std::holds_alternative<syndcheck::rules::ToArticle>(link.to));
    CHECK(link.max_paragraph == 2);
    CHECK(link.follow);
    CHECK(link.direct);
    CHECK(std::get<syndcheck::rules::ReuseRule>(rules.rules[1].kind).full_reprint_forbidden);
    CHECK(rules.rules[1].source == "Reprinting in full is prohibited.");
  }
  SECTION("Ukrainian words for positions, sources section, labels") {
    const auto rules = load_draft("1. Розміщення прямого гіперпосилання на цитовані статті, яке має бути відкритим "
                                  "для індексації.\n2. Розміщення такого посилання не нижче другого абзацу або у "
                                  "розділі джерел.\nМатеріали, позначені такими мітками, як:\n– «Промо»,\n– «PR»,\n"
                                  "публікуються на умовах рекламного контенту.\n");
    REQUIRE(rules.rules.size() == 1);
    const auto& link = std::get<syndcheck::rules::HyperlinkRule>(rules.rules[0].kind);
    CHECK(link.max_paragraph == 2);
    CHECK(link.or_sources_section);
    CHECK(rules.exclude == std::vector<std::string>{"original.advertisement"});
    CHECK(rules.advertisement_labels == std::vector<std::string>{"Промо", "PR"});
  }
  SECTION("Russian percentage and fixed phrase; unread sentences are listed") {
    syndcheck::rules::DraftOptions options;
    auto draft = syndcheck::rules::draft_rules("Эксклюзивные материалы: не более 50% текста, с обязательным "
                                               "указанием \"Полный текст читайте на example.org\".\nПогода хорошая.\n",
                                               options);
    REQUIRE(draft.has_value());
    CHECK(draft->unread == std::vector<std::string>{"Погода хорошая."});
    CHECK(draft->yaml.find("reuse: {max_coverage: 0.5}") != std::string::npos);
    CHECK(draft->yaml.find("credit: {phrase: \"Полный текст читайте на example.org\"}") != std::string::npos);
  }
  SECTION("oversized input is refused") {
    syndcheck::rules::DraftOptions options;
    options.max_terms_bytes = 10;
    CHECK_FALSE(syndcheck::rules::draft_rules("0123456789ABC", options).has_value());
  }
}

// The terms texts are in ../shared/terms (read-only material that stays out of this repository):
// without it the figure cannot be measured, and the test says so instead of passing silently.
TEST_CASE("the drafts equal the library for at least 10 of the 14 publishers", "[rules]") {
  const std::filesystem::path terms = k_root.parent_path() / "shared" / "terms";
  if (!std::filesystem::is_directory(terms)) {
    WARN("skipped: " << terms << " is absent, so the draft-vs-library figure is not measured");
    return;
  }
  auto library = syndcheck::rules::load_rules_dir(k_root / "rules");
  REQUIRE(library.has_value());
  int equal = 0;
  int total = 0;
  for (const char* id : {"ukrinform", "fact-news", "suspilne-mediateka", "unian", "oopsnews", "avopros", "unitynews",
                         "62ua", "krynica", "sputnik-tj", "ir-press", "cyna", "ap", "reuters"}) {
    const std::filesystem::path file = terms / (std::string(id) + ".md");
    REQUIRE(std::filesystem::exists(file));
    ++total;
    const auto draft = load_draft(read(file), id);
    const auto* match = library->publisher_for_url("https://" + draft.domains.front() + "/");
    REQUIRE(match != nullptr);
    const auto differences = syndcheck::rules::compare_rules(draft, *match);
    INFO(file.filename().string() << ": " << differences.size() << " differences");
    equal += differences.empty() ? 1 : 0;
  }
  CHECK(total == 14);
  // Figure at the time of writing: 14 of 14 (bench/eval-draft). The floor is the 10.
  CHECK(equal >= 10);
}

TEST_CASE("lint passes on rules/ and rejects each invalid sample at its position", "[rules]") {
  CHECK(syndcheck::rules::lint_rules(k_root / "rules").empty());
  int samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(k_root / "fixtures" / "rules" / "invalid")) {
    ++samples;
    const std::string text = read(entry.path());
    const std::string expected = text.substr(std::string("# expect: ").size(), text.find('\n') - 10);
    const auto problems = syndcheck::rules::lint_rules(entry.path());
    REQUIRE(problems.size() == 1);
    CHECK(syndcheck::rules::describe(problems[0]) == entry.path().string() + ":" + expected);
  }
  CHECK(samples >= 8);
}

TEST_CASE("lint reports directory problems: duplicate ids, domains claimed twice, unknown licensees", "[rules]") {
  // A directory of its own: dev and asan suites may run this test at the same time.
  std::string pattern = (std::filesystem::temp_directory_path() / "syndcheck-lint-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::filesystem::path dir = pattern;
  std::ofstream(dir / "a.yaml")
      << "publisher: a\ndomains: [a.example]\nlicensees:\n  - {publisher: ghost}\nrules: []\n";
  std::ofstream(dir / "b.yaml") << "publisher: a\ndomains: [a.example]\nrules: []\n";
  const auto problems = syndcheck::rules::lint_rules(dir);
  std::vector<std::string> lines;
  for (const auto& p : problems) {
    lines.push_back(syndcheck::rules::describe(p));
  }
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        (dir / "b.yaml").string() + ":1:12: duplicate publisher id 'a' (also in " + (dir / "a.yaml").string() + ")");
  CHECK(lines[1] == (dir / "b.yaml").string() + ":2:11: domain 'a.example' is also claimed by publisher 'a' (" +
                        (dir / "a.yaml").string() + ")");
  CHECK(lines[2] == (dir / "a.yaml").string() + ":4:5: licensee publisher 'ghost' has no rule file in the directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("explain prints each rule in plain English with its terms sentence", "[rules]") {
  auto library = syndcheck::rules::load_rules_dir(k_root / "rules");
  REQUIRE(library.has_value());
  const std::string text = syndcheck::rules::explain(*library, *library->find("fact-news"));
  CHECK(text.find("1. direct-link: The copy must link to the original article itself in paragraph 2 or above; the "
                  "link must be open to search engines") != std::string::npos);
  CHECK(text.find("2. quote-limit-news: Only when the original is of kind news: the copy may reproduce at most 30% of "
                  "the original.") != std::string::npos);
  CHECK(
      text.find("   The terms say: \"Reprinting in full is prohibited without the written permission of the Site\"") !=
      std::string::npos);
}
