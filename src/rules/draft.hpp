// rules/draft.hpp: a first rules file drafted from a publisher's terms text, and the comparison
// that measures drafts against the hand-written library (bench/eval-draft).
//
// Rule: a draft never guesses silently. Each drafted rule quotes the sentence it came from, and
// every sentence that yielded nothing is listed, so a rights desk reviews rather than rewrites.

#pragma once
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.hpp"

namespace syndcheck::rules {

struct DraftOptions {
  std::string publisher; // id for the draft; empty: "publisher"
  std::string name;      // empty: from a "# Name (domain)" title, else the id
  std::string domain;    // empty: from the title or the terms URL
  std::string url;       // terms URL; empty: from a "- url:" line
  std::string language;  // uk, ru, en, be or empty; recorded in the draft's header
  // Terms pages are a few KiB (../shared/terms: 0.9-5 KiB); 256 KiB bounds a hostile input.
  std::size_t max_terms_bytes = 256 * 1024;
};

struct Draft {
  std::string yaml;                // the draft rules file
  std::vector<std::string> unread; // sentences that yielded no rule
};

enum class DraftFailure { too_large, empty };

struct DraftError {
  DraftFailure failure;
  std::string message;
};

// `terms` is plain text or a ../shared/terms-style Markdown file (only its "## Rule sentences"
// section is read, and its title and "- url:" line fill name, domain and URL).
std::expected<Draft, DraftError> draft_rules(std::string_view terms, const DraftOptions& options);

// What a rule requires, without its id or source: two rules with one signature check the same.
std::string rule_signature(const Rule& rule);

// Empty when `a` and `b` have the same rules (as multisets of signatures), the same `exclude` and
// the same advertisement labels; else one line per difference.
std::vector<std::string> compare_rules(const PublisherRules& draft, const PublisherRules& library);

} // namespace syndcheck::rules
