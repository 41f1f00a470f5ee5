// tests/unit/rules/evaluator_test.cpp: rule results and their messages on hand-built facts.
//
// Rule: every case asserts status, message and evidence together, because the report prints all
// three and a right status with the wrong evidence misleads a rights desk.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "article_builder.hpp"
#include "rules/evaluator.hpp"

using namespace syndcheck::rules::testing;
using syndcheck::model::BlockKind;
using syndcheck::model::RuleResult;
using syndcheck::model::RuleStatus;
using syndcheck::model::Verdict;

namespace {

const syndcheck::rules::RuleSet& shipped() {
  static const syndcheck::rules::RuleSet set = [] {
    auto loaded = syndcheck::rules::load_rules_dir(std::filesystem::path(SYNDCHECK_SOURCE_DIR) / "rules");
    REQUIRE(loaded.has_value());
    return *loaded;
  }();
  return set;
}

const std::string k_original_url = "https://www.ukrinform.net/rubric-polytics/3800000-blinken-space-tech.html";

// The Ukrinform original, which cites Yonhap.
const syndcheck::model::Article& citing_original() {
  static const syndcheck::model::Article a =
      article({block(1, "The US and South Korea will cooperate in space technology, Yonhap reports, according to "
                        "Ukrinform."),
               block(2, "Blinken said the talks would continue.")});
  return a;
}

const syndcheck::model::Article& plain_original() {
  static const syndcheck::model::Article a = article({block(1, "Blinken met Yonhap journalists in Seoul.")});
  return a;
}

// Evaluates `publisher` (from the shipped set unless given) on `copy`.
std::vector<RuleResult> run(const syndcheck::model::Article& copy, const syndcheck::model::Article& original,
                            const syndcheck::rules::PublisherRules* publisher = nullptr,
                            syndcheck::model::Robots robots = {}) {
  if (publisher == nullptr) {
    publisher = shipped().find("ukrinform");
  }
  REQUIRE(publisher != nullptr);
  syndcheck::rules::Facts facts;
  facts.original = &original;
  facts.original_url = k_original_url;
  facts.copy = &copy;
  facts.copy_robots = robots;
  return syndcheck::rules::evaluate(shipped(), *publisher, facts);
}

// A one-file publisher for rule variants, ukrinform's domains and aliases.
syndcheck::rules::PublisherRules variant(const std::string& rules_yaml) {
  auto rules =
      syndcheck::rules::parse_rules("publisher: ukrinform\nname: Ukrinform\ndomains: [ukrinform.net, ukrinform.ua]\n"
                                    "aliases: [Ukrinform, Укрінформ, Укринформ]\nrules:\n" +
                                        rules_yaml,
                                    "variant.yaml");
  if (!rules) {
    FAIL(syndcheck::rules::describe(rules.error()));
  }
  return *rules;
}

const std::string k_yna = "https://en.yna.co.kr/view/AEN20241128000100315";

} // namespace

