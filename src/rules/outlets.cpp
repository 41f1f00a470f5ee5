// rules/outlets.cpp: which other publishers the original names as its source ("Yonhap reports",
// "з посиланням на Yonhap", "передает Йонхап").
//
// Rule: a mention is not a citation. An alias counts only next to a source cue in the same
// sentence, so "Blinken met Yonhap journalists" cites nobody.
#include <algorithm>
#include <string>
#include <vector>

#include "rules/alias_matcher.hpp"
#include "rules/evaluator.hpp"

namespace syndcheck::rules {
namespace {

// Where a cue sits relative to the alias it introduces.
enum class Side { before, after, both };

struct CueSpec {
  const char* phrase; // lower-case; segmented with text::words like the text itself
  Side side;
};

// Source cues, in en, uk, ru, de, pl, fr, es. `before` cues precede the name ("according to
// Yonhap"), `after` cues follow it ("Yonhap reports"); Slavic reporting verbs go either way
// ("повідомляє Йонхап", "Йонхап повідомляє"). Collected from wire-credit phrasing in Ukrinform,
// RIA, DPA, PAP, AFP and EFE copy.
constexpr CueSpec k_cues[] = {
    // en
    {"according to", Side::before},
    {"citing", Side::before},
    {"quoting", Side::before},
    {"cited by", Side::before},
    {"reported by", Side::before},
    {"via", Side::before},
    {"source", Side::before},
    {"told", Side::before},
    {"reports", Side::after},
    {"reported", Side::after},
    {"said", Side::after},
    {"says", Side::after},
    {"writes", Side::after},
    {"wrote", Side::after},
    {"informs", Side::after},
    {"announced", Side::after},
    {"quoted", Side::after},
    {"stated", Side::after},
    // uk
    {"з посиланням на", Side::before},
    {"за даними", Side::before},
    {"за інформацією", Side::before},
    {"джерело", Side::before},
    {"повідомляє", Side::both},
    {"повідомило", Side::both},
    {"повідомила", Side::both},
    {"повідомив", Side::both},
    {"пише", Side::both},
    {"передає", Side::both},
    {"інформує", Side::both},
    {"цитує", Side::both},
    // ru
    {"со ссылкой на", Side::before},
    {"по данным", Side::before},
    {"по информации", Side::before},
    {"источник", Side::before},
    {"сообщает", Side::both},
    {"сообщило", Side::both},
    {"сообщила", Side::both},
    {"сообщил", Side::both},
    {"передает", Side::both},
    {"передаёт", Side::both},
    {"пишет", Side::both},
    {"информирует", Side::both},
    // de
    {"laut", Side::before},
    {"unter berufung auf", Side::before},
    {"nach angaben", Side::before},
    {"zufolge", Side::after},
    {"berichtet", Side::both},
    {"berichtete", Side::both},
    {"meldet", Side::both},
    {"meldete", Side::both},
    {"schreibt", Side::both},
    // pl
    {"według", Side::before},
    {"powołując się na", Side::before},
    {"cytując", Side::before},
    {"podaje", Side::both},
    {"podała", Side::both},
    {"podał", Side::both},
    {"donosi", Side::both},
    {"informuje", Side::both},
    {"poinformowała", Side::both},
    // fr
    {"selon", Side::before},
    {"d'après", Side::before},
    {"citant", Side::before},
    {"cité par", Side::before},
    {"rapporté par", Side::before},
    {"rapporte", Side::both},
    {"indique", Side::after},
    {"annonce", Side::after},
    {"écrit", Side::after},
    // es
    {"según", Side::before},
    {"de acuerdo con", Side::before},
    {"citando", Side::before},
    {"citado por", Side::before},
    {"informa", Side::both},
    {"informó", Side::both},
    {"reporta", Side::both},
    {"reportó", Side::both},
    {"publicó", Side::after},
};

// Words between a `before` cue and the name: "according to South Korea's Yonhap news agency"
// puts two between them, "according to the South Korean agency Yonhap" four. The issue asks for
// "within ~4 words"; more starts to reach other clauses.
constexpr std::size_t k_max_gap_before = 4;
// Words between the name and an `after` cue: "Yonhap also reported", "Yonhap agency reports".
// Kept small because a verb far after a name usually belongs to another subject ("Blinken met
// Yonhap journalists and said").
constexpr std::size_t k_max_gap_after = 2;

// A conjunction between the name and an `after` cue starts a new clause with another subject.
constexpr const char* k_conjunctions[] = {"and", "or",   "but", "і",    "й",  "та", "а", "и", "но",
                                          "und", "oder", "i",   "oraz", "et", "ou", "y", "o", "pero"};

struct Cue {
  std::vector<std::string> words;
  Side side;
};

const std::vector<Cue>& cues() {
  static const std::vector<Cue> segmented = [] {
    std::vector<Cue> out;
    for (const CueSpec& spec : k_cues) {
      Cue cue{{}, spec.side};
      for (const text::Word& word : text::words(spec.phrase)) {
        cue.words.push_back(word.folded);
      }
      if (!cue.words.empty()) {
        out.push_back(std::move(cue));
      }
    }
    return out;
  }();
  return segmented;
}

bool cue_at(const detail::SegmentedText& text, std::size_t start, const Cue& cue) {
  if (start + cue.words.size() > text.words.size()) {
    return false;
  }
  for (std::size_t j = 0; j < cue.words.size(); ++j) {
    if (text.words[start + j].folded != cue.words[j]) {
      return false;
    }
  }
  return true;
}

bool is_conjunction(const std::string& folded) {
  return std::any_of(std::begin(k_conjunctions), std::end(k_conjunctions), [&](const char* c) { return folded == c; });
}

bool cue_before(const detail::SegmentedText& text, const detail::AliasHit& hit, const Cue& cue) {
  // The cue ends at `cue_end` (exclusive) with at most k_max_gap_before words before the alias.
  for (std::size_t gap = 0; gap <= k_max_gap_before; ++gap) {
    if (hit.first < gap + cue.words.size()) {
      break;
    }
    const std::size_t start = hit.first - gap - cue.words.size();
    if (cue_at(text, start, cue) && !text.sentence_break_between(start, hit.first)) {
      return true;
    }
  }
  return false;
}

bool cue_after(const detail::SegmentedText& text, const detail::AliasHit& hit, const Cue& cue) {
  for (std::size_t gap = 0; gap <= k_max_gap_after; ++gap) {
    const std::size_t start = hit.last + gap;
    if (start >= text.words.size()) {
      break;
    }
    if (gap > 0 && is_conjunction(text.words[start - 1].folded)) {
      break;
    }
    if (cue_at(text, start, cue) && !text.sentence_break_between(hit.last - 1, start)) {
      return true;
    }
  }
  return false;
}

bool cited_in(const detail::SegmentedText& text, const detail::AliasMatcher& matcher) {
  for (const detail::AliasHit& hit : matcher.find(text)) {
    for (const Cue& cue : cues()) {
      if ((cue.side != Side::after && cue_before(text, hit, cue)) ||
          (cue.side != Side::before && cue_after(text, hit, cue))) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

std::vector<const PublisherRules*> cited_outlets(const RuleSet& set, const PublisherRules& self,
                                                 const model::Article& original) {
  std::vector<const PublisherRules*> candidates;
  std::vector<detail::AliasMatcher> matchers;
  for (const PublisherRules& publisher : set.publishers()) {
    if (publisher.publisher != self.publisher) {
      candidates.push_back(&publisher);
      matchers.emplace_back(publisher.aliases);
    }
  }
  std::vector<bool> cited(candidates.size(), false);
  for (const model::Block& block : original.blocks) {
    if (block.text.empty()) {
      continue;
    }
    const detail::SegmentedText text(block.text);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!cited[i] && cited_in(text, matchers[i])) {
        cited[i] = true;
      }
    }
  }
  std::vector<const PublisherRules*> out;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (cited[i]) {
      out.push_back(candidates[i]);
    }
  }
  return out;
}

} // namespace syndcheck::rules
