// pipeline/check.cpp: composes the stages of `check` for one copy and its originals.
//
// The only place that knows the order of stages; each stage's failures arrive as values and are
// turned into one line that names the input.
#include "pipeline/check.hpp"
#include "core/clock.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <unistd.h>

#include "core/error.hpp"
#include "fetch/digest.hpp"
#include "model/url.hpp"
#include "pipeline/matching.hpp"
#include "pipeline/originals.hpp"
#include "rules/evaluator.hpp"
#include "rules/rule_set.hpp"
#include "text/charset.hpp"
#include "text/language.hpp"
#include "text/normalise.hpp"

#ifndef SYNDCHECK_RULES_DIR
#define SYNDCHECK_RULES_DIR "rules"
#endif

namespace syndcheck::pipeline {
namespace {

bool is_html(const fetch::FetchedPage& page) {
  const std::string& type = page.content_type;
  return type.find("html") != std::string::npos || type.empty();
}

// "en-US" -> "en"; CLD2 and the JSON contract use bare ISO 639-1 codes.
std::string primary_language(std::string_view tag) {
  std::string out(tag.substr(0, tag.find_first_of("-_")));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Byte offset of code point `cp` in UTF-8 `s` (clamped to the end).
std::size_t byte_offset(std::string_view s, std::size_t cp) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0U) != 0x80U) {
      if (seen == cp) {
        return i;
      }
      ++seen;
    }
  }
  return s.size();
}

// Paragraph number of each counted block, with the code-point offset where it starts in
// body_text(); used to say "copy ¶3" for a passage offset.
struct ParagraphMap {
  std::vector<std::size_t> starts;
  std::vector<int> numbers;

  explicit ParagraphMap(const model::Article& article) {
    std::size_t offset = 0;
    bool first = true;
    for (const model::Block& block : article.blocks) {
      if (!block.counted() || block.text.empty()) {
        continue;
      }
      if (!first) {
        offset += 2; // the "\n\n" separator
      }
      first = false;
      starts.push_back(offset);
      numbers.push_back(block.paragraph);
      offset += text::code_point_count(block.text);
    }
  }

  int paragraph_at(std::size_t cp) const {
    const auto it = std::upper_bound(starts.begin(), starts.end(), cp);
    if (it == starts.begin()) {
      return numbers.empty() ? 0 : numbers.front();
    }
    return numbers[static_cast<std::size_t>(it - starts.begin()) - 1];
  }
};

std::string quote_passage(const std::string& body, const model::Span& span, std::size_t max_cp) {
  const std::size_t end_cp = std::min(span.end, span.begin + max_cp);
  const std::size_t begin = byte_offset(body, span.begin);
  const std::size_t end = byte_offset(body, end_cp);
  std::string out = body.substr(begin, end - begin);
  std::replace(out.begin(), out.end(), '\n', ' ');
  if (end_cp < span.end) {
    out += "…";
  }
  return out;
}

// The copy's declared credits that name a source, most specific first.
std::vector<report::CreditSignal> credit_signals(const model::Credits& credits) {
  std::vector<report::CreditSignal> out;
  if (!credits.canonical_elsewhere.empty()) {
    out.push_back({"canonical-elsewhere", credits.canonical_elsewhere});
  }
  if (!credits.syndication_source.empty()) {
    out.push_back({"syndication-source", credits.syndication_source});
  }
  if (!credits.original_source.empty()) {
    out.push_back({"original-source", credits.original_source});
  }
  for (const std::string& work : credits.is_based_on) {
    out.push_back({"is-based-on", work});
  }
  if (!credits.credit_text.empty()) {
    out.push_back({"credit-text", credits.credit_text});
  }
  return out;
}

// The copy's credit signals that point at this original: a URL on the original's site or on one
// of its publisher's domains (a copy may credit ukrinform.ua for an ukrinform.net original).
// Names (credit-text, an isBasedOn name) are not matched here: outlet names are rules/' business.
std::vector<report::CreditSignal> credits_for_original(const model::Document& copy, const model::Document& original,
                                                       const rules::PublisherRules* publisher) {
  std::vector<report::CreditSignal> out;
  std::string site = model::url_host(original.url());
  if (site.starts_with("www.")) {
    site.erase(0, 4);
  }
  for (report::CreditSignal& signal : credit_signals(copy.article.credits)) {
    const std::string host = model::url_host(signal.value);
    bool to_original = !host.empty() && !site.empty() && model::host_in_domain(host, site);
    if (publisher != nullptr && !host.empty()) {
      for (const std::string& domain : publisher->domains) {
        to_original = to_original || model::host_in_domain(host, domain);
      }
    }
    if (to_original) {
      out.push_back(std::move(signal));
    }
  }
  return out;
}