TEST_CASE("a link to the publisher in paragraph 1 or above passes", "[rules]") {
  SECTION("paragraph 1") {
    const auto copy = article(
        {block(1, "Cooperation in space, Ukrinform reports.", {anchor("https://www.ukrinform.net/x", "Ukrinform")}),
         block(2, "More.", {anchor(k_yna, "Yonhap")})});
    const auto results = run(copy, citing_original());
    REQUIRE(results.size() == 2);
    CHECK(results[0].id == "hyperlink-first-paragraph");
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "link to ukrinform.net in paragraph 1 (required: paragraph 1 or above)");
    REQUIRE(results[0].evidence.has_value());
    CHECK(results[0].evidence->href == "https://www.ukrinform.net/x");
    CHECK(results[0].evidence->paragraph == 1);
    CHECK(results[0].evidence->text == "Ukrinform");
    CHECK(results[1].status == RuleStatus::pass);
    CHECK(results[1].message == "link to yna.co.kr (Yonhap News Agency, cited by the original) in paragraph 2");
    CHECK(results[1].evidence->href == k_yna);
    CHECK(syndcheck::rules::verdict_of(results) == Verdict::compliant);
  }
  SECTION("the lead above the body is paragraph 0") {
    const auto copy = article({block(0, "By staff. Source: Ukrinform", {anchor("https://ukrinform.net/", "Ukrinform")}),
                               block(1, "Text.", {anchor(k_yna)}), block(2, "More.")});
    const auto results = run(copy, citing_original());
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "link to ukrinform.net above the body (paragraph 0) (required: paragraph 1 or above)");
    CHECK(results[0].evidence->paragraph == 0);
  }
  SECTION("a link in the byline counts: the byline is paragraph 0 though not body text") {
    const auto copy = article({block(0, "By staff | Ukrinform, January 6, 2025",
                                     {anchor("https://www.ukrinform.net/", "Ukrinform")}, BlockKind::byline),
                               block(1, "Text.", {anchor(k_yna)}), block(2, "More.")});
    const auto results = run(copy, citing_original());
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "link to ukrinform.net above the body (paragraph 0) (required: paragraph 1 or above)");
    REQUIRE(results[0].evidence.has_value());
    CHECK(results[0].evidence->paragraph == 0);
    CHECK(results[0].evidence->href == "https://www.ukrinform.net/");
    CHECK(results[0].evidence->text == "Ukrinform");
  }
  SECTION("any subdomain or other listed domain") {
    const auto sub = article({block(1, "Text.", {anchor("https://en.ukrinform.net/a"), anchor(k_yna)})});
    CHECK(run(sub, citing_original())[0].status == RuleStatus::pass);
    const auto ua = article({block(1, "Text.", {anchor("https://www.ukrinform.ua/a"), anchor(k_yna)})});
    const auto results = run(ua, citing_original());
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].evidence->href == "https://www.ukrinform.ua/a");
  }
}

TEST_CASE("a link to the publisher below the required paragraph fails, naming it", "[rules]") {
  SECTION("only in paragraph 4") {
    const auto copy = article({block(1, "Text.", {anchor(k_yna)}), block(2, "Text."), block(3, "Text."),
                               block(4, "Source: Ukrinform", {anchor("https://www.ukrinform.net/x", "Ukrinform")})});
    const auto results = run(copy, citing_original());
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "first link to ukrinform.net is in paragraph 4; required: paragraph 1 or above");
    REQUIRE(results[0].evidence.has_value());
    CHECK(results[0].evidence->paragraph == 4);
    CHECK(results[0].evidence->href == "https://www.ukrinform.net/x");
    CHECK(syndcheck::rules::verdict_of(results) == Verdict::violation);
  }
  SECTION("no link at all; look-alike hosts do not count") {
    const auto copy = article({block(1, "Ukrinform reports.",
                                     {anchor("https://ukrinform.net.example.com/"), anchor("https://notukrinform.net/"),
                                      anchor("mailto:x@ukrinform.net")})});
    const auto results = run(copy, citing_original());
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "no link to ukrinform.net in the article body; required: paragraph 1 or above");
    CHECK_FALSE(results[0].evidence.has_value());
  }
}

