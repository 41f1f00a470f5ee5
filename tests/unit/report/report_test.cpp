// tests/unit/report/report_test.cpp: printers render a hand-built report; the JSON keys are the
// documented contract (docs/json.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/check_report.hpp"

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