report::MatchReport judge_impl(const rules::RuleSet& rule_set, const model::Document& original,
                               const model::Document& copy, model::Similarity similarity, const CheckConfig& config) {
  report::MatchReport match;
  match.original.url = original.url();
  match.original.title = original.article.title;
  const std::string original_body = original.article.body_text();
  const std::string copy_body = copy.article.body_text();
  const ParagraphMap original_map(original.article);
  const ParagraphMap copy_map(copy.article);
  for (const model::Passage& passage : similarity.passages) {
    report::PassageReport p;
    p.passage = passage;
    p.copy_text = quote_passage(copy_body, passage.copy, config.max_passage_text);
    p.copy_paragraph = copy_map.paragraph_at(passage.copy.begin);
    p.original_paragraph = original_map.paragraph_at(passage.original.begin);
    match.passages.push_back(std::move(p));
  }
  match.similarity = std::move(similarity);

  const rules::PublisherRules* publisher = rule_set.publisher_for_url(original.url());
  match.credits = credits_for_original(copy, original, publisher);
  if (publisher == nullptr) {
    // No rule file claims this original: it is a match, but there are no terms to break.
    match.verdict = model::Verdict::compliant;
    return match;
  }
  match.original.publisher = publisher->publisher;
  match.original.publisher_name = publisher->name;
  for (const rules::PublisherRules* outlet : rules::cited_outlets(rule_set, *publisher, original.article)) {
    match.cited_outlets.push_back(outlet->publisher);
  }
  rules::Facts facts;
  facts.original = &original.article;
  facts.original_url = original.url();
  facts.copy = &copy.article;
  facts.copy_robots = copy.article.robots;
  facts.relation = match.similarity.relation;
  facts.coverage = match.similarity.coverage;
  for (const model::Passage& passage : match.similarity.passages) {
    facts.chars_reproduced += passage.original.end - passage.original.begin;
  }
  facts.original_language = original.article.language;
  facts.copy_language = copy.article.language;
  // A date read from the URL has day precision only: as midnight it would put a copy published
  // the same day before the original and fail an embargo, so the embargo treats it as unknown.
  facts.original_published = original.article.published_basis == "url" ? "" : original.article.published;
  facts.copy_published = copy.article.published_basis == "url" ? "" : copy.article.published;
  facts.copy_first_seen = copy.fetched_at; // no store yet: this fetch is the first sighting
  facts.copy_url = copy.url();
  facts.now = core::utc_iso8601();
  match.rules = rules::evaluate(rule_set, *publisher, facts);
  match.verdict = rules::verdict_of(match.rules, rules::licensee_for(rule_set, *publisher, facts));
  return match;
}

} // namespace

std::filesystem::path default_rules_dir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "syndcheck" / "rules";
    if (std::filesystem::is_directory(installed, ec)) {
      return installed;
    }
  }
  return SYNDCHECK_RULES_DIR;
}

model::Verdict overall_verdict(const std::vector<report::MatchReport>& matches) {
  if (matches.empty()) {
    return model::Verdict::no_match;
  }
  bool all_licensed = true;
  for (const report::MatchReport& match : matches) {
    if (match.verdict == model::Verdict::violation) {
      return model::Verdict::violation;
    }
    all_licensed = all_licensed && match.verdict == model::Verdict::licensed;
  }
  // Licensed only when every reused original is covered by a licence; one plain compliant reuse
  // makes the page compliant.
  return all_licensed ? model::Verdict::licensed : model::Verdict::compliant;
}

report::MatchReport judge_match(const rules::RuleSet& rule_set, const model::Document& original,
                                const model::Document& copy, model::Similarity similarity, const CheckConfig& config) {
  return judge_impl(rule_set, original, copy, std::move(similarity), config);
}

