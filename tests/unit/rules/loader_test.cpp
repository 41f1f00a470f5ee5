// tests/unit/rules/loader_test.cpp: rules/*.yaml -> PublisherRules, and every error with its
// file:line:col.
//
// Rule: each error case asserts the whole message, because the message is what a user acts on.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "rules/rule_set.hpp"

namespace fs = std::filesystem;
using syndcheck::rules::describe;
using syndcheck::rules::parse_rules;

namespace {

// A fresh directory under the system temp dir, removed when the test ends.
class TempDir {
public:
  TempDir() {
    std::random_device device;
    m_path = fs::temp_directory_path() / ("syndcheck-rules-" + std::to_string(device()));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = m_path / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

private:
  fs::path m_path;
};

std::string error_of(const std::string& yaml) {
  const auto rules = parse_rules(yaml, "x.yaml");
  REQUIRE_FALSE(rules.has_value());
  return describe(rules.error());
}

const char* const k_minimal = "publisher: acme\ndomains: [acme.test]\n";

} // namespace

TEST_CASE("the shipped rules/ directory loads with Ukrinform's and Yonhap's terms", "[rules]") {
  const auto set = syndcheck::rules::load_rules_dir(fs::path(SYNDCHECK_SOURCE_DIR) / "rules");
  if (!set) {
    FAIL(describe(set.error()));
  }
  const auto* ukrinform = set->find("ukrinform");
  REQUIRE(ukrinform != nullptr);
  CHECK(ukrinform->name == "Ukrinform");
  CHECK(ukrinform->domains.front() == "ukrinform.net");
  CHECK(ukrinform->domains.size() == ukrinform->domain_positions.size());
  CHECK(ukrinform->terms_text.starts_with("While citing and using any materials"));
  REQUIRE(ukrinform->rules.size() == 2);

  const auto& first = ukrinform->rules[0];
  CHECK(first.id == "hyperlink-first-paragraph");
  CHECK(first.when == syndcheck::rules::Condition::always);
  const auto* hyperlink = std::get_if<syndcheck::rules::HyperlinkRule>(&first.kind);
  REQUIRE(hyperlink != nullptr);
  CHECK(std::holds_alternative<syndcheck::rules::ToPublisher>(hyperlink->to));
  CHECK(hyperlink->max_paragraph == 1);
  CHECK_FALSE(hyperlink->follow);

  const auto& second = ukrinform->rules[1];
  CHECK(second.id == "outlet-hyperlink");
  CHECK(second.when == syndcheck::rules::Condition::original_cites_outlet);
  const auto* outlet = std::get_if<syndcheck::rules::HyperlinkRule>(&second.kind);
  REQUIRE(outlet != nullptr);
  CHECK(std::holds_alternative<syndcheck::rules::ToCitedOutlets>(outlet->to));
  CHECK_FALSE(outlet->max_paragraph.has_value());
  CHECK(second.position.line > first.position.line);

  const auto* yonhap = set->find("yonhap");
  REQUIRE(yonhap != nullptr);
  CHECK(yonhap->rules.empty());
  CHECK(yonhap->name == "Yonhap News Agency");
}

TEST_CASE("publisher_for_url finds the publisher by host, subdomains included", "[rules]") {
  const auto set = syndcheck::rules::load_rules_dir(fs::path(SYNDCHECK_SOURCE_DIR) / "rules");
  REQUIRE(set.has_value());
  SECTION("www and language subdomains") {
    const auto* p = set->publisher_for_url("https://www.ukrinform.net/rubric-polytics/3800000-x.html");
    REQUIRE(p != nullptr);
    CHECK(p->publisher == "ukrinform");
    const auto* y = set->publisher_for_url("https://en.yna.co.kr/view/AEN2024");
    REQUIRE(y != nullptr);
    CHECK(y->publisher == "yonhap");
  }
  SECTION("another listed domain") {
    const auto* p = set->publisher_for_url("http://UKRINFORM.UA/news");
    REQUIRE(p != nullptr);
    CHECK(p->publisher == "ukrinform");
  }
  SECTION("look-alike and unknown hosts") {
    CHECK(set->publisher_for_url("https://notukrinform.net/a") == nullptr);
    CHECK(set->publisher_for_url("https://ukrinform.net.evil.test/a") == nullptr);
    CHECK(set->publisher_for_url("not a url") == nullptr);
    CHECK(set->find("nobody") == nullptr);
  }
  SECTION("the most specific domain wins") {
    auto general = parse_rules("publisher: general\ndomains: [example.org]\n", "g.yaml");
    auto specific = parse_rules("publisher: specific\ndomains: [news.example.org]\n", "s.yaml");
    REQUIRE(general.has_value());
    REQUIRE(specific.has_value());
    const syndcheck::rules::RuleSet both({*general, *specific});
    CHECK(both.publisher_for_url("https://a.news.example.org/x")->publisher == "specific");
    CHECK(both.publisher_for_url("https://www.example.org/x")->publisher == "general");
  }
}

TEST_CASE("optional keys take their documented defaults", "[rules]") {
  const auto rules =
      parse_rules(std::string(k_minimal) + "rules:\n  - id: credit-it\n    credit:\n  - id: to-list\n"
                                           "    hyperlink: {to: [Partner.Test], follow: true, max_paragraph: 0}\n",
                  "x.yaml");
  if (!rules) {
    FAIL(describe(rules.error()));
  }
  CHECK(rules->name == "acme");
  REQUIRE(rules->aliases.size() == 1);
  CHECK(rules->aliases[0] == "acme");
  REQUIRE(rules->rules.size() == 2);
  CHECK(std::holds_alternative<syndcheck::rules::CreditRule>(rules->rules[0].kind));
  const auto& link = std::get<syndcheck::rules::HyperlinkRule>(rules->rules[1].kind);
  REQUIRE(std::holds_alternative<syndcheck::rules::ToDomains>(link.to));
  CHECK(std::get<syndcheck::rules::ToDomains>(link.to).domains == std::vector<std::string>{"partner.test"});
  CHECK(link.follow);
  CHECK(link.max_paragraph == 0);
  CHECK(rules->rules[1].position.line == 6);
  CHECK(rules->rules[1].position.column == 5);
}

TEST_CASE("schema errors name file:line:col", "[rules]") {
  SECTION("top level is not a mapping") {
    CHECK(error_of("- a\n- b\n") ==
          "x.yaml:1:1: a rules file must be a mapping with 'publisher', 'domains' and 'rules'");
    CHECK(error_of("") == "x.yaml:1:1: a rules file must be a mapping with 'publisher', 'domains' and 'rules'");
  }
  SECTION("unknown top-level and terms keys") {
    CHECK(error_of(std::string(k_minimal) + "rule: []\n") ==
          "x.yaml:3:1: unknown key 'rule' at the top level (keys: publisher, name, domains, aliases, terms, kinds, "
          "licensees, exclude, advertisement_labels, rules)");
    CHECK(error_of(std::string(k_minimal) + "terms: {url: x, txt: y}\n") ==
          "x.yaml:3:17: unknown key 'txt' in terms (keys: url, text)");
  }
  SECTION("unknown key in credit") {
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - id: c\n    credit: {paragraph: 1}\n") ==
          "x.yaml:5:14: unknown key 'paragraph' in credit (keys: max_paragraph, phrase)");
  }
  SECTION("ids must be kebab-case and present") {
    CHECK(error_of("publisher: Acme_News\ndomains: [acme.test]\n") ==
          "x.yaml:1:12: 'publisher' must be kebab-case (a-z, 0-9, '-'), got 'Acme_News'");
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - credit: {}\n") == "x.yaml:4:5: rule has no 'id'");
  }
  SECTION("wrong container types") {
    CHECK(error_of(std::string(k_minimal) + "rules: {id: x}\n") == "x.yaml:3:8: 'rules' must be a list of rules");
    CHECK(error_of(std::string(k_minimal) + "rules: [credit]\n") ==
          "x.yaml:3:9: a rule must be a mapping with 'id' and one kind (hyperlink or credit)");
    CHECK(error_of(std::string(k_minimal) + "aliases: Acme\n") ==
          "x.yaml:3:10: 'aliases' must be a list of non-empty strings");
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - id: h\n    hyperlink: publisher\n") ==
          "x.yaml:5:16: 'hyperlink' must be a mapping with 'to'");
    CHECK(error_of("publisher: [acme]\ndomains: [acme.test]\n") == "x.yaml:1:12: 'publisher' must be a string");
  }
  SECTION("hyperlink without a target") {
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - id: h\n    hyperlink: {max_paragraph: 1}\n") ==
          "x.yaml:5:16: hyperlink needs 'to' (publisher, article, cited-outlets or a list of domains)");
  }
  SECTION("quoted numbers and booleans are strings, not numbers") {
    CHECK(error_of(std::string(k_minimal) +
                   "rules:\n  - id: h\n    hyperlink: {to: publisher, max_paragraph: \"1\"}\n") ==
          "x.yaml:5:47: 'max_paragraph' must be a non-negative integer");
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - id: h\n    hyperlink: {to: publisher, follow: \"true\"}\n") ==
          "x.yaml:5:40: 'follow' must be true or false");
  }
  SECTION("empty domain lists") {
    CHECK(error_of("publisher: acme\ndomains: []\n") == "x.yaml:2:10: 'domains' lists no domains");
  }
  SECTION("a domain listed twice") {
    CHECK(error_of("publisher: acme\ndomains: [acme.test, ACME.test]\n") ==
          "x.yaml:2:22: domain 'acme.test' is listed twice");
  }
  SECTION("two YAML documents in one file") {
    CHECK(error_of(std::string(k_minimal) + "---\npublisher: other\n") ==
          "x.yaml:4:1: a rules file holds one YAML document; this is a second one");
  }
  SECTION("duplicate key inside a rule") {
    CHECK(error_of(std::string(k_minimal) + "rules:\n  - id: h\n    id: g\n    credit: {}\n") ==
          "x.yaml:5:5: duplicate key 'id' in rule 'h'");
  }
}

