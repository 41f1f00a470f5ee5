// tests/unit/rules/kinds_test.cpp: the rule kinds and conditions of issue 5 on hand-built facts:
// direct/anchor/or_section links, credit phrases, reuse, embargo, `when` mappings, `exclude`,
// licensees and needs-review.
//
// Rule: each case states the facts the evaluator sees and asserts status and message together.
#include <catch2/catch.hpp>

#include <string>

#include "article_builder.hpp"
#include "rules/evaluator.hpp"

using namespace syndcheck::rules::testing;
using syndcheck::model::RuleStatus;
using syndcheck::model::Verdict;

namespace {

const std::string k_original_url = "https://fact-news.com.ua/news/2026/01/10/123-story.html";

syndcheck::rules::PublisherRules publisher(const std::string& extra, const std::string& rules_yaml) {
  auto rules = syndcheck::rules::parse_rules("publisher: fact-news\nname: FACTS\ndomains: [fact-news.com.ua]\n"
                                             "aliases: [FACTS, ФАКТИ]\n" +
                                                 extra + "rules:\n" + rules_yaml,
                                             "kinds.yaml");
  if (!rules) {
    FAIL(syndcheck::rules::describe(rules.error()));
  }
  return *rules;
}

struct Run {
  syndcheck::rules::RuleSet set;
  syndcheck::rules::Facts facts;
  syndcheck::model::Article original = article({block(1, "The council met on Monday.")});
  syndcheck::model::Article copy;

  Run() {
    facts.original_url = k_original_url;
    facts.relation = syndcheck::model::Relation::partial;
  }
  std::vector<syndcheck::model::RuleResult> evaluate(const syndcheck::rules::PublisherRules& p) {
    set = syndcheck::rules::RuleSet({p});
    facts.original = &original;
    facts.copy = &copy;
    return syndcheck::rules::evaluate(set, *set.find(p.publisher), facts);
  }
};

} // namespace

TEST_CASE("direct: a link through a redirector or another host is not a direct link", "[rules]") {
  const auto p = publisher("", "  - id: direct-link\n    hyperlink: {to: article, max_paragraph: 2, direct: true}\n");
  Run run;
  SECTION("a shortener carrying the article URL fails, naming the redirector") {
    run.copy = article({block(
        1, "Story.",
        {anchor(
            "https://away.vk.com/away.php?to=https%3A%2F%2Ffact-news.com.ua%2Fnews%2F2026%2F01%2F10%2F123-story.html",
            "FACTS")})});
    const auto results = run.evaluate(p);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message.find("goes through away.vk.com (a redirector)") != std::string::npos);
    REQUIRE(results[0].evidence);
    CHECK(results[0].evidence->paragraph == 1);
  }
  SECTION("a direct link to the article passes") {
    run.copy = article(
        {block(2, "Story.", {anchor("https://www.fact-news.com.ua/news/2026/01/10/123-story.html?utm_source=x")})});
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "link to " + k_original_url + " in paragraph 2 (required: paragraph 2 or above)");
  }
}

TEST_CASE("anchor: the anchor text must name the publisher or hold the phrase", "[rules]") {
  Run run;
  run.copy = article({block(1, "Story.", {anchor("https://fact-news.com.ua/x", "here")})});
  SECTION("alias") {
    const auto results = run.evaluate(publisher("", "  - id: l\n    hyperlink: {to: publisher, anchor: alias}\n"));
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "the link to fact-news.com.ua in paragraph 1 has anchor text \"here\"; the terms "
                                "require anchor text naming FACTS");
    run.copy.blocks[0].links[0].text = "за даними ФАКТИ";
    CHECK(run.evaluate(publisher("", "  - id: l\n    hyperlink: {to: publisher, anchor: alias}\n"))[0].status ==
          RuleStatus::pass);
  }
  SECTION("phrase") {
    const auto p = publisher("", "  - id: l\n    hyperlink: {to: publisher, anchor: \"reports FACTS\"}\n");
    CHECK(run.evaluate(p)[0].status == RuleStatus::fail);
    run.copy.blocks[0].links[0].text = "Reports   FACTS";
    CHECK(run.evaluate(p)[0].status == RuleStatus::pass);
  }
}

