// report/check_report.hpp: what `check` found, as plain data, and the printers that render it.
//
// pipeline/ fills a CheckReport; printers only format it. The JSON shape is a public contract
// (docs/json.md): fields may be added, never renamed or removed.

#pragma once
#include <string>
#include <vector>

#include "model/finding.hpp"

namespace syndcheck::report {

// A credit the copy declares about where its story comes from (extract's model::Credits), shown as
// evidence next to the rules: a republisher may credit the original by these rather than by a link.
struct CreditSignal {
  std::string kind;  // "canonical-elsewhere", "syndication-source", "original-source", "is-based-on", "credit-text"
  std::string value; // the URL (or, for is-based-on and credit-text, the name) as declared
};

struct CopySummary {
  std::string url;       // as given
  std::string final_url; // after redirects
  long http_status = 0;  // 0 for local files
  std::string fetched_at;
  std::string sha256;
  std::string language;
  std::string title;
  std::string charset;
  int paragraphs = 0;
  std::vector<CreditSignal> credits = {}; // in the order of CreditSignal::kind's list
};

struct OriginalSummary {
  std::string url;       // canonical URL
  std::string publisher; // rule file id; empty when no rule file claims the host
  std::string publisher_name;
  std::string title;
};

struct PassageReport {
  model::Passage passage;
  std::string copy_text;  // the copied words as they stand in the copy (capped)
  int copy_paragraph = 0; // first paragraph of the copy the passage falls in
  int original_paragraph = 0;
};

struct MatchReport {
  OriginalSummary original;
  model::Similarity similarity; // passages are reported through `passages`
  std::vector<PassageReport> passages;
  model::Verdict verdict = model::Verdict::no_match;
  std::vector<model::RuleResult> rules;
  std::vector<std::string> cited_outlets; // publisher ids the original names as its source
  // The copy's credit signals (CopySummary::credits) whose URL is on this original's site or its
  // publisher's domains: the copy credits this original by canonical, syndication-source...
  std::vector<CreditSignal> credits = {};
};

// An input that could not be used (an original that failed to download, say). The check goes on
// without it, and the exit status becomes 2.
struct InputError {
  std::string input;
  std::string message;
};

struct CheckReport {
  CopySummary copy;
  model::Verdict verdict = model::Verdict::no_match;
  std::vector<MatchReport> matches; // only originals the copy reuses (relation != none)
  std::vector<InputError> errors;
};

enum class Format { text, json };

// Renders the whole report; text ends with a newline, JSON is one pretty-printed document.
std::string render(const CheckReport& report, Format format);

std::string render_text(const CheckReport& report);
// One match as the JSON object of `matches[]`, on one line (scans store it with each finding).
std::string render_match_json(const MatchReport& match);
std::string render_json(const CheckReport& report);

// Exit status for a report: 2 if any input failed, 1 on a violation, else 0.
int exit_code(const CheckReport& report);

} // namespace syndcheck::report
