// similarity/rewrite_match.cpp: content words per sentence, best copy sentence per original one.
//
// One rule: each original sentence is judged on its own content words, so padding the copy with
// other text never lowers, and copying one sentence many times never raises, the coverage.

#include "similarity/rewrite_match.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "text/hashed_tokens.hpp"

namespace syndcheck::similarity {
namespace {

// Content words have at least this many code points: shorter words are mostly function words in
// the languages served ("the", "and", "що", "для"). A stop-word list per language would be better.
constexpr std::size_t k_min_content_code_points = 4;

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool ends_sentence(char c) {
  return c == '.' || c == '!' || c == '?';
}

// Sentences as sorted sets of content-word hashes. A sentence ends at . ! ? followed by a space,
// or at a paragraph break.
std::vector<std::vector<std::uint64_t>> sentences(std::string_view body, const RewriteOptions& options) {
  std::vector<text::HashedToken> tokens;
  text::hashed_tokens(body, options.max_tokens, tokens);
  std::vector<std::vector<std::uint64_t>> out(1);
  std::size_t previous_end = 0;
  for (const auto& token : tokens) {
    const std::string_view gap = body.substr(previous_end, token.begin - previous_end);
    bool boundary = gap.find("\n\n") != std::string_view::npos;
    for (std::size_t i = 0; i + 1 < gap.size() && !boundary; ++i) {
      boundary = ends_sentence(gap[i]) && (gap[i + 1] == ' ' || gap[i + 1] == '\n');
    }
    if (boundary && !out.back().empty()) {
      if (out.size() >= options.max_sentences) {
        break;
      }
      out.emplace_back();
    }
    previous_end = token.end;
    const std::string_view word = body.substr(token.begin, token.end - token.begin);
    if (token.kind == text::TokenKind::number ||
        (token.kind == text::TokenKind::word && code_points(word) >= k_min_content_code_points)) {
      out.back().push_back(token.hash);
    }
  }
  for (auto& sentence : out) {
    std::sort(sentence.begin(), sentence.end());
    sentence.erase(std::unique(sentence.begin(), sentence.end()), sentence.end());
  }
  return out;
}

} // namespace

RewriteMatch match_rewrite(std::string_view original_body, std::string_view copy_body, const RewriteOptions& options) {
  RewriteMatch result;
  const auto orig = sentences(original_body, options);
  const auto copy = sentences(copy_body, options);
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> where; // content word -> copy sentences
  for (std::size_t j = 0; j < copy.size(); ++j) {
    for (const std::uint64_t word : copy[j]) {
      where[word].push_back(static_cast<std::uint32_t>(j));
    }
  }
  std::size_t total = 0;
  std::size_t kept = 0;
  std::vector<std::uint32_t> votes(copy.size(), 0);
  for (std::size_t i = 0; i < orig.size(); ++i) {
    if (orig[i].size() < options.min_content_words) {
      continue;
    }
    total += orig[i].size();
    std::fill(votes.begin(), votes.end(), 0);
    for (const std::uint64_t word : orig[i]) {
      if (const auto found = where.find(word); found != where.end()) {
        for (const std::uint32_t j : found->second) {
          ++votes[j];
        }
      }
    }
    const auto best = std::max_element(votes.begin(), votes.end());
    if (best == votes.end()) {
      continue;
    }
    const double share = static_cast<double>(*best) / static_cast<double>(orig[i].size());
    if (share >= options.kept_share) {
      kept += orig[i].size();
      result.sentence_pairs.emplace_back(static_cast<int>(i), static_cast<int>(best - votes.begin()));
    }
  }
  result.coverage = total == 0 ? 0.0 : static_cast<double>(kept) / static_cast<double>(total);
  result.rewrite = result.coverage >= options.rewrite_coverage;
  return result;
}

} // namespace syndcheck::similarity
