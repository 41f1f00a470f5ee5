// similarity/rewrite_match.hpp: is the copy a paraphrase of the original (same language)?
//
// A sentence of the original is "kept" when one sentence of the copy holds most of its content
// words (words of 4+ letters, and numbers), in any order and with other words around them. The
// relation `rewrite` is for copies that keep most of the original this way while align() finds
// few verbatim passages; when align() says verbatim or partial, that wins.

#pragma once
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace syndcheck::similarity {

struct RewriteOptions {
  std::size_t max_sentences = 2'000; // sentences read per document
  std::size_t max_tokens = 200'000;  // tokens read per document
  std::size_t min_content_words = 3; // shorter sentences ("Read more.") are not evidence
  double kept_share = 0.6;           // share of a sentence's content words a copy sentence must hold
  // coverage >= this is a rewrite. Judgement calls checked on the unit tests' paraphrases; rerun
  // unit_similarity when changing them.
  double rewrite_coverage = 0.5;
};

struct RewriteMatch {
  bool rewrite = false;  // coverage >= options.rewrite_coverage
  double coverage = 0.0; // share of the original's content words in kept sentences
  // (original sentence, copy sentence), 0-based, by original sentence.
  std::vector<std::pair<int, int>> sentence_pairs;
};

RewriteMatch match_rewrite(std::string_view original_body, std::string_view copy_body,
                           const RewriteOptions& options = {});

} // namespace syndcheck::similarity
