// rules/evaluator.hpp: evaluate a publisher's rules on plain model facts.
//
// Knows nothing of how the facts were computed: tests build Articles by hand. Each rule yields
// exactly one RuleResult whose message names the evidence ("first link to ukrinform.net is in
// paragraph 4; required: paragraph 1 or above").

#pragma once
#include <string>
#include <vector>

#include "model/article.hpp"
#include "model/finding.hpp"
#include "rules/rule_set.hpp"

namespace syndcheck::rules {

struct Facts {
  const model::Article* original = nullptr; // required
  std::string original_url;                 // canonical URL of the original
  const model::Article* copy = nullptr;     // required
  model::Robots copy_robots;                // page-level: meta robots merged with X-Robots-Tag
};

// Publishers from `set` (other than `self`) that the original names as its source: "Yonhap
// reports", "according to Yonhap", "з посиланням на Yonhap", "передает Йонхап". Inflected alias
// forms match (Укрінформу, Йонхапу).
std::vector<const PublisherRules*> cited_outlets(const RuleSet& set, const PublisherRules& self,
                                                 const model::Article& original);

std::vector<model::RuleResult> evaluate(const RuleSet& set, const PublisherRules& publisher, const Facts& facts);

// compliant if no rule failed, violation otherwise.
model::Verdict verdict_of(const std::vector<model::RuleResult>& results);

} // namespace syndcheck::rules