TEST_CASE("or_section: a link under a Sources heading or line counts below max_paragraph", "[rules]") {
  Run run;
  const std::string rule = "  - id: l\n    hyperlink: {to: publisher, max_paragraph: 2";
  SECTION("Джерела: line") {
    run.copy = article({block(1, "a"), block(2, "b"), block(3, "c"),
                        block(4, "Джерела: 62.ua", {anchor("https://fact-news.com.ua/x", "62.ua")})});
    CHECK(run.evaluate(publisher("", rule + "}\n"))[0].status == RuleStatus::fail);
    const auto results = run.evaluate(publisher("", rule + ", or_section: sources}\n"));
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message.find("in paragraph 4 (a sources section)") != std::string::npos);
  }
  SECTION("Sources heading") {
    run.copy = article({block(1, "a"), block(2, "b"), block(2, "Sources", {}, syndcheck::model::BlockKind::heading),
                        block(3, "FACTS story", {anchor("https://fact-news.com.ua/x", "FACTS")})});
    CHECK(run.evaluate(publisher("", rule + ", or_section: sources}\n"))[0].status == RuleStatus::pass);
  }
  SECTION("an ordinary paragraph mentioning a source does not count") {
    run.copy = article(
        {block(1, "a"), block(2, "b"), block(3, "The source said: more.", {anchor("https://fact-news.com.ua/x")})});
    CHECK(run.evaluate(publisher("", rule + ", or_section: sources}\n"))[0].status == RuleStatus::fail);
  }
}

TEST_CASE("review_paragraphs: a deciding link where the terms are ambiguous needs review", "[rules]") {
  Run run;
  const auto p =
      publisher("", "  - id: l\n    hyperlink: {to: article, max_paragraph: 2, review_paragraphs: [0, 1]}\n");
  const std::string href = "https://fact-news.com.ua/news/2026/01/10/123-story.html";
  SECTION("paragraph 1: needs-review") {
    run.copy = article({block(1, "a", {anchor(href)})});
    CHECK(run.evaluate(p)[0].status == RuleStatus::needs_review);
  }
  SECTION("paragraph 2: pass; paragraph 3: fail") {
    run.copy = article({block(2, "a", {anchor(href)})});
    CHECK(run.evaluate(p)[0].status == RuleStatus::pass);
    run.copy = article({block(3, "a", {anchor(href)})});
    CHECK(run.evaluate(p)[0].status == RuleStatus::fail);
  }
}

TEST_CASE("credit phrase: placeholders filled, matched as words after folding", "[rules]") {
  Run run;
  const auto p =
      publisher("", "  - id: phrase\n    credit: {phrase: \"Полный текст материала читайте на {domain}\"}\n");
  SECTION("present with other case and punctuation") {
    run.copy = article({block(5, "ПОЛНЫЙ текст материала читайте на fact-news.com.ua.")});
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].message == "the phrase \"Полный текст материала читайте на fact-news.com.ua\" is in paragraph 5");
  }
  SECTION("absent") {
    run.copy = article({block(1, "Подробнее на сайте.")});
    CHECK(run.evaluate(p)[0].status == RuleStatus::fail);
  }
}

