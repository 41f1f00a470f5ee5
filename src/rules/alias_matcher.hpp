// rules/alias_matcher.hpp (internal to rules/): finds a publisher's names in running text.
//
// Rule: one matching rule for credits and for cited outlets alike: an alias matches as whole
// words, its last word may carry a short inflection (Укрінформу, Ukrinformu, Yonhap's), and the
// Latin transliterations of text and alias are compared too.

#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalise.hpp"

namespace syndcheck::rules::detail {

// At most this many code points may follow an alias's last word inside the same word: enough for
// the case endings of Ukrainian, Russian, Polish and German (-у, -ом, -ові, -ami, -s) and "'s",
// short enough that "Yonhapnews" (4 more) is a different word.
inline constexpr std::size_t k_max_inflection_code_points = 3;

// One piece of text, segmented once and queried many times.
struct SegmentedText {
  std::string source;                          // the UTF-8 text as given
  std::vector<text::Word> words;               // text::words(source)
  std::vector<std::string> latin;              // per word, transliterated; empty if it did not align
  std::vector<std::size_t> byte_of_code_point; // code-point index -> byte offset (size = count + 1)

  explicit SegmentedText(std::string_view utf8);

  // The source text between two code-point offsets.
  std::string_view slice(std::size_t begin, std::size_t end) const;
  // True if the text between word `a` and word `b` (a < b) crosses a sentence end (. ! ? … ;).
  bool sentence_break_between(std::size_t a, std::size_t b) const;
};

struct AliasHit {
  std::size_t first = 0; // word index of the alias's first word
  std::size_t last = 0;  // one past the alias's last word
};

class AliasMatcher {
public:
  explicit AliasMatcher(const std::vector<std::string>& aliases);

  // Non-overlapping hits, in text order; the longest alias wins where two start at one word.
  std::vector<AliasHit> find(const SegmentedText& text) const;

private:
  struct Alias {
    std::vector<std::string> folded; // alias words, folded
    std::vector<std::string> latin;  // alias words, transliterated
  };
  std::size_t match_at(const SegmentedText& text, std::size_t start, const Alias& alias) const;
  std::vector<Alias> m_aliases;
};

// True if `word` is `stem`, or `stem` followed by at most k_max_inflection_code_points more.
bool matches_inflected(std::string_view word, std::string_view stem);

} // namespace syndcheck::rules::detail
