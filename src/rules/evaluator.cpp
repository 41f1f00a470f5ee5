// rules/evaluator.cpp: one RuleResult per rule, from plain model facts.
//
// Rule: every message names its evidence precisely (which link, which paragraph, which rel), so a
// rights desk can act on the report without opening the page.
#include "rules/evaluator.hpp"

#include <algorithm>
#include <cassert>
#include <string>
#include <utility>

#include "model/url.hpp"
#include "rules/alias_matcher.hpp"

namespace syndcheck::rules {
namespace {

struct LinkAt {
  const model::Link* link;
  int paragraph;
};

// What one hyperlink check looks for, after `to` is resolved.
struct Target {
  std::vector<std::string> domains; // host must be in one of these, or
  std::string article_url;          // normalised original URL (for `to: article`)
  std::string label;                // "ukrinform.net", "yna.co.kr (Yonhap News Agency, cited by the original)"
  bool cited_outlet = false;        // the label already says where the link is wanted
};

bool has_blocking_rel(const model::Link& link, std::string* which) {
  for (const std::string& rel : link.rel) {
    if (rel == "nofollow" || rel == "ugc" || rel == "sponsored") {
      if (which != nullptr) {
        *which = rel;
      }
      return true;
    }
  }
  return false;
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

std::string where(int paragraph) {
  if (paragraph == 0) {
    return "above the body (paragraph 0)";
  }
  return "in paragraph " + std::to_string(paragraph);
}

std::string requirement(const std::optional<int>& max_paragraph) {
  if (!max_paragraph) {
    return "";
  }
  if (*max_paragraph == 0) {
    return "required: above the body (paragraph 0)";
  }
  return "required: paragraph " + std::to_string(*max_paragraph) + " or above";
}

model::Evidence link_evidence(const LinkAt& at) {
  return model::Evidence{at.link->href, at.paragraph, at.link->rel, at.link->text};
}

bool matches(const Target& target, const model::Link& link) {
  if (!target.article_url.empty()) {
    return model::normalise_article_url(link.href) == target.article_url;
  }
  const std::string host = model::url_host(link.href);
  if (host.empty()) {
    return false;
  }
  return std::any_of(target.domains.begin(), target.domains.end(),
                     [&](const std::string& domain) { return model::host_in_domain(host, domain); });
}

struct LinkVerdict {
  model::RuleStatus status;
  std::string message;
  std::optional<model::Evidence> evidence;
};

// Checks one target: the first link that matches and sits high enough and is open to search
// engines (when required) passes; otherwise the message names the closest miss.
LinkVerdict check_target(const Target& target, const HyperlinkRule& rule, const std::vector<LinkAt>& links,
                         bool page_nofollow) {
  const std::string required = requirement(rule.max_paragraph);
  std::vector<LinkAt> matching;
  for (const LinkAt& at : links) {
    if (matches(target, *at.link)) {
      matching.push_back(at);
    }
  }
  if (matching.empty()) {
    std::string message = "no link to " + target.label;
    if (!target.cited_outlet) {
      message += " in the article body";
    }
    if (!required.empty()) {
      message += "; " + required;
    }
    return {model::RuleStatus::fail, std::move(message), std::nullopt};
  }
  std::vector<LinkAt> placed;
  for (const LinkAt& at : matching) {
    if (!rule.max_paragraph || at.paragraph <= *rule.max_paragraph) {
      placed.push_back(at);
    }
  }
  if (placed.empty()) {
    const LinkAt& first = matching.front();
    return {model::RuleStatus::fail,
            "first link to " + target.label + " is " + where(first.paragraph) + "; " + required, link_evidence(first)};
  }
  if (rule.follow) {
    if (page_nofollow) {
      return {model::RuleStatus::fail,
              "the page's robots directives say nofollow, so the link to " + target.label + " " +
                  where(placed.front().paragraph) + " is not followed; the terms require a link open to search engines",
              link_evidence(placed.front())};
    }
    const auto open = std::find_if(placed.begin(), placed.end(),
                                   [](const LinkAt& at) { return !has_blocking_rel(*at.link, nullptr); });
    if (open == placed.end()) {
      const LinkAt& first = placed.front();
      return {model::RuleStatus::fail,
              "the link to " + target.label + " " + where(first.paragraph) + " has rel=\"" + join(first.link->rel, " ") +
                  "\"; the terms require a link open to search engines",
              link_evidence(first)};
    }
    placed = {*open};
  }
  const LinkAt& chosen = placed.front();
  std::string message = "link to " + target.label + " " + where(chosen.paragraph);
  if (!required.empty()) {
    message += " (" + required + ")";
  }
  return {model::RuleStatus::pass, std::move(message), link_evidence(chosen)};
}

std::vector<LinkAt> links_of(const model::Article& article) {
  std::vector<LinkAt> out;
  for (const model::Block& block : article.blocks) {
    for (const model::Link& link : block.links) {
      out.push_back({&link, block.paragraph});
    }
  }
  return out;
}

model::RuleResult evaluate_hyperlink(const Rule& rule, const HyperlinkRule& hyperlink, const PublisherRules& publisher,
                                     const std::vector<const PublisherRules*>& cited, const Facts& facts) {
  model::RuleResult result{rule.id, model::RuleStatus::not_applicable, "", std::nullopt};
  const std::vector<LinkAt> links = links_of(*facts.copy);
  const bool page_nofollow = facts.copy_robots.nofollow || facts.copy->robots.nofollow;

  std::vector<Target> targets;
  if (std::holds_alternative<ToPublisher>(hyperlink.to)) {
    targets.push_back({publisher.domains, "", publisher.domains.empty() ? publisher.name : publisher.domains.front(), false});
  } else if (const auto* list = std::get_if<ToDomains>(&hyperlink.to)) {
    targets.push_back({list->domains, "", join(list->domains, " or "), false});
  } else if (std::holds_alternative<ToArticle>(hyperlink.to)) {
    const std::string normalised = model::normalise_article_url(facts.original_url);
    if (facts.original_url.empty() || normalised.empty()) {
      result.message = "the original's URL is unknown, so a link to it cannot be checked";
      return result;
    }
    targets.push_back({{}, normalised, facts.original_url, false});
  } else {
    if (cited.empty()) {
      result.message = "the original cites no other outlet";
      return result;
    }
    for (const PublisherRules* outlet : cited) {
      const std::string first = outlet->domains.empty() ? outlet->publisher : outlet->domains.front();
      targets.push_back({outlet->domains, "", first + " (" + outlet->name + ", cited by the original)", true});
    }
  }

  std::vector<std::string> passes;
  std::optional<model::Evidence> first_evidence;
  for (const Target& target : targets) {
    LinkVerdict verdict = check_target(target, hyperlink, links, page_nofollow);
    if (verdict.status == model::RuleStatus::fail) {
      result.status = model::RuleStatus::fail;
      result.message = std::move(verdict.message);
      result.evidence = std::move(verdict.evidence);
      return result;
    }
    passes.push_back(std::move(verdict.message));
    if (!first_evidence) {
      first_evidence = std::move(verdict.evidence);
    }
  }
  result.status = model::RuleStatus::pass;
  result.message = join(passes, "; ");
  result.evidence = std::move(first_evidence);
  return result;
}

model::RuleResult evaluate_credit(const Rule& rule, const CreditRule& credit, const PublisherRules& publisher,
                                  const Facts& facts) {
  model::RuleResult result{rule.id, model::RuleStatus::fail, "", std::nullopt};
  const detail::AliasMatcher matcher(publisher.aliases);
  const std::string required = requirement(credit.max_paragraph);
  std::optional<model::Evidence> first_found;
  for (const model::Block& block : facts.copy->blocks) {
    if (block.text.empty()) {
      continue;
    }
    const detail::SegmentedText text(block.text);
    const std::vector<detail::AliasHit> hits = matcher.find(text);
    if (hits.empty()) {
      continue;
    }
    const detail::AliasHit& hit = hits.front();
    model::Evidence evidence;
    evidence.paragraph = block.paragraph;
    evidence.text = std::string(text.slice(text.words[hit.first].begin, text.words[hit.last - 1].end));
    if (!credit.max_paragraph || block.paragraph <= *credit.max_paragraph) {
      result.status = model::RuleStatus::pass;
      result.message = "credit to " + publisher.name + " " + where(block.paragraph) + ": \"" + evidence.text + "\"";
      if (!required.empty()) {
        result.message += " (" + required + ")";
      }
      result.evidence = std::move(evidence);
      return result;
    }
    if (!first_found) {
      first_found = std::move(evidence);
    }
  }
  if (first_found) {
    result.message = "first credit to " + publisher.name + " (\"" + first_found->text + "\") is " +
                     where(first_found->paragraph) + "; " + required;
    result.evidence = std::move(first_found);
    return result;
  }
  result.message =
      "no credit to " + publisher.name + " (aliases: " + join(publisher.aliases, ", ") + ") in the article body";
  if (!required.empty()) {
    result.message += "; " + required;
  }
  return result;
}

} // namespace

std::vector<model::RuleResult> evaluate(const RuleSet& set, const PublisherRules& publisher, const Facts& facts) {
  // Programmer error, not input: the pipeline always supplies both articles.
  assert(facts.original != nullptr && facts.copy != nullptr);
  std::vector<model::RuleResult> results;
  if (facts.original == nullptr || facts.copy == nullptr) {
    return results;
  }
  // Computed once: several rules may depend on what the original cites.
  const std::vector<const PublisherRules*> cited = cited_outlets(set, publisher, *facts.original);
  for (const Rule& rule : publisher.rules) {
    if (rule.when == Condition::original_cites_outlet && cited.empty()) {
      results.push_back({rule.id, model::RuleStatus::not_applicable, "the original cites no other outlet", std::nullopt});
      continue;
    }
    if (const auto* hyperlink = std::get_if<HyperlinkRule>(&rule.kind)) {
      results.push_back(evaluate_hyperlink(rule, *hyperlink, publisher, cited, facts));
    } else {
      results.push_back(evaluate_credit(rule, std::get<CreditRule>(rule.kind), publisher, facts));
    }
  }
  return results;
}

model::Verdict verdict_of(const std::vector<model::RuleResult>& results) {
  const bool failed = std::any_of(results.begin(), results.end(),
                                  [](const model::RuleResult& r) { return r.status == model::RuleStatus::fail; });
  return failed ? model::Verdict::violation : model::Verdict::compliant;
}

} // namespace syndcheck::rules
