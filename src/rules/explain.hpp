// rules/explain.hpp: a publisher's rules in plain English, rule by rule (`rules explain`).
//
// Rule: the explanation is derived from the loaded rule model only, never from the YAML text, so
// what it says is what the evaluator checks.

#pragma once
#include <string>

#include "rules/rule_set.hpp"

namespace syndcheck::rules {

// One paragraph per rule: what the copy must do, when the rule applies, and the quoted sentence.
std::string explain(const RuleSet& set, const PublisherRules& publisher);

} // namespace syndcheck::rules
