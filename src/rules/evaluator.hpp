// rules/evaluator.hpp: evaluate a publisher's rules on plain model facts.
//
// Knows nothing of how the facts were computed: tests build Articles by hand. Each rule yields
// exactly one RuleResult whose message names the evidence ("first link to ukrinform.net is in
// paragraph 4; required: paragraph 1 or above").

#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  // Added by issue 5. Empty strings mean "unknown"; rules that need an unknown fact say so
  // (needs-review) rather than guess.
  model::Relation relation = model::Relation::none;
  double coverage = 0.0;               // share of the original's words the copy reproduces
  std::size_t chars_reproduced = 0;    // code points of the original inside aligned passages
  std::string original_language = {};  // ISO 639-1
  std::string copy_language = {};      // ISO 639-1
  std::string original_published = {}; // ISO 8601, as the original declares it
  std::string copy_published = {};     // ISO 8601, as the copy declares it
  std::string copy_first_seen = {};    // ISO 8601: when syndcheck first fetched the copy
  std::string copy_url = {};           // the copy's URL (canonical, else final): licensee domains
  std::string now = {};                // ISO 8601 UTC: licence dates when the copy has no time
};

// Publishers from `set` (other than `self`) that the original names as its source: "Yonhap
// reports", "according to Yonhap", "з посиланням на Yonhap", "передает Йонхап". Inflected alias
// forms match (Укрінформу, Йонхапу).
std::vector<const PublisherRules*> cited_outlets(const RuleSet& set, const PublisherRules& self,
                                                 const model::Article& original);

std::vector<model::RuleResult> evaluate(const RuleSet& set, const PublisherRules& publisher, const Facts& facts);

// compliant if no rule failed, violation otherwise.
model::Verdict verdict_of(const std::vector<model::RuleResult>& results);
// licensed when `licensee` is set (the copier holds a licence), else as above.
model::Verdict verdict_of(const std::vector<model::RuleResult>& results, const Licensee* licensee);

// The original's kind by the publisher's `kinds` (first match wins), else "news".
std::string original_kind(const PublisherRules& publisher, const Facts& facts);

// The advertisement label the original carries (its labels, its title, or a block that is a
// label or holds a disclaimer phrase), if any. Built-in labels plus publisher.advertisement_labels.
std::optional<std::string> advertisement_label(const PublisherRules& publisher, const model::Article& original);

// The licence that covers the copy's domain on the copy's date (declared, else first seen, else
// now), if any.
const Licensee* licensee_for(const RuleSet& set, const PublisherRules& publisher, const Facts& facts);

// ISO 8601 date-time ("2025-01-06T14:22:00+02:00", "...Z", fractional seconds, or a bare date)
// to seconds since the Unix epoch; nullopt when it cannot be read.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// A measured coverage within this distance of `max_coverage` is `needs-review`, not pass/fail:
// the aligner counts whole sentences in or out, and one sentence of a 400-word news item moves
// coverage by 0.02-0.05. 0.02 is the smallest such step; rerun the rules golden cases
// (fixtures/check-rules) after changing it.
inline constexpr double k_coverage_review_margin = 0.02;

} // namespace syndcheck::rules
