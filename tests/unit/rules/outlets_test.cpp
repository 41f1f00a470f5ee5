// tests/unit/rules/outlets_test.cpp: which publishers an original cites as its source, and the
// alias matching shared with credit rules.
//
// Rule: a mention is not a citation; each language has a positive and a negative case.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "article_builder.hpp"
#include "rules/alias_matcher.hpp"
#include "rules/evaluator.hpp"

using namespace syndcheck::rules::testing;
using syndcheck::rules::cited_outlets;

namespace {

const syndcheck::rules::RuleSet& shipped() {
  static const syndcheck::rules::RuleSet set = [] {
    auto loaded = syndcheck::rules::load_rules_dir(std::filesystem::path(SYNDCHECK_SOURCE_DIR) / "rules");
    REQUIRE(loaded.has_value());
    return *loaded;
  }();
  return set;
}

// The ids of the publishers that the one-paragraph original `text` cites, Ukrinform being self.
std::vector<std::string> cited_by(const std::string& text) {
  const auto* self = shipped().find("ukrinform");
  REQUIRE(self != nullptr);
  std::vector<std::string> ids;
  for (const auto* p : cited_outlets(shipped(), *self, article({block(1, text)}))) {
    ids.push_back(p->publisher);
  }
  return ids;
}

const std::vector<std::string> k_yonhap{"yonhap"};
const std::vector<std::string> k_nobody{};

} // namespace

TEST_CASE("an outlet named with a source cue is cited", "[rules]") {
  SECTION("English") {
    CHECK(cited_by("The talks will resume next week, Yonhap reports, according to Ukrinform.") == k_yonhap);
    CHECK(cited_by("According to Yonhap, the talks will resume next week.") == k_yonhap);
    CHECK(cited_by("According to South Korea's Yonhap news agency, talks resume.") == k_yonhap);
    CHECK(cited_by("The minister said so, citing Yonhap.") == k_yonhap);
    CHECK(cited_by("Yonhap News Agency reported that the talks resume.") == k_yonhap);
    CHECK(cited_by("Yonhap said the talks would resume.") == k_yonhap);
  }
  SECTION("Ukrainian, with inflected and Cyrillic aliases") {
    CHECK(cited_by("Про це повідомляє Йонхап, передає Укрінформ.") == k_yonhap);
    CHECK(cited_by("Переговори відновляться, з посиланням на Yonhap пише Укрінформ.") == k_yonhap);
    CHECK(cited_by("За даними агентства Йонхап, переговори відновляться.") == k_yonhap);
  }
  SECTION("Russian") {
    CHECK(cited_by("Об этом передает Йонхап.") == k_yonhap);
    CHECK(cited_by("Переговоры возобновятся, сообщает Йонхап.") == k_yonhap);
    CHECK(cited_by("Со ссылкой на Йонхап агентство пишет о переговорах.") == k_yonhap);
  }
  SECTION("German, Polish, French, Spanish") {
    CHECK(cited_by("Laut Yonhap werden die Gespräche fortgesetzt.") == k_yonhap);
    CHECK(cited_by("Die Gespräche gehen weiter, berichtet Yonhap.") == k_yonhap);
    CHECK(cited_by("Według Yonhap rozmowy zostaną wznowione.") == k_yonhap);
    CHECK(cited_by("Selon Yonhap, les pourparlers reprendront.") == k_yonhap);
    CHECK(cited_by("Según Yonhap, las conversaciones se reanudarán.") == k_yonhap);
  }
  SECTION("Korean name of the agency") {
    CHECK(cited_by("According to 연합뉴스, the talks resume.") == k_yonhap);
  }
}

TEST_CASE("a bare mention of an outlet is not a citation", "[rules]") {
  SECTION("no cue at all") {
    CHECK(cited_by("Blinken met Yonhap journalists in Seoul.") == k_nobody);
    CHECK(cited_by("Блінкен зустрівся з журналістами Йонхап у Сеулі.") == k_nobody);
    CHECK(cited_by("Блинкен встретился с журналистами Йонхап в Сеуле.") == k_nobody);
  }
  SECTION("the verb belongs to another clause") {
    CHECK(cited_by("Blinken met Yonhap journalists and said the talks resume.") == k_nobody);
  }
  SECTION("the cue is in another sentence") {
    CHECK(cited_by("The minister spoke according to plan. Yonhap was in the room.") == k_nobody);
  }
  SECTION("a longer word that merely starts with the name") {
    CHECK(cited_by("According to Yonhapnewsroom staff, the talks resume.") == k_nobody);
  }
  SECTION("the publisher itself is never a cited outlet") {
    CHECK(cited_by("The talks resume, Ukrinform reports.") == k_nobody);
  }
  SECTION("nothing at all") {
    CHECK(cited_by("") == k_nobody);
  }
}

TEST_CASE("aliases match whole words with short inflections", "[rules]") {
  using syndcheck::rules::detail::AliasMatcher;
  using syndcheck::rules::detail::SegmentedText;
  const AliasMatcher matcher({"Ukrinform", "Укрінформ", "Yonhap News Agency"});
  auto count = [&](const std::string& text) { return matcher.find(SegmentedText(text)).size(); };
  SECTION("inflected Ukrainian and Latin forms") {
    CHECK(count("за даними Укрінформу") == 1);
    CHECK(count("as Ukrinformu said") == 1);
    CHECK(count("UKRINFORM") == 1);
  }
  SECTION("the Russian spelling matches through transliteration") {
    CHECK(count("по данным Укринформа") == 1);
  }
  SECTION("too long a tail, or the name inside a domain") {
    CHECK(count("Ukrinformation") == 0);
    CHECK(count("see ukrinform.net") == 0);
  }
  SECTION("multi-word aliases need every word") {
    const auto hits = matcher.find(SegmentedText("the Yonhap News Agency's report"));
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].last - hits[0].first == 3);
    CHECK(count("the Yonhap News report") == 0);
  }
}
