// rules/explain.cpp: the rule model as plain English for `syndcheck rules explain`.
//
// Rule: every sentence states a checkable fact in the words the evaluator's messages use
// ("paragraph 1 or above", "open to search engines"), so the explanation and reports agree.
#include "rules/explain.hpp"

#include <cmath>
#include <variant>

namespace syndcheck::rules {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& last_separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += i + 1 == items.size() ? last_separator : ", ";
    }
    out += items[i];
  }
  return out;
}

std::string position(const std::optional<int>& max_paragraph) {
  if (!max_paragraph) {
    return "anywhere in the article";
  }
  if (*max_paragraph == 0) {
    return "above the body (paragraph 0)";
  }
  return "in paragraph " + std::to_string(*max_paragraph) + " or above";
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100.0))) + "%";
}

std::string condition(const Rule& rule) {
  std::vector<std::string> parts;
  const WhenConditions& w = rule.conditions;
  if (w.cites_outlet || rule.when == Condition::original_cites_outlet) {
    parts.push_back(w.cites_outlet.value_or(true) ? "the original cites another outlet"
                                                  : "the original cites no other outlet");
  }
  if (!w.kinds.empty()) {
    parts.push_back("the original is of kind " + join(w.kinds, " or "));
  }
  if (w.advertisement) {
    parts.push_back(*w.advertisement ? "the original is an advertisement" : "the original is not an advertisement");
  }
  if (w.translated) {
    parts.push_back(*w.translated ? "the copy is a translation" : "the copy is in the original's language");
  }
  if (!w.relations.empty()) {
    std::vector<std::string> names;
    for (const model::Relation r : w.relations) {
      names.emplace_back(model::to_string(r));
    }
    parts.push_back("the copy's relation to the original is " + join(names, " or "));
  }
  return parts.empty() ? "" : "Only when " + join(parts, " and ") + ": ";
}

std::string requirement(const PublisherRules& publisher, const Rule& rule) {
  if (const auto* link = std::get_if<HyperlinkRule>(&rule.kind)) {
    std::string target;
    if (std::holds_alternative<ToPublisher>(link->to)) {
      target = publisher.domains.empty() ? publisher.name : publisher.domains.front();
    } else if (std::holds_alternative<ToArticle>(link->to)) {
      target = "the original article itself";
    } else if (std::holds_alternative<ToCitedOutlets>(link->to)) {
      target = "each outlet the original cites as its source";
    } else {
      target = join(std::get<ToDomains>(link->to).domains, " or ");
    }
    std::string s = "the copy must link to " + target + " " + position(link->max_paragraph);
    if (link->or_sources_section) {
      s += ", or in a \"Sources\" section";
    }
    if (link->follow) {
      s += "; the link must be open to search engines (no nofollow, ugc or sponsored, no robots nofollow)";
    }
    if (link->direct) {
      s += "; it must be direct, not through a redirector or shortener";
    }
    if (link->anchor == AnchorRequirement::alias) {
      s += "; its anchor text must name " + publisher.name;
    } else if (link->anchor == AnchorRequirement::phrase) {
      s += "; its anchor text must contain \"" + link->anchor_phrase + "\"";
    }
    if (!link->review_paragraphs.empty()) {
      std::vector<std::string> ps;
      for (const int p : link->review_paragraphs) {
        ps.push_back(std::to_string(p));
      }
      s += "; a link in paragraph " + join(ps, " or ") + " is left to a person (the terms are ambiguous there)";
    }
    return s + ".";
  }
  if (const auto* credit = std::get_if<CreditRule>(&rule.kind)) {
    if (!credit->phrase.empty()) {
      return "the copy must contain the phrase \"" + credit->phrase + "\" " + position(credit->max_paragraph) + ".";
    }
    return "the copy must name " + publisher.name + " " + position(credit->max_paragraph) + ".";
  }
  if (const auto* reuse = std::get_if<ReuseRule>(&rule.kind)) {
    std::vector<std::string> parts;
    if (reuse->licensees_only) {
      parts.push_back("only licensees may reuse the material");
    }
    if (reuse->max_coverage) {
      parts.push_back("the copy may reproduce at most " + percent(*reuse->max_coverage) + " of the original");
    }
    if (reuse->max_chars) {
      parts.push_back("the copy may reproduce at most " + std::to_string(*reuse->max_chars) +
                      " characters of the original");
    }
    if (reuse->full_reprint_forbidden) {
      parts.push_back("a full reprint (" + percent(k_full_reprint_coverage) +
                      " or more of the original) is forbidden unless the copier is a licensee");
    }
    return join(parts, "; ") + ".";
  }
  const auto after = std::get<EmbargoRule>(rule.kind).after;
  return "the copy may not appear until " + std::to_string(after.count() / 60) +
         " minutes after the original's publication time (the copy's declared time, else when it was first seen).";
}

} // namespace

std::string explain(const RuleSet& set, const PublisherRules& publisher) {
  std::string out = publisher.name + " (" + publisher.publisher + ")";
  if (!publisher.terms_url.empty()) {
    out += ", terms at " + publisher.terms_url;
  }
  out += "\n";
  if (!publisher.domains.empty()) {
    out += "Sites: " + join(publisher.domains, " and ") + ".\n";
  }
  for (const Licensee& licensee : publisher.licensees) {
    std::string who = licensee.domain;
    if (!licensee.publisher.empty()) {
      const PublisherRules* other = set.find(licensee.publisher);
      who = other != nullptr ? other->name + " (" + join(other->domains, ", ") + ")" : licensee.publisher;
    }
    out += "Licensee: " + who + (licensee.from.empty() ? "" : " from " + licensee.from) +
           (licensee.until.empty() ? "" : " until " + licensee.until) + "; its copies are licensed, not violations.\n";
  }
  for (const std::string& flag : publisher.exclude) {
    out += "No rule applies when " +
           std::string(flag == "original.advertisement" ? "the original is an advertisement"
                       : flag == "copy.translated"      ? "the copy is a translation"
                                                        : "the original cites another outlet") +
           ".\n";
  }
  if (publisher.rules.empty()) {
    out += "No rules: the file only makes " + publisher.name + " known as an outlet others may cite.\n";
  }
  for (std::size_t i = 0; i < publisher.rules.size(); ++i) {
    const Rule& rule = publisher.rules[i];
    std::string text = condition(rule) + requirement(publisher, rule);
    if (!text.empty()) {
      text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    out += "\n" + std::to_string(i + 1) + ". " + rule.id + ": " + text + "\n";
    if (!rule.source.empty()) {
      out += "   The terms say: \"" + collapse_whitespace(rule.source) + "\"\n";
    }
  }
  return out;
}

} // namespace syndcheck::rules
