// pipeline/matching.hpp: how a copy is compared with an original (alignment first, then rewrite
// or translation), and how candidate originals are found in the index.
//
// The similarity matchers stay independent; this file decides the order in which they are asked
// and maps their results onto model::Similarity.

#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/article.hpp"
#include "model/finding.hpp"
#include "similarity/aligner.hpp"
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
  std::size_t cross_language = 5; // translation candidates verified per copy
};

// Ids of the stored originals worth verifying against `copy`, best first, without duplicates.
// Originals stored without a usable signature are signed again from their stored text.
std::expected<std::vector<std::int64_t>, store::StoreError> candidate_originals(store::Store& db,
                                                                                 const model::Document& copy,
                                                                                 const CandidateOptions& options = {});

} // namespace syndcheck::pipeline
