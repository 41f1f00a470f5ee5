// tests/unit/report/report_test.cpp: printers render a hand-built report; the JSON keys are the
// documented contract (docs/json.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/article_printer.hpp"
#include "report/check_report.hpp"

#include <sstream>

using namespace syndcheck;

namespace {

report::CheckReport sample_report() {
  report::CheckReport r;
  r.copy = {"https://copier.example/a",
            "https://copier.example/a",
            200,
            "2026-11-28T10:00:00Z",
            std::string(64, 'a'),
            "en",
            "Title",
            "UTF-8",
            9};
  report::MatchReport m;
  m.original = {"https://www.ukrinform.net/x.html", "ukrinform", "Ukrinform", "Original title"};
  m.similarity.relation = model::Relation::verbatim;
  m.similarity.coverage = 0.97123;
  m.similarity.containment = 0.9;
  report::PassageReport p;
  p.passage = {{0, 812}, {120, 930}, 140};
  p.copy_text = "Russia intends to share";
  p.copy_paragraph = 1;
  p.original_paragraph = 1;
  m.passages.push_back(p);
  m.verdict = model::Verdict::violation;
  m.cited_outlets = {"yonhap"};
  model::RuleResult fail{"hyperlink-first-paragraph", model::RuleStatus::fail,
                         "first link to ukrinform.net is in paragraph 7; required: paragraph 1 or above",
                         model::Evidence{"https://www.ukrinform.net/x.html", 7, {"nofollow"}, "Ukrinform"}};
  model::RuleResult na{"outlet-hyperlink", model::RuleStatus::not_applicable, "the original cites no other outlet",
                       std::nullopt};
  m.rules = {fail, na};
  r.matches.push_back(m);
  r.verdict = model::Verdict::violation;
  return r;
}

} // namespace

TEST_CASE("JSON report has the contract's keys and values", "[report]") {
  const auto json = nlohmann::json::parse(report::render(sample_report(), report::Format::json));
  CHECK(json["copy"]["http_status"] == 200);
  CHECK(json["copy"]["paragraphs"] == 9);
  CHECK(json["verdict"] == "violation");
  const auto& match = json["matches"][0];
  CHECK(match["original"]["publisher"] == "ukrinform");
  CHECK(match["relation"] == "verbatim");
  CHECK(match["coverage"] == Approx(0.9712));
  CHECK(match["passages"][0]["original"] == nlohmann::json::array({0, 812}));
  CHECK(match["passages"][0]["copy"] == nlohmann::json::array({120, 930}));
  CHECK(match["rules"][0]["status"] == "fail");
  CHECK(match["rules"][0]["evidence"]["paragraph"] == 7);
  CHECK(match["rules"][0]["evidence"]["rel"] == nlohmann::json::array({"nofollow"}));
  CHECK(match["rules"][1]["status"] == "not-applicable");
  CHECK_FALSE(match["rules"][1].contains("evidence"));
  CHECK(json["errors"].empty());
}

TEST_CASE("text report leads with the verdict and names each rule's evidence", "[report]") {
  const std::string text = report::render(sample_report(), report::Format::text);
  CHECK(text.find("verdict:  violation\n") != std::string::npos);
  CHECK(text.find("  FAIL  hyperlink-first-paragraph: first link to ukrinform.net is in paragraph 7") !=
        std::string::npos);
  CHECK(text.find("link: https://www.ukrinform.net/x.html in paragraph 7 (rel: nofollow)") != std::string::npos);
  CHECK(text.find("  N/A   outlet-hyperlink: ") != std::string::npos);
  CHECK(text.find("coverage 0.97") != std::string::npos);
}

TEST_CASE("exit code: errors beat violations beat compliance", "[report]") {
  report::CheckReport r = sample_report();
  CHECK(report::exit_code(r) == 1);
  r.verdict = model::Verdict::compliant;
  CHECK(report::exit_code(r) == 0);
  r.verdict = model::Verdict::no_match;
  CHECK(report::exit_code(r) == 0);
  r.errors.push_back({"x", "x: HTTP 404"});
  CHECK(report::exit_code(r) == 2);
}

// The extract JSON is written block by block (bench/extract-rss: the whole tree and its dump held
// the body text several times over); it must stay byte for byte the one-object dump.
TEST_CASE("extract json written block by block equals the whole-object dump", "[report]") {
  model::Document d;
  d.source = "page.html";
  d.final_url = "file:///tmp/page.html";
  d.sha256 = std::string(64, 'b');
  d.charset = "UTF-8";
  d.article.title = "Заголовок \"в лапках\"";
  d.article.language = "uk";
  d.article.schema_types = {"NewsArticle"};
  d.article.robots.nofollow = true;
  const auto block = [](model::BlockKind kind, std::string text, int paragraph) {
    model::Block b;
    b.kind = kind;
    b.text = std::move(text);
    b.paragraph = paragraph;
    return b;
  };
  d.article.blocks = {block(model::BlockKind::heading, "Lead heading", 0),
                      block(model::BlockKind::paragraph, "First \\ paragraph\twith \x01 control", 1),
                      block(model::BlockKind::paragraph, "", 1), block(model::BlockKind::caption, "Photo: agency", 1),
                      block(model::BlockKind::paragraph, "Другий абзац \xF0\x9F\x93\xB0", 2)};
  d.article.blocks[1].links = {{"https://example.org/a", "a \"link\"", {"nofollow"}}};

  nlohmann::ordered_json whole;
  whole["url"] = d.source;
  whole["final_url"] = d.final_url;
  whole["http_status"] = d.http_status;
  whole["sha256"] = d.sha256;
  whole["charset"] = d.charset;
  whole["title"] = d.article.title;
  whole["canonical_url"] = d.article.canonical_url;
  whole["language"] = d.article.language;
  whole["published"] = d.article.published;
  whole["modified"] = d.article.modified;
  whole["schema_types"] = d.article.schema_types;
  whole["labels"] = d.article.labels;
  whole["robots"] = {{"noindex", false}, {"nofollow", true}};
  whole["paragraphs"] = d.article.paragraph_count();
  whole["text"] = d.article.body_text();
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (const model::Block& b : d.article.blocks) {
    nlohmann::ordered_json links = nlohmann::ordered_json::array();
    for (const model::Link& l : b.links) {
      links.push_back({{"href", l.href}, {"text", l.text}, {"rel", l.rel}});
    }
    blocks.push_back({{"paragraph", b.paragraph},
                      {"kind", model::to_string(b.kind)},
                      {"counted", b.counted()},
                      {"text", b.text},
                      {"links", links}});
  }
  whole["blocks"] = blocks;
  const std::string expected = whole.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";

  report::ArticleRenderOptions options;
  options.format = report::ArticleFormat::json;
  std::ostringstream written;
  report::write_article(written, d, options);
  CHECK(written.str() == expected);
  CHECK(report::render_article(d, options) == expected);
}