TEST_CASE("errors carry a failure kind to branch on", "[rules]") {
  using syndcheck::rules::RulesFailure;
  CHECK(parse_rules("a: [\n", "x.yaml").error().failure == RulesFailure::syntax);
  CHECK(parse_rules("publisher: acme\n", "x.yaml").error().failure == RulesFailure::schema);
  CHECK(parse_rules(std::string(k_minimal) + "rules:\n  - {id: a, credit: {}}\n  - {id: a, credit: {}}\n", "x.yaml")
            .error()
            .failure == RulesFailure::duplicate);
}

TEST_CASE("hostile YAML is an error value, not an exception or a crash", "[rules]") {
  SECTION("deep nesting") {
    const std::string deep =
        std::string(k_minimal) + "terms: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    const auto rules = parse_rules(deep, "x.yaml");
    REQUIRE_FALSE(rules.has_value());
    CHECK(describe(rules.error()).starts_with("x.yaml:"));
  }
  SECTION("anchors and aliases, tags and binary") {
    const auto rules =
        parse_rules(std::string(k_minimal) + "name: &n !!binary aGVsbG8=\naliases: [*n, *n]\n", "x.yaml");
    CHECK(rules.has_value());
  }
  SECTION("an undefined alias") {
    const auto rules = parse_rules(std::string(k_minimal) + "aliases: [*nothing]\n", "x.yaml");
    REQUIRE_FALSE(rules.has_value());
    CHECK(rules.error().failure == syndcheck::rules::RulesFailure::syntax);
  }
}

