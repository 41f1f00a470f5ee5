// pipeline/matching.cpp: the order of the matchers and the originals index lookup.
#include "pipeline/matching.hpp"

#include <algorithm>

#include "similarity/cross_lingual_match.hpp"
#include "similarity/original_index.hpp"
#include "similarity/rewrite_match.hpp"

namespace syndcheck::pipeline {
namespace {

// Lead share (similarity::Candidate::lead) at which a same-language candidate is verified whatever
// its estimated Jaccard: 2 of 8 lead bins, as IndexOptions::min_lead_bins. A first-paragraph copy
// shares ~half of them; a stray shares one lead minimum by a stock phrase, and verifying strays
// cost 4 ms a page (bench/scan).
constexpr double k_min_lead_share = 0.25;

// Paragraph numbers of the counted blocks, in body_text() order: index i is the i-th
// "\n\n"-separated paragraph the matchers count.
std::vector<int> paragraph_numbers(const model::Article& article) {
  std::vector<int> numbers;
  for (const model::Block& block : article.blocks) {
    if (block.counted() && !block.text.empty()) {
      numbers.push_back(block.paragraph);
    }
  }
  return numbers;
}

bool different_languages(const model::Document& a, const model::Document& b) {
  return !a.article.language.empty() && !b.article.language.empty() && a.article.language != b.article.language;
}

} // namespace

model::Similarity compare_documents(const model::Document& original, const model::Document& copy,
                                    const similarity::AlignOptions& options) {
  model::Similarity aligned = similarity::align(original.article, copy.article, options);
  if (aligned.relation != model::Relation::none && aligned.relation != model::Relation::excerpt) {
    return aligned;
  }
  const std::string original_body = original.article.body_text();
  const std::string copy_body = copy.article.body_text();
  if (different_languages(original, copy)) {
    const similarity::CrossLingualMatch t = similarity::match_translation(original_body, copy_body);
    if (!t.translation) {
      return aligned;
    }
    model::Similarity out;
    out.relation = model::Relation::translation;
    out.confidence = t.confidence;
    const std::vector<int> original_numbers = paragraph_numbers(original.article);
    const std::vector<int> copy_numbers = paragraph_numbers(copy.article);
    std::vector<int> covered;
    for (const auto& [o, c] : t.paragraph_pairs) {
      const auto oi = static_cast<std::size_t>(o);
      const auto ci = static_cast<std::size_t>(c);
      if (oi < original_numbers.size() && ci < copy_numbers.size()) {
        out.paragraph_pairs.emplace_back(original_numbers[oi], copy_numbers[ci]);
        covered.push_back(o);
      }
    }
    // Coverage of a translation: the share of the original's paragraphs that have a counterpart.
    std::sort(covered.begin(), covered.end());
    covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
    out.coverage = original_numbers.empty()
                       ? 0.0
                       : static_cast<double>(covered.size()) / static_cast<double>(original_numbers.size());
    std::vector<int> copy_covered;
    for (const auto& pair : t.paragraph_pairs) {
      copy_covered.push_back(pair.second);
    }
    std::sort(copy_covered.begin(), copy_covered.end());
    copy_covered.erase(std::unique(copy_covered.begin(), copy_covered.end()), copy_covered.end());
    out.containment = copy_numbers.empty()
                          ? 0.0
                          : static_cast<double>(copy_covered.size()) / static_cast<double>(copy_numbers.size());
    return out;
  }
  const similarity::RewriteMatch r = similarity::match_rewrite(original_body, copy_body);
  if (!r.rewrite) {
    return aligned;
  }
  model::Similarity out = aligned; // keep any verbatim passages as evidence
  out.relation = model::Relation::rewrite;
  out.coverage = std::max(aligned.coverage, r.coverage);
  out.confidence = r.coverage;
  return out;
}

similarity::Signature sign_document(const model::Document& document) {
  return similarity::sign_text(document.article.body_text());
}

std::expected<OriginalsCatalog, store::StoreError> OriginalsCatalog::load(store::Store& db) {
  auto stored = db.signatures();
  if (!stored) {
    return std::unexpected(stored.error());
  }
  auto listed = db.list_originals();
  if (!listed) {
    return std::unexpected(listed.error());
  }
  OriginalsCatalog catalog(db);
  catalog.m_index.reserve(listed->size());
  std::vector<std::int64_t> signed_ids;
  for (const store::StoredSignature& s : *stored) {
    auto signature = similarity::Signature::from_bytes(s.bytes);
    if (signature) {
      catalog.m_index.add(s.original_id, *signature);
      signed_ids.push_back(s.original_id);
    }
  }
  std::sort(signed_ids.begin(), signed_ids.end());
  for (const model::OriginalSummary& summary : *listed) {
    if (std::binary_search(signed_ids.begin(), signed_ids.end(), summary.id)) {
      continue;
    }
    // Indexed by an older syndcheck (or its signature format changed): sign the stored text.
    auto original = db.load_original(summary.id);
    if (original) {
      catalog.m_index.add(summary.id, sign_document(*original));
    }
  }
  return catalog;
}

std::vector<std::int64_t> OriginalsCatalog::candidates(const model::Document& copy,
                                                       const CandidateOptions& options) const {
  const similarity::Signature signature = sign_document(copy);
  std::vector<std::int64_t> ids;
  for (const auto& candidate : m_index.query(signature, options.same_language)) {
    // A copy of the first paragraphs has a low Jaccard with a long original but shares its lead:
    // 2 of 8 lead bins (a stray shares one at most, by a stock phrase) get it verified too.
    if (candidate.similarity >= options.min_estimated_jaccard || candidate.lead >= k_min_lead_share) {
      ids.push_back(candidate.id);
    }
  }
  for (const auto& candidate : m_index.query_cross_lingual(signature, options.cross_language)) {
    if (std::find(ids.begin(), ids.end(), candidate.id) == ids.end()) {
      ids.push_back(candidate.id);
    }
  }
  return ids;
}

std::expected<std::reference_wrapper<const model::Document>, store::StoreError>
OriginalsCatalog::original(std::int64_t id) {
  auto found = m_loaded.find(id);
  if (found == m_loaded.end()) {
    // Bound the cache: a scan touches few originals per page, and an archive has millions.
    // 1,000 originals of ~10 KB each keep it near 10 MB.
    constexpr std::size_t k_max_cached = 1'000;
    if (m_loaded.size() >= k_max_cached) {
      m_loaded.clear();
    }
    auto loaded = m_db->load_original(id);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    found = m_loaded.emplace(id, std::move(*loaded)).first;
  }
  return std::cref(found->second);
}

std::expected<std::vector<std::int64_t>, store::StoreError>
candidate_originals(store::Store& db, const model::Document& copy, const CandidateOptions& options) {
  auto catalog = OriginalsCatalog::load(db);
  if (!catalog) {
    return std::unexpected(catalog.error());
  }
  return catalog->candidates(copy, options);
}

} // namespace syndcheck::pipeline
