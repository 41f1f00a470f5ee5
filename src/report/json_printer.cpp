// report/json_printer.cpp: the JSON contract of `check --format json` (docs/json.md).
//
// The only user of nlohmann-json in src/. Keys are written in the documented order; extending the
// shape means adding keys, never renaming them.
#include <nlohmann/json.hpp>

#include "report/check_report.hpp"

namespace syndcheck::report {
namespace {

using nlohmann::ordered_json;

// Rounded so that outputs are stable across platforms and readable; 4 digits are more than a
// rights desk needs and hide floating-point noise.
double round4(double value) {
  return static_cast<double>(static_cast<long long>(value * 10000.0 + 0.5)) / 10000.0;
}

ordered_json rule_json(const model::RuleResult& rule) {
  ordered_json out;
  out["id"] = rule.id;
  out["status"] = model::to_string(rule.status);
  out["message"] = rule.message;
  if (rule.evidence) {
    ordered_json evidence;
    if (!rule.evidence->href.empty()) {
      evidence["href"] = rule.evidence->href;
    }
    evidence["paragraph"] = rule.evidence->paragraph;
    evidence["rel"] = rule.evidence->rel;
    if (!rule.evidence->text.empty()) {
      evidence["text"] = rule.evidence->text;
    }
    if (rule.evidence->coverage) {
      evidence["coverage"] = round4(*rule.evidence->coverage);
    }
    if (rule.evidence->chars) {
      evidence["chars"] = *rule.evidence->chars;
    }
    if (!rule.evidence->original_time.empty()) {
      evidence["original_time"] = rule.evidence->original_time;
    }
    if (!rule.evidence->copy_time.empty()) {
      evidence["copy_time"] = rule.evidence->copy_time;
      evidence["copy_time_basis"] = rule.evidence->copy_time_basis;
    }
    out["evidence"] = evidence;
  }
  if (!rule.source.empty()) {
    out["source"] = rule.source;
  }
  return out;
}

ordered_json match_json(const MatchReport& match) {
  ordered_json out;
  out["original"] = {
      {"url", match.original.url}, {"publisher", match.original.publisher}, {"title", match.original.title}};
  out["relation"] = model::to_string(match.similarity.relation);
  out["coverage"] = round4(match.similarity.coverage);
  out["containment"] = round4(match.similarity.containment);
  ordered_json passages = ordered_json::array();
  for (const PassageReport& p : match.passages) {
    passages.push_back({{"original", {p.passage.original.begin, p.passage.original.end}},
                        {"copy", {p.passage.copy.begin, p.passage.copy.end}},
                        {"words", p.passage.words},
                        {"copy_paragraph", p.copy_paragraph},
                        {"original_paragraph", p.original_paragraph},
                        {"text", p.copy_text}});
  }
  out["passages"] = passages;
  if (match.similarity.relation == model::Relation::translation ||
      match.similarity.relation == model::Relation::rewrite) {
    out["confidence"] = round4(match.similarity.confidence);
  }
  if (!match.similarity.paragraph_pairs.empty()) {
    ordered_json pairs = ordered_json::array();
    for (const auto& [original, copy] : match.similarity.paragraph_pairs) {
      pairs.push_back({{"original", original}, {"copy", copy}});
    }
    out["paragraph_pairs"] = pairs;
  }
  out["verdict"] = model::to_string(match.verdict);
  out["cited_outlets"] = match.cited_outlets;
  ordered_json credits = ordered_json::array();
  for (const CreditSignal& credit : match.credits) {
    credits.push_back({{"kind", credit.kind}, {"value", credit.value}});
  }
  out["credits"] = credits; // added with issue 3 point 5
  ordered_json rules = ordered_json::array();
  for (const model::RuleResult& rule : match.rules) {
    rules.push_back(rule_json(rule));
  }
  out["rules"] = rules;
  return out;
}

} // namespace

std::string render_match_json(const MatchReport& match) {
  return match_json(match).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string render_json(const CheckReport& report) {
  ordered_json out;
  const CopySummary& c = report.copy;
  out["copy"] = {{"url", c.url},
                 {"final_url", c.final_url},
                 {"http_status", c.http_status},
                 {"fetched_at", c.fetched_at},
                 {"sha256", c.sha256},
                 {"language", c.language},
                 {"title", c.title},
                 {"paragraphs", c.paragraphs},
                 {"charset", c.charset}};
  ordered_json credits = ordered_json::array();
  for (const CreditSignal& credit : c.credits) {
    credits.push_back({{"kind", credit.kind}, {"value", credit.value}});
  }
  out["copy"]["credits"] = credits; // added with issue 3 point 5
  out["verdict"] = model::to_string(report.verdict);
  ordered_json matches = ordered_json::array();
  for (const MatchReport& match : report.matches) {
    matches.push_back(match_json(match));
  }
  out["matches"] = matches;
  ordered_json errors = ordered_json::array();
  for (const InputError& error : report.errors) {
    errors.push_back({{"input", error.input}, {"message", error.message}});
  }
  out["errors"] = errors;
  // Invalid UTF-8 cannot reach here (text/ decodes everything), but replace rather than throw.
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace syndcheck::report