TEST_CASE("load_rules_file reads a file within the size cap", "[rules]") {
  const TempDir dir;
  SECTION("a good file records its path") {
    const fs::path file = dir.write("acme.yaml", k_minimal);
    const auto rules = syndcheck::rules::load_rules_file(file);
    REQUIRE(rules.has_value());
    CHECK(rules->file == file);
    CHECK(rules->publisher_position.line == 1);
    CHECK(rules->publisher_position.column == 12);
  }
  SECTION("errors name the file as given") {
    const fs::path file = dir.write("bad.yaml", std::string(k_minimal) + "colour: red\n");
    const auto rules = syndcheck::rules::load_rules_file(file);
    REQUIRE_FALSE(rules.has_value());
    CHECK(describe(rules.error()).starts_with(file.string() + ":3:1: unknown key 'colour'"));
  }
  SECTION("a missing file") {
    const auto rules = syndcheck::rules::load_rules_file(dir.path() / "none.yaml");
    REQUIRE_FALSE(rules.has_value());
    CHECK(rules.error().failure == syndcheck::rules::RulesFailure::io);
    CHECK(describe(rules.error()).starts_with((dir.path() / "none.yaml").string() + ": cannot read rules file"));
  }
  SECTION("a file over the cap") {
    const std::string big = std::string(k_minimal) + "# " +
                            std::string(static_cast<std::size_t>(syndcheck::rules::k_max_rules_file_bytes), 'x') + "\n";
    const auto rules = syndcheck::rules::load_rules_file(dir.write("big.yaml", big));
    REQUIRE_FALSE(rules.has_value());
    CHECK(rules.error().failure == syndcheck::rules::RulesFailure::io);
    CHECK(rules.error().message.find("the limit is 1048576") != std::string::npos);
  }
}

