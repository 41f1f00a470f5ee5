// similarity/original_index.hpp: the in-memory index of originals' signatures, for retrieval.
//
// Same-language candidates come from MinHash LSH (bands of bins); cross-language candidates from
// an inverted index of anchors scored by IDF. Both are retrieval only: confirm candidates with
// align() or match_translation(). The index holds no texts and is rebuilt from stored signatures
// at start-up (add() each one; reserve() first to avoid regrowth). Not thread-safe for writes;
// concurrent const queries are safe.

#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "similarity/signature.hpp"

namespace syndcheck::similarity {

struct IndexOptions {
  // 42 bands of 2 bins: a pair with Jaccard 0.5 becomes a candidate with p > 0.9999, 0.3 with
  // p = 0.98 (a copy of the first third of an article), 0.1 with p = 0.34. Rows were 3 before:
  // first-third copies were then retrieved 0.69 of the time on bench/eval-similarity, now 0.95.
  // The price is stray candidates: 2 of 15,006 unrelated ntrex pairs share a band (~130 per
  // query at 1M originals), which the min_similarity cut drops after one 128-byte compare each.
  // Chosen from the S-curve 1-(1-J^r)^b; rerun bench/eval-similarity, bench/similarity_speed and
  // the unit tests when changing it.
  std::size_t bands = 42;
  std::size_t rows = 2;
  // A band key or an anchor shared by more originals than this is boilerplate or a common number
  // ("2024"), not evidence: it is no longer indexed and is skipped at query time. Bounds the work
  // per query whatever the corpus holds.
  std::size_t max_postings = 2'000;
  // Anchors of each original kept in the inverted index (of Signature::k_max_anchors stored): the
  // smallest hashes, so the same anchors are kept for a document and its translation. 32 keeps
  // RAM under 1 KB per original; see bench/eval-similarity for the retrieval it gives.
  std::size_t indexed_anchors = 32;
  // Candidates below this estimated Jaccard are dropped from query(): LSH lets through some pairs
  // that only share a band by chance.
  double min_similarity = 0.05;
  // Lead table (issue 4): each original's Signature::lead bins are indexed as 1-row keys, so a copy
  // of the first paragraphs is a candidate when it shares one lead minimum, whatever its Jaccard.
  // A lead key shared by more originals than this is a dateline or a stock phrase ("KYIV, March
  // 3 (Ukrinform) --"): 32 bounds the stray candidates per query to 8 x 32 at worst, each one
  // 128-byte compare; true syndicated duplicates of one lead are rarely more.
  std::size_t max_lead_postings = 32;
  // Lead bins an original must share to be a candidate through the lead table alone (a band
  // candidate needs none). bench/eval-similarity: with 1, first-1 recall@20 is 0.997 but 38 of
  // 15,006 unrelated ntrex pairs become candidates (one stock phrase in both leads); with 2,
  // recall@20 is 0.985 and the strays stay at the 2 pairs the bands already let through.
  std::size_t min_lead_bins = 2;
};

struct Candidate {
  std::int64_t id = 0;
  double similarity = 0.0; // query(): estimated Jaccard; query_cross_lingual(): anchor score in [0, 1]
  // query() only: share of the Signature::lead bins that equal the original's, an estimate of
  // how much of the original's lead the copy contains; 0 when no lead bin agrees.
  double lead = 0.0;
};

class OriginalIndex {
public:
  explicit OriginalIndex(IndexOptions options = {});
  ~OriginalIndex();
  OriginalIndex(OriginalIndex&&) noexcept;
  OriginalIndex& operator=(OriginalIndex&&) noexcept;

  void reserve(std::size_t originals);
  // Adds or replaces the original `id`. Empty signatures are kept (remove() works) but never match.
  void add(std::int64_t id, const Signature& signature);
  // False if `id` was not indexed.
  bool remove(std::int64_t id);
  bool contains(std::int64_t id) const;
  std::size_t size() const;

  // Same-language candidates, at most k, best first by max(similarity, lead): originals sharing a
  // band (kept if similarity >= min_similarity) or min_lead_bins lead bins (kept whatever their
  // similarity, since a copy of the first paragraph has a low Jaccard with a long original).
  std::vector<Candidate> query(const Signature& signature, std::size_t k) const;
  // Cross-language candidates by shared anchors (numbers, names), best first, at most k.
  std::vector<Candidate> query_cross_lingual(const Signature& signature, std::size_t k) const;

  // Bytes the index holds (capacities, not sizes), for the memory benchmark.
  std::size_t memory_bytes() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::similarity
