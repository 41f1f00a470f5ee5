// model/finding.cpp: names of the finding enums, as they appear in the JSON contract.
#include "model/finding.hpp"

namespace syndcheck::model {

const char* to_string(Relation relation) {
  switch (relation) {
  case Relation::none: return "none";
  case Relation::excerpt: return "excerpt";
  case Relation::partial: return "partial";
  case Relation::verbatim: return "verbatim";
  case Relation::rewrite: return "rewrite";
  case Relation::translation: return "translation";
  }
  return "none";
}

const char* to_string(RuleStatus status) {
  switch (status) {
  case RuleStatus::pass: return "pass";
  case RuleStatus::fail: return "fail";
  case RuleStatus::not_applicable: return "not-applicable";
  case RuleStatus::needs_review: return "needs-review";
  }
  return "not-applicable";
}

const char* to_string(Verdict verdict) {
  switch (verdict) {
  case Verdict::compliant: return "compliant";
  case Verdict::violation: return "violation";
  case Verdict::no_match: return "no-match";
  case Verdict::licensed: return "licensed";
  }
  return "no-match";
}

} // namespace syndcheck::model