namespace {

// The stages after the fetch. `page.body` is read for its digest, then `decode` turns it into
// UTF-8: by copy for a page the caller keeps, by move for one it gives up.
template <typename Decode>
std::expected<model::Document, LoadError> build_document(const std::string& input, const fetch::FetchedPage& page,
                                                         const extract::ExtractOptions& options, Decode decode) {
  model::Document document;
  document.source = input;
  document.final_url = page.final_url;
  document.http_status = page.http_status;
  document.fetched_at = core::utc_iso8601();
  document.sha256 = fetch::sha256_hex(page.body);
  document.content_type = page.content_type;

  const bool html = is_html(page);
  auto decoded = decode(html);
  if (!decoded) {
    return std::unexpected(LoadError{input, page.final_url + ": " + text::describe(decoded.error())});
  }
  document.charset = decoded->charset;
  if (html) {
    // The text is handed over: extraction frees it once parsed, before the analysis allocates.
    auto article = extract::extract_html_owned(std::move(decoded->utf8), page.final_url, options);
    if (!article) {
      return std::unexpected(LoadError{input, page.final_url + ": " + extract::describe(article.error())});
    }
    document.article = std::move(*article);
  } else {
    document.article = extract::extract_plain_text(decoded->utf8, options);
    decoded->utf8 = std::string();
  }
  extract::merge_robots_directives(page.x_robots_tag, document.article.robots);
  const std::string detected = text::detect_language(document.article.body_text(), document.article.language);
  document.article.language = detected.empty() ? primary_language(document.article.language) : detected;
  return document;
}

} // namespace

std::expected<model::Document, LoadError> document_from_page(const std::string& input, const fetch::FetchedPage& page,
                                                             const extract::ExtractOptions& options) {
  return build_document(input, page, options,
                        [&](bool html) { return text::decode_to_utf8(page.body, page.content_type, html); });
}

std::expected<model::Document, LoadError> document_from_page(const std::string& input, fetch::FetchedPage&& page,
                                                             const extract::ExtractOptions& options) {
  return build_document(input, page, options, [&](bool html) {
    return text::decode_to_utf8_owned(std::move(page.body), page.content_type, html);
  });
}

std::expected<model::Document, LoadError> load_document(fetch::Fetcher& fetcher, const std::string& input,
                                                        const extract::ExtractOptions& options) {
  auto page = fetcher.get(input);
  if (!page) {
    return std::unexpected(LoadError{input, fetch::describe(page.error())});
  }
  return document_from_page(input, std::move(*page), options);
}

std::expected<report::CheckReport, LoadError> run_check(const CheckConfig& config) {
  const std::filesystem::path rules_dir = config.rules_dir.empty() ? default_rules_dir() : config.rules_dir;
  auto rule_set = rules::load_rules_dir(rules_dir);
  if (!rule_set) {
    throw core::FatalError(rules::describe(rule_set.error()));
  }
  fetch::Fetcher fetcher(config.fetch);
  auto copy = load_document(fetcher, config.copy, config.extract);
  if (!copy) {
    return std::unexpected(copy.error());
  }
  report::CheckReport report;
  report.copy.url = copy->source;
  report.copy.final_url = copy->final_url;
  report.copy.http_status = copy->http_status;
  report.copy.fetched_at = copy->fetched_at;
  report.copy.sha256 = copy->sha256;
  report.copy.language = copy->article.language;
  report.copy.title = copy->article.title;
  report.copy.charset = copy->charset;
  report.copy.paragraphs = copy->article.paragraph_count();
  report.copy.credits = credit_signals(copy->article.credits);

  const auto consider = [&](const model::Document& original) {
    model::Similarity similarity = compare_documents(original, *copy, config.align);
    if (similarity.relation != model::Relation::none) {
      report.matches.push_back(judge_match(*rule_set, original, *copy, std::move(similarity), config));
    }
  };
  for (const std::string& input : config.originals) {
    auto original = load_document(fetcher, input, config.extract);
    if (!original) {
      report.errors.push_back({input, original.error().message});
      continue;
    }
    consider(*original);
  }
  if (config.originals.empty()) {
    // No --original: candidates come from the originals index (signatures), and each candidate
    // is verified like a given original.
    std::unique_ptr<store::Store> db = open_store(config.db_path.empty() ? default_db_path() : config.db_path);
    auto candidates = candidate_originals(*db, *copy);
    if (!candidates) {
      throw core::FatalError(store::describe(candidates.error()));
    }
    for (const std::int64_t id : *candidates) {
      auto original = db->load_original(id);
      if (!original) {
        report.errors.push_back({std::to_string(id), store::describe(original.error())});
        continue;
      }
      consider(*original);
    }
  }

  report.verdict = overall_verdict(report.matches);
  return report;
}

} // namespace syndcheck::pipeline
