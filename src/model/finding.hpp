// model/finding.hpp: the values similarity/ and rules/ produce and report/ prints.
//
// Plain data only. Offsets are Unicode code points into Article::body_text() of each document.

#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace syndcheck::model {

struct Span {
  std::size_t begin = 0; // code points, half-open [begin, end)
  std::size_t end = 0;
};

struct Passage {
  Span original;
  Span copy;
  std::size_t words = 0; // aligned words of the original inside the passage
};

// verbatim/partial/excerpt come from passage alignment; rewrite (paraphrased sentences that keep
// most content words) and translation (another language) from their own matchers.
enum class Relation { none, excerpt, partial, verbatim, rewrite, translation };
const char* to_string(Relation relation);

struct Similarity {
  Relation relation = Relation::none;
  double coverage = 0.0;    // share of the original's words the copy reproduces
  double containment = 0.0; // share of the copy's words that come from the original
  std::vector<Passage> passages;
  double confidence = 0.0; // rewrite/translation: how sure the matcher is, 0..1
  // translation: (original paragraph, copy paragraph) pairs, paragraph numbers as in Block.
  std::vector<std::pair<int, int>> paragraph_pairs;
};

enum class RuleStatus { pass, fail, not_applicable, needs_review };
const char* to_string(RuleStatus status);

// Where the rule looked: the link (or text) that decided it.
struct Evidence {
  std::string href;             // empty for credit rules
  int paragraph = 0;            // paragraph number in the copy (0 = above the body)
  std::vector<std::string> rel; // rel tokens of the link
  std::string text;             // anchor text or the credit phrase found
  // Added by issue 5 (reuse and embargo evidence; empty/absent for link and credit rules):
  std::optional<double> coverage = std::nullopt;   // share of the original's words reproduced
  std::optional<std::size_t> chars = std::nullopt; // code points of the original reproduced
  std::string original_time = {};                  // the original's publication time, ISO 8601
  std::string copy_time = {};                      // the copy's time, ISO 8601
  std::string copy_time_basis = {};                // "declared" or "first-seen"
};

struct RuleResult {
  std::string id;
  RuleStatus status = RuleStatus::not_applicable;
  std::string message; // one line for humans, naming the evidence
  std::optional<Evidence> evidence;
  std::string source = {}; // the sentence of the publisher's terms the rule encodes (may be empty)
};

// licensed: the copy is on a licensee's domain, so the terms' restrictions do not make it a
// violation (added by issue 5).
enum class Verdict { compliant, violation, no_match, licensed };
const char* to_string(Verdict verdict);

} // namespace syndcheck::model
