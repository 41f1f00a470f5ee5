// rules/alias_matcher.cpp: whole-word, inflection-tolerant alias search over segmented text.
//
// Rule: all comparisons are on text::fold()ed or text::transliterate_latin()ed words, never on
// raw bytes, so case, NFKC variants and Cyrillic/Latin spellings of one name compare equal.
#include "rules/alias_matcher.hpp"

#include <algorithm>

namespace syndcheck::rules::detail {
namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return !is_continuation_byte(c); }));
}

} // namespace

bool matches_inflected(std::string_view word, std::string_view stem) {
  if (stem.empty() || !word.starts_with(stem)) {
    return false;
  }
  const std::string_view rest = word.substr(stem.size());
  if (!rest.empty() && is_continuation_byte(rest.front())) {
    return false; // the stem ended inside a code point
  }
  return code_points(rest) <= k_max_inflection_code_points;
}

SegmentedText::SegmentedText(std::string_view utf8) : source(utf8), words(text::words(utf8)) {
  byte_of_code_point.reserve(source.size() + 1);
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (!is_continuation_byte(source[i])) {
      byte_of_code_point.push_back(i);
    }
  }
  byte_of_code_point.push_back(source.size());

  // One transliteration per text rather than per word (ICU transliterators are costly to run).
  // Transliteration keeps word boundaries for alphabetic scripts; where the word counts differ
  // (some CJK), the Latin forms are not used for this text.
  const std::vector<text::Word> latin_words = text::words(text::transliterate_latin(source));
  if (latin_words.size() == words.size()) {
    latin.reserve(latin_words.size());
    for (const text::Word& word : latin_words) {
      latin.push_back(word.folded);
    }
  }
}

std::string_view SegmentedText::slice(std::size_t begin, std::size_t end) const {
  const std::size_t last = byte_of_code_point.size() - 1;
  begin = std::min(begin, last);
  end = std::clamp(end, begin, last);
  const std::size_t from = byte_of_code_point[begin];
  return std::string_view(source).substr(from, byte_of_code_point[end] - from);
}

bool SegmentedText::sentence_break_between(std::size_t a, std::size_t b) const {
  if (a >= words.size() || b >= words.size() || a >= b) {
    return false;
  }
  for (std::size_t i = a; i < b; ++i) {
    const std::string_view gap = slice(words[i].end, words[i + 1].begin);
    if (gap.find_first_of(".!?;") != std::string_view::npos || gap.find("\xE2\x80\xA6") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

AliasMatcher::AliasMatcher(const std::vector<std::string>& aliases) {
  for (const std::string& alias : aliases) {
    Alias entry;
    for (const text::Word& word : text::words(alias)) {
      entry.folded.push_back(word.folded);
    }
    if (entry.folded.empty()) {
      continue;
    }
    for (const text::Word& word : text::words(text::transliterate_latin(alias))) {
      entry.latin.push_back(word.folded);
    }
    if (entry.latin.size() != entry.folded.size()) {
      entry.latin.clear();
    }
    m_aliases.push_back(std::move(entry));
  }
  // Longest first, so "Yonhap News Agency" is preferred to "Yonhap" at the same word.
  std::stable_sort(m_aliases.begin(), m_aliases.end(),
                   [](const Alias& a, const Alias& b) { return a.folded.size() > b.folded.size(); });
}

std::size_t AliasMatcher::match_at(const SegmentedText& text, std::size_t start, const Alias& alias) const {
  const std::size_t n = alias.folded.size();
  if (start + n > text.words.size()) {
    return 0;
  }
  const bool use_latin = !alias.latin.empty() && !text.latin.empty();
  for (std::size_t j = 0; j < n; ++j) {
    const std::string& word = text.words[start + j].folded;
    const bool last = j + 1 == n;
    bool ok = last ? matches_inflected(word, alias.folded[j]) : word == alias.folded[j];
    if (!ok && use_latin) {
      const std::string& latin = text.latin[start + j];
      ok = last ? matches_inflected(latin, alias.latin[j]) : latin == alias.latin[j];
    }
    if (!ok) {
      return 0;
    }
  }
  return n;
}

std::vector<AliasHit> AliasMatcher::find(const SegmentedText& text) const {
  std::vector<AliasHit> hits;
  std::size_t i = 0;
  while (i < text.words.size()) {
    std::size_t matched = 0;
    for (const Alias& alias : m_aliases) {
      matched = match_at(text, i, alias);
      if (matched > 0) {
        break;
      }
    }
    if (matched > 0) {
      hits.push_back({i, i + matched});
      i += matched;
    } else {
      ++i;
    }
  }
  return hits;
}

} // namespace syndcheck::rules::detail