TEST_CASE("reuse: coverage and character limits, full reprint, needs-review near the limit", "[rules]") {
  Run run;
  run.copy = article({block(1, "copy")});
  const auto p = publisher("", "  - id: limit\n    reuse: {max_coverage: 0.30, max_chars: 1000}\n"
                               "  - id: full\n    reuse: {full_reprint: forbidden}\n");
  SECTION("under both limits") {
    run.facts.coverage = 0.20;
    run.facts.chars_reproduced = 600;
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[1].status == RuleStatus::pass);
    REQUIRE(results[0].evidence);
    CHECK(*results[0].evidence->chars == 600);
  }
  SECTION("over the character limit") {
    run.facts.coverage = 0.20;
    run.facts.chars_reproduced = 1200;
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "the copy reproduces 20% of the original (1200 characters); the terms allow at most "
                                "1000 characters");
  }
  SECTION("within the margin of the coverage limit") {
    run.facts.coverage = 0.31;
    CHECK(run.evaluate(p)[0].status == RuleStatus::needs_review);
    run.facts.coverage = 0.35;
    CHECK(run.evaluate(p)[0].status == RuleStatus::fail);
  }
  SECTION("a full reprint fails unless the copier is a licensee") {
    run.facts.coverage = 0.95;
    CHECK(run.evaluate(p)[1].status == RuleStatus::fail);
    const auto licensed = publisher("licensees:\n  - {domain: partner.example}\n",
                                    "  - id: full\n    reuse: {full_reprint: forbidden}\n");
    run.facts.copy_url = "https://www.partner.example/a";
    const auto results = run.evaluate(licensed);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(syndcheck::rules::verdict_of(results, syndcheck::rules::licensee_for(run.set, *run.set.find("fact-news"),
                                                                               run.facts)) == Verdict::licensed);
  }
}

TEST_CASE("licensees: domain and dates bound the licence", "[rules]") {
  Run run;
  const auto p =
      publisher("licensees:\n  - {domain: partner.example, from: 2026-01-01, until: 2026-12-31}\n", "  []\n");
  run.evaluate(p);
  run.facts.copy_url = "https://news.partner.example/x";
  SECTION("inside the dates, declared time") {
    run.facts.copy_published = "2026-05-01T10:00:00Z";
    CHECK(syndcheck::rules::licensee_for(run.set, *run.set.find("fact-news"), run.facts) != nullptr);
  }
  SECTION("after the licence ended, first-seen time") {
    run.facts.copy_first_seen = "2027-01-02T10:00:00Z";
    CHECK(syndcheck::rules::licensee_for(run.set, *run.set.find("fact-news"), run.facts) == nullptr);
  }
  SECTION("another domain") {
    run.facts.copy_url = "https://partner.example.org/x";
    CHECK(syndcheck::rules::licensee_for(run.set, *run.set.find("fact-news"), run.facts) == nullptr);
  }
}

TEST_CASE("embargo: declared time, else first seen; unknown times need review", "[rules]") {
  Run run;
  run.copy = article({block(1, "copy")});
  const auto p = publisher("", "  - id: embargo\n    embargo: {after: 2h}\n");
  run.facts.original_published = "2026-01-10T12:00:00+02:00";
  SECTION("declared one hour after: fail") {
    run.facts.copy_published = "2026-01-10T11:00:00Z";
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::fail);
    CHECK(results[0].message == "the copy declares 2026-01-10T11:00:00Z, 1 h after the original "
                                "(2026-01-10T12:00:00+02:00); the embargo is 2 h");
    CHECK(results[0].evidence->copy_time_basis == "declared");
  }
  SECTION("first seen three hours after: pass") {
    run.facts.copy_first_seen = "2026-01-10T13:00:00Z";
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[0].evidence->copy_time_basis == "first-seen");
  }
  SECTION("no original time") {
    run.facts.original_published.clear();
    run.facts.copy_first_seen = "2026-01-10T13:00:00Z";
    CHECK(run.evaluate(p)[0].status == RuleStatus::needs_review);
  }
}

TEST_CASE("parse_iso8601 reads zones, fractions and bare dates", "[rules]") {
  using syndcheck::rules::parse_iso8601;
  CHECK(parse_iso8601("1970-01-02") == 86400);
  CHECK(parse_iso8601("2025-01-06T14:22:00+02:00") == parse_iso8601("2025-01-06T12:22:00Z"));
  CHECK(parse_iso8601("2025-01-06T12:22:00.250Z") == parse_iso8601("2025-01-06T12:22:00Z"));
  CHECK(parse_iso8601("2025-01-06T07:22:00-0500") == parse_iso8601("2025-01-06T12:22:00Z"));
  CHECK_FALSE(parse_iso8601("06.01.2025").has_value());
  CHECK_FALSE(parse_iso8601("").has_value());
}