TEST_CASE("follow: true requires a link open to search engines", "[rules]") {
  const auto nofollow = article({block(
      1, "Text.", {anchor("https://www.ukrinform.net/x", "Ukrinform", {"nofollow", "noopener"}), anchor(k_yna)})});
  SECTION("nofollow passes when the rule does not ask") {
    CHECK(run(nofollow, citing_original())[0].status == RuleStatus::pass);
  }
  const auto strict = variant("  - id: followed\n    hyperlink: {to: publisher, max_paragraph: 1, follow: true}\n");
  SECTION("rel nofollow fails with follow: true") {
    const auto results = run(nofollow, citing_original(), &strict);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "the link to ukrinform.net in paragraph 1 has rel=\"nofollow noopener\"; the terms "
                                "require a link open to search engines");
    CHECK(results[0].evidence->rel == std::vector<std::string>{"nofollow", "noopener"});
  }
  SECTION("ugc and sponsored count as nofollow; a second, open link passes") {
    const auto ugc = article({block(1, "Text.", {anchor("https://www.ukrinform.net/x", "a", {"ugc"})})});
    CHECK(run(ugc, citing_original(), &strict)[0].status == RuleStatus::fail);
    const auto both = article({block(1, "Text.",
                                     {anchor("https://www.ukrinform.net/x", "a", {"sponsored"}),
                                      anchor("https://www.ukrinform.net/y", "b", {"noopener"})})});
    const auto results = run(both, citing_original(), &strict);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].evidence->href == "https://www.ukrinform.net/y");
  }
  SECTION("page-level robots nofollow fails however the link is marked") {
    const auto open = article({block(1, "Text.", {anchor("https://www.ukrinform.net/x")})});
    CHECK(run(open, citing_original(), &strict)[0].status == RuleStatus::pass);
    const auto results = run(open, citing_original(), &strict, syndcheck::model::Robots{false, true});
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message.starts_with("the page's robots directives say nofollow"));
    CHECK(results[0].message.ends_with("the terms require a link open to search engines"));
    auto meta = open;
    meta.robots.nofollow = true;
    CHECK(run(meta, citing_original(), &strict)[0].status == RuleStatus::fail);
    CHECK(run(open, citing_original(), nullptr, syndcheck::model::Robots{false, true})[0].status == RuleStatus::pass);
  }
}

TEST_CASE("to: article compares normalised URLs", "[rules]") {
  const auto rules = variant("  - id: article-link\n    hyperlink: {to: article, max_paragraph: 1}\n");
  SECTION("tracking parameters, scheme, www and trailing slash are ignored") {
    const auto copy = article({block(1, "Text.",
                                     {anchor("http://ukrinform.net/rubric-polytics/3800000-blinken-space-tech.html"
                                             "?utm_source=fb&utm_medium=social#top")})});
    const auto results = run(copy, citing_original(), &rules);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "link to " + k_original_url + " in paragraph 1 (required: paragraph 1 or above)");
  }
  SECTION("a link to the home page is not a link to the article") {
    const auto copy = article({block(1, "Text.", {anchor("https://www.ukrinform.net/")})});
    const auto results = run(copy, citing_original(), &rules);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message ==
          "no link to " + k_original_url + " in the article body; required: paragraph 1 or above");
  }
}

TEST_CASE("a list of domains needs a link to any of them", "[rules]") {
  const auto rules =
      variant("  - id: partner\n    hyperlink: {to: [partner.test, partner.example], max_paragraph: 0}\n");
  const auto low = article({block(0, "Lead."), block(1, "Text.", {anchor("https://www.partner.example/a")})});
  const auto results = run(low, citing_original(), &rules);
  CHECK(results[0].status == RuleStatus::fail);
  CHECK(results[0].message ==
        "first link to partner.test or partner.example is in paragraph 1; required: above the body (paragraph 0)");
  const auto lead = article({block(0, "Lead.", {anchor("https://partner.test/")})});
  CHECK(run(lead, citing_original(), &rules)[0].status == RuleStatus::pass);
}

