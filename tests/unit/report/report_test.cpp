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

TEST_CASE("the copy's credit signals are listed in JSON and text (issue 3 point 5)", "[report]") {
  report::CheckReport r = sample_report();
  const auto none = nlohmann::json::parse(report::render(r, report::Format::json));
  CHECK(none["copy"]["credits"].empty());
  CHECK(none["matches"][0]["credits"].empty());
  r.copy.credits = {{"canonical-elsewhere", "https://www.ukrinform.net/x.html"}, {"credit-text", "Ukrinform"}};
  const auto json = nlohmann::json::parse(report::render(r, report::Format::json));
  CHECK(json["copy"]["credits"][0]["kind"] == "canonical-elsewhere");
  CHECK(json["copy"]["credits"][0]["value"] == "https://www.ukrinform.net/x.html");
  CHECK(json["copy"]["credits"][1]["kind"] == "credit-text");
  r.matches[0].credits = {{"canonical-elsewhere", "https://www.ukrinform.net/x.html"}};
  const auto with_match = nlohmann::json::parse(report::render(r, report::Format::json));
  CHECK(with_match["matches"][0]["credits"][0]["kind"] == "canonical-elsewhere");
  const std::string text = report::render(r, report::Format::text);
  CHECK(text.find("credited: by canonical-elsewhere https://www.ukrinform.net/x.html\n") != std::string::npos);
  CHECK(text.find("          credits canonical-elsewhere: https://www.ukrinform.net/x.html\n") != std::string::npos);
  CHECK(text.find("          credits credit-text: Ukrinform\n") != std::string::npos);
}

TEST_CASE("extract JSON: credits, Open Graph and links with in_body (issue 3 point 5)", "[report]") {
  model::Document d;
  d.source = "copy.html";
  d.article.og.site_name = "Daily";
  d.article.credits.authors = {"Anna"};
  d.article.credits.is_based_on = {"https://wire.example/a"};
  d.article.published = "2025-01-06";
  d.article.published_basis = "url";
  model::Block block;
  block.paragraph = 1;
  block.text = "Text.";
  block.links.push_back({"https://wire.example/", "Wire", {}});
  d.article.blocks.push_back(block);
  d.article.outside_links.push_back({{"https://wire.example/b", "Source", {"nofollow"}}, model::LinkRegion::aside});
  const auto json = nlohmann::json::parse(
      report::render_article(d, report::ArticleRenderOptions{report::ArticleFormat::json, false}));
  CHECK(json["published_basis"] == "url");
  CHECK(json["og"]["site_name"] == "Daily");
  CHECK(json["og"]["title"] == "");
  CHECK(json["credits"]["authors"] == nlohmann::json::array({"Anna"}));
  CHECK(json["credits"]["is_based_on"] == nlohmann::json::array({"https://wire.example/a"}));
  CHECK(json["credits"]["canonical_elsewhere"] == "");
  CHECK(json["blocks"][0]["links"][0]["in_body"] == true);
  CHECK(json["outside_links"][0]["in_body"] == false);
  CHECK(json["outside_links"][0]["region"] == "aside");
  CHECK(json["outside_links"][0]["rel"] == nlohmann::json::array({"nofollow"}));
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
  d.article.og.site_name = "Daily";
  d.article.credits.authors = {"Anna"};
  d.article.published_basis = "url";
  d.article.outside_links.push_back({{"https://wire.example/b", "Source", {"nofollow"}}, model::LinkRegion::aside});

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
  whole["published_basis"] = d.article.published_basis;
  whole["schema_types"] = d.article.schema_types;
  whole["labels"] = d.article.labels;
  whole["robots"] = {{"noindex", false}, {"nofollow", true}};
  whole["truncated"] = false;
  const model::OpenGraph& og = d.article.og;
  whole["og"] = {{"title", og.title},
                 {"type", og.type},
                 {"url", og.url},
                 {"site_name", og.site_name},
                 {"description", og.description},
                 {"locale", og.locale},
                 {"image", og.image}};
  const model::Credits& c = d.article.credits;
  whole["credits"] = {{"authors", c.authors},
                      {"publisher", c.publisher},
                      {"is_based_on", c.is_based_on},
                      {"credit_text", c.credit_text},
                      {"copyright_holder", c.copyright_holder},
                      {"license", c.license},
                      {"syndication_source", c.syndication_source},
                      {"original_source", c.original_source},
                      {"canonical_elsewhere", c.canonical_elsewhere}};
  whole["paragraphs"] = d.article.paragraph_count();
  whole["text"] = d.article.reading_text();
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (const model::Block& b : d.article.blocks) {
    nlohmann::ordered_json links = nlohmann::ordered_json::array();
    for (const model::Link& l : b.links) {
      links.push_back({{"href", l.href}, {"text", l.text}, {"rel", l.rel}, {"in_body", true}});
    }
    blocks.push_back({{"paragraph", b.paragraph},
                      {"kind", model::to_string(b.kind)},
                      {"counted", b.counted()},
                      {"text", b.text},
                      {"links", links}});
  }
  whole["blocks"] = blocks;
  nlohmann::ordered_json outside = nlohmann::ordered_json::array();
  for (const model::PageLink& l : d.article.outside_links) {
    outside.push_back({{"href", l.link.href},
                       {"text", l.link.text},
                       {"rel", l.link.rel},
                       {"in_body", false},
                       {"region", model::to_string(l.region)}});
  }
  whole["outside_links"] = outside;
  const std::string expected = whole.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";

  report::ArticleRenderOptions options;
  options.format = report::ArticleFormat::json;
  std::ostringstream written;
  report::write_article(written, d, options);
  CHECK(written.str() == expected);
  CHECK(report::render_article(d, options) == expected);
  SECTION("a page cut at an extraction cap says which") {
    d.article.truncated = "the tree passed 24 MiB after 612345 nodes";
    const std::string cut = report::render_article(d, options);
    CHECK(cut.find(R"("truncated":true,"truncated_by":"the tree passed 24 MiB after 612345 nodes")") !=
          std::string::npos);
  }
}
