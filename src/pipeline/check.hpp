// pipeline/check.hpp: one `check`: fetch → decode → extract the copy and each original, align,
// evaluate the original publisher's rules, and assemble the report.
//
// Per-item failures are values: a copy that cannot be read is a LoadError; an original that
// cannot be read is recorded in the report and the check goes on. Only setup failures (rules
// directory missing or invalid) throw core::FatalError.

#pragma once
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "fetch/fetcher.hpp"
#include "model/article.hpp"
#include "report/check_report.hpp"
#include "rules/rule_set.hpp"
#include "similarity/aligner.hpp"

namespace syndcheck::pipeline {

struct CheckConfig {
  std::string copy;                   // URL, file:// URL or path
  std::vector<std::string> originals; // the same forms; empty: every original in the store
  std::filesystem::path db_path;      // the originals index, used when `originals` is empty
  std::filesystem::path rules_dir;    // empty: default_rules_dir()
  fetch::FetchOptions fetch;
  extract::ExtractOptions extract;
  similarity::AlignOptions align;
  std::size_t max_passage_text = 240; // code points of each passage quoted in the report
};

struct LoadError {
  std::string input;
  std::string message; // one line: "<input>: HTTP 404" etc.
};

// The rules/ that ships with the binary: <exe>/../share/syndcheck/rules when installed, else the
// source tree's rules/ (a build tree).
std::filesystem::path default_rules_dir();

// Decodes and extracts an already fetched page.
std::expected<model::Document, LoadError> document_from_page(const std::string& input, const fetch::FetchedPage& page,
                                                             const extract::ExtractOptions& options);
// The same for a page the caller gives up: its body is moved into the decoded text (or freed once
// decoded), so a large page is held once, not twice, while it is parsed. `page.body` is left empty.
std::expected<model::Document, LoadError> document_from_page(const std::string& input, fetch::FetchedPage&& page,
                                                             const extract::ExtractOptions& options);

// Fetches (or reads) one input and extracts its article.
std::expected<model::Document, LoadError> load_document(fetch::Fetcher& fetcher, const std::string& input,
                                                        const extract::ExtractOptions& options);

std::expected<report::CheckReport, LoadError> run_check(const CheckConfig& config);

// violation if any match violates; licensed if every match is licensed; compliant if some match
// is; no-match when there are none.
model::Verdict overall_verdict(const std::vector<report::MatchReport>& matches);

// Judges one matched (original, copy) pair: passages for the report, cited outlets, the original
// publisher's rules and the verdict.
report::MatchReport judge_match(const rules::RuleSet& rule_set, const model::Document& original,
                                const model::Document& copy, model::Similarity similarity, const CheckConfig& config);

} // namespace syndcheck::pipeline