TEST_CASE("the cited-outlet rule needs a link to each cited outlet, and only when one is cited", "[rules]") {
  const auto without_yonhap = article({block(1, "Text.", {anchor("https://www.ukrinform.net/x")})});
  SECTION("cited outlet without a link fails") {
    const auto results = run(without_yonhap, citing_original());
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[1].id == "outlet-hyperlink");
    CHECK(results[1].status == RuleStatus::fail);
    CHECK(results[1].message == "no link to yna.co.kr (Yonhap News Agency, cited by the original)");
    CHECK_FALSE(results[1].evidence.has_value());
  }
  SECTION("nothing cited: not applicable") {
    const auto results = run(without_yonhap, plain_original());
    CHECK(results[1].status == RuleStatus::not_applicable);
    CHECK(results[1].message == "the original cites no other outlet");
    CHECK(syndcheck::rules::verdict_of(results) == Verdict::compliant);
  }
  SECTION("the other Yonhap domain counts") {
    const auto copy = article({block(1, "Text.", {anchor("https://www.ukrinform.net/x")}),
                               block(5, "Yonhap.", {anchor("http://www.yonhapnews.co.kr/x")})});
    CHECK(run(copy, citing_original())[1].status == RuleStatus::pass);
  }
  SECTION("cited in Ukrainian and Russian originals") {
    const auto uk = article({block(1, "США і Південна Корея співпрацюватимуть, повідомляє Йонхап.")});
    const auto ru = article({block(1, "Об этом со ссылкой на Йонхап сообщает Укринформ.")});
    CHECK(run(without_yonhap, uk)[1].status == RuleStatus::fail);
    CHECK(run(without_yonhap, ru)[1].status == RuleStatus::fail);
  }
}

TEST_CASE("credit rules look for an alias in the copy's text", "[rules]") {
  const auto anywhere = variant("  - id: credit\n    credit: {}\n");
  SECTION("inflected Ukrainian alias") {
    const auto copy = article({block(1, "Співпраця в космосі."), block(2, "Про це повідомили журналісти Укрінформу.")});
    const auto results = run(copy, citing_original(), &anywhere);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "credit to Ukrinform in paragraph 2: \"Укрінформу\"");
    REQUIRE(results[0].evidence.has_value());
    CHECK(results[0].evidence->text == "Укрінформу");
    CHECK(results[0].evidence->paragraph == 2);
    CHECK(results[0].evidence->href.empty());
  }
  SECTION("no alias at all") {
    const auto copy = article({block(1, "Space cooperation, a news agency reports.")});
    const auto results = run(copy, citing_original(), &anywhere);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message ==
          "no credit to Ukrinform (aliases: Ukrinform, Укрінформ, Укринформ) in the article body");
  }
  SECTION("too low for max_paragraph") {
    const auto high = variant("  - id: credit\n    credit: {max_paragraph: 1}\n");
    const auto copy = article({block(1, "Text."), block(3, "Source: UKRINFORM")});
    const auto results = run(copy, citing_original(), &high);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message ==
          "first credit to Ukrinform (\"UKRINFORM\") is in paragraph 3; required: paragraph 1 or above");
    CHECK(results[0].evidence->paragraph == 3);
  }
}

TEST_CASE("conditions apply to any rule kind", "[rules]") {
  const auto rules = variant("  - id: credit-when-citing\n    when: original.cites-outlet\n    credit: {}\n"
                             "  - id: cited-without-when\n    hyperlink: {to: cited-outlets, max_paragraph: 2}\n");
  const auto copy = article({block(1, "Text."), block(3, "Yonhap", {anchor(k_yna, "Yonhap")})});
  SECTION("not cited") {
    const auto results = run(copy, plain_original(), &rules);
    CHECK(results[0].status == RuleStatus::not_applicable);
    CHECK(results[1].status == RuleStatus::not_applicable);
    CHECK(results[1].message == "the original cites no other outlet");
  }
  SECTION("cited") {
    const auto results = run(copy, citing_original(), &rules);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[1].status == RuleStatus::fail);
    CHECK(results[1].message == "first link to yna.co.kr (Yonhap News Agency, cited by the original) is in paragraph "
                                "3; required: paragraph 2 or above");
  }
}

TEST_CASE("verdict_of: any fail is a violation", "[rules]") {
  CHECK(syndcheck::rules::verdict_of({}) == Verdict::compliant);
  CHECK(syndcheck::rules::verdict_of({{"a", RuleStatus::pass, "", std::nullopt},
                                      {"b", RuleStatus::not_applicable, "", std::nullopt}}) == Verdict::compliant);
  CHECK(syndcheck::rules::verdict_of({{"a", RuleStatus::pass, "", std::nullopt},
                                      {"b", RuleStatus::fail, "", std::nullopt}}) == Verdict::violation);
}