TEST_CASE("when: kind, translation, relation and advertisement conditions", "[rules]") {
  Run run;
  run.copy = article({block(1, "copy")});
  const auto p =
      publisher("kinds:\n  article: {url: [\"/articles/\"]}\n",
                "  - id: news-limit\n    when: {original.kind: news}\n    reuse: {max_coverage: 0.3}\n"
                "  - id: article-limit\n    when: {original.kind: [article]}\n    reuse: {max_coverage: 0.1}\n"
                "  - id: translated\n    when: {copy.translated: true}\n    credit: {}\n"
                "  - id: verbatim-only\n    when: {relation: verbatim}\n    credit: {}\n");
  run.facts.coverage = 0.2;
  SECTION("kind by URL") {
    auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::pass);
    CHECK(results[1].status == RuleStatus::not_applicable);
    CHECK(results[1].message == "the original is of kind 'news'; the rule applies to article");
    run.facts.original_url = "https://fact-news.com.ua/articles/1.html";
    results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::not_applicable);
    CHECK(results[1].status == RuleStatus::fail);
  }
  SECTION("translation: unknown language needs review, same language is not applicable") {
    CHECK(run.evaluate(p)[2].status == RuleStatus::needs_review);
    run.facts.original_language = "uk";
    run.facts.copy_language = "uk";
    CHECK(run.evaluate(p)[2].status == RuleStatus::not_applicable);
    run.facts.copy_language = "en";
    CHECK(run.evaluate(p)[2].status == RuleStatus::fail); // applies: the copy names no one
  }
  SECTION("relation") {
    CHECK(run.evaluate(p)[3].status == RuleStatus::not_applicable);
    run.facts.relation = syndcheck::model::Relation::verbatim;
    CHECK(run.evaluate(p)[3].status == RuleStatus::fail);
  }
}

TEST_CASE("exclude: an advertisement original makes every rule not-applicable", "[rules]") {
  Run run;
  run.copy = article({block(1, "copy")});
  const auto p = publisher("exclude: [original.advertisement]\nadvertisement_labels: [Новини компаній]\n",
                           "  - id: c\n    credit: {}\n");
  SECTION("a label block") {
    run.original = article({block(0, "Реклама"), block(1, "Buy now.")});
    const auto results = run.evaluate(p);
    CHECK(results[0].status == RuleStatus::not_applicable);
    CHECK(results[0].message == "the original is an advertisement (\"Реклама\"); the publisher's terms exclude such "
                                "originals");
  }
  SECTION("a publisher label in the title") {
    run.original.title = "Новини компаній: відкрито новий магазин";
    CHECK(run.evaluate(p)[0].status == RuleStatus::not_applicable);
  }
  SECTION("the law's disclaimer anywhere in a block") {
    run.original = article({block(1, "Text."), block(2, "The material has been posted in accordance with Part 3 of "
                                                        "Article 9 of the Law of Ukraine On Advertising.")});
    CHECK(run.evaluate(p)[0].status == RuleStatus::not_applicable);
  }
  SECTION("the word in prose is not a label") {
    run.original = article({block(1, "Реклама на телебаченні дорожчає.")});
    CHECK(run.evaluate(p)[0].status == RuleStatus::fail);
  }
}

TEST_CASE("every result carries the rule's terms sentence", "[rules]") {
  Run run;
  run.copy = article({block(1, "copy")});
  const auto p =
      publisher("terms:\n  text: \"Quotes of at most   30% are allowed.\"\n",
                "  - id: limit\n    reuse: {max_coverage: 30%}\n    source: \"Quotes of at most 30% are allowed.\"\n");
  const auto results = run.evaluate(p);
  CHECK(results[0].source == "Quotes of at most 30% are allowed.");
  CHECK(results[0].status == RuleStatus::pass);
}
