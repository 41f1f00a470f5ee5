// similarity/aligner.hpp: aligned passages between an original and a copy, and the relation.
//
// Seed-and-extend on word n-grams (text::hashed_tokens), merging seeds that are close in both
// texts, so that light edits (whitespace, quotes, NBSP, dashes, case, a changed word) do not
// break a passage. Offsets are code points into each Article::body_text().

#pragma once
#include <cstddef>

#include "model/article.hpp"
#include "model/finding.hpp"

namespace syndcheck::similarity {

struct AlignOptions {
  std::size_t seed_words = 5;        // n-gram length of a seed
  std::size_t max_gap_words = 4;     // seeds closer than this in both texts merge into one passage
  std::size_t min_passage_words = 8; // shorter passages are noise (shared phrases)
  std::size_t min_match_words = 25;  // below this many aligned words there is no match at all
  double verbatim_coverage = 0.8;    // contract: verbatim means coverage >= 0.8
  double partial_coverage = 0.3;     // at or above: partial
  double partial_containment = 0.5;  // or when most of the copy is ours: partial
  std::size_t max_words = 200'000;   // words read per document (cap on input-driven work)
};

model::Similarity align(const model::Article& original, const model::Article& copy, const AlignOptions& options = {});

// The same, on body texts directly (the offsets are into these strings).
model::Similarity align_text(std::string_view original_body, std::string_view copy_body,
                             const AlignOptions& options = {});

} // namespace syndcheck::similarity