TEST_CASE("load_rules_dir loads every yaml file in name order and rejects duplicates", "[rules]") {
  const TempDir dir;
  SECTION("yaml and yml files, others ignored") {
    dir.write("b.yml", "publisher: bee\ndomains: [bee.test]\n");
    dir.write("a.yaml", "publisher: ay\ndomains: [ay.test]\n");
    dir.write("notes.txt", "not yaml: [");
    const auto set = syndcheck::rules::load_rules_dir(dir.path());
    if (!set) {
      FAIL(describe(set.error()));
    }
    REQUIRE(set->publishers().size() == 2);
    CHECK(set->publishers()[0].publisher == "ay");
    CHECK(set->publishers()[1].publisher == "bee");
  }
  SECTION("a duplicate publisher id names the second file") {
    const fs::path a = dir.write("a.yaml", "publisher: same\ndomains: [one.test]\n");
    const fs::path b = dir.write("b.yaml", "# second\npublisher: same\ndomains: [two.test]\n");
    const auto set = syndcheck::rules::load_rules_dir(dir.path());
    REQUIRE_FALSE(set.has_value());
    CHECK(set.error().failure == syndcheck::rules::RulesFailure::duplicate);
    CHECK(describe(set.error()) == b.string() + ":2:12: duplicate publisher id 'same' (also in " + a.string() + ")");
  }
  SECTION("a domain claimed by two publishers") {
    const fs::path a = dir.write("a.yaml", "publisher: one\ndomains: [shared.test]\n");
    const fs::path b = dir.write("b.yaml", "publisher: two\ndomains: [two.test, shared.test]\n");
    const auto set = syndcheck::rules::load_rules_dir(dir.path());
    REQUIRE_FALSE(set.has_value());
    CHECK(describe(set.error()) ==
          b.string() + ":2:21: domain 'shared.test' is also claimed by publisher 'one' (" + a.string() + ")");
  }
  SECTION("the first bad file stops the load") {
    dir.write("a.yaml", "publisher: one\ndomains: [one.test]\n");
    const fs::path b = dir.write("b.yaml", "publisher: two\n");
    const auto set = syndcheck::rules::load_rules_dir(dir.path());
    REQUIRE_FALSE(set.has_value());
    CHECK(describe(set.error()) == b.string() + ":1:1: missing required key 'domains'");
  }
  SECTION("an empty or missing directory") {
    auto empty = syndcheck::rules::load_rules_dir(dir.path());
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().failure == syndcheck::rules::RulesFailure::io);
    CHECK(describe(empty.error()) == dir.path().string() + ": no rule files (*.yaml) in the directory");
    auto missing = syndcheck::rules::load_rules_dir(dir.path() / "nowhere");
    REQUIRE_FALSE(missing.has_value());
    CHECK(describe(missing.error()).starts_with((dir.path() / "nowhere").string() + ": cannot read rules directory: "));
  }
}
