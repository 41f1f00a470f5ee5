// pipeline/matching.hpp: how a copy is compared with an original (alignment first, then rewrite
// or translation), and how candidate originals are found in the index.
//
// The similarity matchers stay independent; this file decides the order in which they are asked
// and maps their results onto model::Similarity.

#pragma once
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/article.hpp"
#include "model/finding.hpp"
#include "similarity/aligner.hpp"
#include "similarity/original_index.hpp"
#include "similarity/signature.hpp"
#include "store/store.hpp"

namespace syndcheck::pipeline {

// Alignment decides verbatim/partial/excerpt. When it finds nothing (or only an excerpt), a copy
// in another language is tested as a translation, and one in the same language as a rewrite.
model::Similarity compare_documents(const model::Document& original, const model::Document& copy,
                                    const similarity::AlignOptions& options);

// The signature stored with an original.
similarity::Signature sign_document(const model::Document& document);

struct CandidateOptions {
  // Same-language candidates verified per copy. 20 covers a roundup of several originals with
  // room to spare; each costs one alignment (~0.5 ms for 5 KB texts, bench/similarity_speed).
  std::size_t same_language = 20;
  std::size_t cross_language = 5; // translation (and rewrite) candidates verified per copy
  // Same-language candidates whose estimated Jaccard is below this are not verified: 0.03 is about
  // 4 of 128 equal bins. Unrelated pages collide in 0-2 bins, while a copy of one paragraph of an
  // 8-paragraph original shares ~10 (bench/scan: verifying the strays cost 4 ms a page). Rewrites
  // and translations keep names and numbers and come through the cross-language anchors instead.
  double min_estimated_jaccard = 0.03;
};

// The originals index in memory: signatures of every stored original, loaded once per run, and
// the originals themselves, loaded from the store when first needed. Not thread-safe.
class OriginalsCatalog {
public:
  // Originals stored without a usable signature are signed again from their stored text.
  static std::expected<OriginalsCatalog, store::StoreError> load(store::Store& db);

  // Ids of the stored originals worth verifying against `copy`, best first, without duplicates.
  std::vector<std::int64_t> candidates(const model::Document& copy, const CandidateOptions& options = {}) const;
  // The stored original (cached after the first load). The reference is valid until the next
  // call: the cache is bounded and may be emptied.
  std::expected<std::reference_wrapper<const model::Document>, store::StoreError> original(std::int64_t id);
  std::size_t size() const { return m_index.size(); }

private:
  explicit OriginalsCatalog(store::Store& db) : m_db(&db) {}
  store::Store* m_db;
  similarity::OriginalIndex m_index;
  std::map<std::int64_t, model::Document> m_loaded;
};

// One-shot: load the catalog and return the candidates for one copy.
std::expected<std::vector<std::int64_t>, store::StoreError>
candidate_originals(store::Store& db, const model::Document& copy, const CandidateOptions& options = {});

} // namespace syndcheck::pipeline
