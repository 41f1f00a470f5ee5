// report/text_printer.cpp: the human report of `check`, for a rights desk reading a terminal.
//
// Leads with the verdict, then per original: relation, each rule with its evidence, and the
// copied passages. Every fail line names where the evidence is, so it can be verified by eye.
#include <fmt/format.h>

#include "report/check_report.hpp"

namespace syndcheck::report {
namespace {

const char* status_label(model::RuleStatus status) {
  switch (status) {
  case model::RuleStatus::pass: return "PASS";
  case model::RuleStatus::fail: return "FAIL";
  case model::RuleStatus::not_applicable: return "N/A ";
  case model::RuleStatus::needs_review: return "REVIEW";
  }
  return "N/A ";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

void print_match(std::string& out, const MatchReport& match) {
  const std::string who =
      match.original.publisher_name.empty() ? match.original.publisher : match.original.publisher_name;
  out += fmt::format("\noriginal: {}{}\n", match.original.url, who.empty() ? "" : fmt::format(" ({})", who));
  if (!match.original.title.empty()) {
    out += fmt::format("          \"{}\"\n", match.original.title);
  }
  out += fmt::format("relation: {} (coverage {:.2f}, containment {:.2f}, {} passage{})\n",
                     model::to_string(match.similarity.relation), match.similarity.coverage,
                     match.similarity.containment, match.passages.size(), match.passages.size() == 1 ? "" : "s");
  if (match.similarity.relation == model::Relation::translation ||
      match.similarity.relation == model::Relation::rewrite) {
    out += fmt::format("          confidence {:.2f}\n", match.similarity.confidence);
  }
  if (!match.similarity.paragraph_pairs.empty()) {
    std::vector<std::string> pairs;
    for (const auto& [original, copy] : match.similarity.paragraph_pairs) {
      pairs.push_back(fmt::format("¶{}→¶{}", original, copy));
    }
    out += fmt::format("          translated paragraphs (original→copy): {}\n", join(pairs, ", "));
  }
  if (!match.cited_outlets.empty()) {
    out += fmt::format("cites:    {}\n", join(match.cited_outlets, ", "));
  }
  for (const CreditSignal& credit : match.credits) {
    out += fmt::format("credited: by {} {}\n", credit.kind, credit.value);
  }
  out += fmt::format("verdict:  {}\n", model::to_string(match.verdict));
  if (match.rules.empty()) {
    out += "  (the publisher's rule file has no rules)\n";
  }
  for (const model::RuleResult& rule : match.rules) {
    out += fmt::format("  {}  {}: {}\n", status_label(rule.status), rule.id, rule.message);
    if (rule.evidence && !rule.evidence->href.empty()) {
      out += fmt::format("        link: {} in paragraph {}{}\n", rule.evidence->href, rule.evidence->paragraph,
                         rule.evidence->rel.empty() ? "" : fmt::format(" (rel: {})", join(rule.evidence->rel, " ")));
    }
    if (rule.evidence && rule.evidence->coverage) {
      out += fmt::format("        reuse: coverage {:.2f}, {} characters of the original\n", *rule.evidence->coverage,
                         rule.evidence->chars.value_or(0));
    }
    if (rule.evidence && !rule.evidence->copy_time.empty()) {
      out += fmt::format("        times: original {}, copy {} ({})\n",
                         rule.evidence->original_time.empty() ? "unknown" : rule.evidence->original_time,
                         rule.evidence->copy_time, rule.evidence->copy_time_basis);
    }
    if (!rule.source.empty()) {
      out += fmt::format("        terms: \"{}\"\n", rule.source);
    }
  }
  if (!match.passages.empty()) {
    out += "copied passages:\n";
    for (const PassageReport& p : match.passages) {
      out += fmt::format("  copy ¶{} <- original ¶{}, {} words: \"{}\"\n", p.copy_paragraph, p.original_paragraph,
                         p.passage.words, p.copy_text);
    }
  }
}

} // namespace

std::string render_text(const CheckReport& report) {
  std::string out;
  const CopySummary& c = report.copy;
  out += fmt::format("copy:     {}\n", c.url);
  if (c.final_url != c.url && !c.final_url.empty()) {
    out += fmt::format("          final URL {}\n", c.final_url);
  }
  out += fmt::format("          {}{}, {} paragraph{}{}\n",
                     c.http_status > 0 ? fmt::format("HTTP {}, ", c.http_status) : "",
                     c.language.empty() ? "language unknown" : c.language, c.paragraphs, c.paragraphs == 1 ? "" : "s",
                     c.title.empty() ? "" : fmt::format(", \"{}\"", c.title));
  for (const CreditSignal& credit : c.credits) {
    out += fmt::format("          credits {}: {}\n", credit.kind, credit.value);
  }
  out += fmt::format("verdict:  {}\n", model::to_string(report.verdict));
  if (report.matches.empty() && report.errors.empty()) {
    out += "\nNo original is reused by this page.\n";
  }
  for (const MatchReport& match : report.matches) {
    print_match(out, match);
  }
  for (const InputError& error : report.errors) {
    out += fmt::format("\nerror:    {}: {}\n", error.input, error.message);
  }
  return out;
}

} // namespace syndcheck::report
