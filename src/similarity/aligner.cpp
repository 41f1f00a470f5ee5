// similarity/aligner.cpp: seed-and-extend alignment of an original and a copy on hashed words.
//
// One rule: each word of either text belongs to at most one aligned run, so coverage and
// containment never count a word twice. Steps: word hashes (text::hashed_tokens: all of align()
// takes 0.12x the time of ICU words() alone) -> n-gram seeds -> maximal runs -> greedy
// longest-first selection -> "bridge" runs next to selected ones -> code-point passages.

#include "similarity/aligner.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "text/hashed_tokens.hpp"

namespace syndcheck::similarity {
namespace {

// A seed n-gram occurring more often than this in the original is boilerplate ("said in a
// statement on"), not evidence; keeping only the first occurrences bounds the pairs per copy
// position. 32 is a judgement call: far above what a 5-word n-gram of prose repeats within one
// article, low enough that a self-repeating input cannot make the pair count quadratic.
constexpr std::size_t k_max_seed_occurrences = 32;
// Extending runs costs at most this many word comparisons per input word, so a pathological,
// self-repeating input stays linear. An identical copy needs exactly one per copy word (every run
// is extended once, from its left end); 64 is headroom for repeated phrases. A 20,000-word
// "a a a ..." input aligns in ~0.1 s in a Debug build with this budget.
constexpr std::size_t k_extension_budget_per_word = 64;
// A bridge run found next to a selected run, off its diagonal (insertions or deletions), needs
// this many equal words to count; on the same diagonal (substituted words) or after a single
// inserted or deleted word, one is enough. Two keeps "the"/"і" from bridging on their own.
constexpr std::size_t k_min_offset_bridge_words = 2;

struct Run {
  std::size_t copy = 0; // first word in the copy
  std::size_t orig = 0; // first word in the original
  std::size_t length = 0;
};

struct Tokens {
  // Equal words (as hashed_tokens sees them: case, apostrophes, ё/е... merged) have equal ids in
  // both texts. 64-bit hashes: a collision in a 200,000-word pair has p ~ 1e-9, and would only
  // join two words into one seed, never crash.
  std::vector<std::uint64_t> ids;
  std::vector<std::uint32_t> begin; // code-point offset of each word
  std::vector<std::uint32_t> end;   // code-point offset one past each word
};

// Mixes the ids of an n-gram; collisions are checked by comparing ids when extending anyway.
std::uint64_t ngram_hash(const std::vector<std::uint64_t>& ids, std::size_t begin, std::size_t n) {
  std::uint64_t hash = 0x9E3779B97F4A7C15ULL;
  for (std::size_t i = begin; i < begin + n; ++i) {
    hash = (hash ^ ids[i]) * 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 32U;
  }
  return hash;
}

// Words of `body` with code-point offsets: hashed_tokens() gives byte offsets, which one forward
// walk over the bytes turns into code points (tokens come in order).
void tokenise(std::string_view body, std::size_t max_words, std::vector<text::HashedToken>& scratch, Tokens& out) {
  text::hashed_tokens(body, max_words, scratch);
  out.ids.resize(scratch.size());
  out.begin.resize(scratch.size());
  out.end.resize(scratch.size());
  std::size_t byte = 0;
  std::uint32_t points = 0;
  const auto advance_to = [&](std::size_t target) {
    for (; byte < target; ++byte) {
      points += (static_cast<unsigned char>(body[byte]) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return points;
  };
  for (std::size_t i = 0; i < scratch.size(); ++i) {
    out.ids[i] = scratch[i].hash;
    out.begin[i] = advance_to(scratch[i].begin);
    out.end[i] = advance_to(scratch[i].end);
  }
}

class Aligner {
public:
  Aligner(std::string_view original, std::string_view copy, const AlignOptions& options)
      : m_options(options), m_seed(std::max<std::size_t>(options.seed_words, 1)) {
    std::vector<text::HashedToken> scratch;
    tokenise(original, options.max_words, scratch, m_orig);
    tokenise(copy, options.max_words, scratch, m_copy);
    m_orig_used.assign(m_orig.ids.size(), false);
    m_copy_used.assign(m_copy.ids.size(), false);
  }

  model::Similarity run() {
    model::Similarity result;
    if (m_orig.ids.empty() || m_copy.ids.empty()) {
      return result;
    }
    select(candidate_runs());
    bridge();
    std::sort(m_runs.begin(), m_runs.end(), [](const Run& a, const Run& b) { return a.copy < b.copy; });
    build_passages(result);
    return result;
  }

private:
  // Every maximal run of equal words that contains a seed, found once from its left end.
  std::vector<Run> candidate_runs() const {
    std::vector<Run> runs;
    const auto& orig = m_orig.ids;
    const auto& copy = m_copy.ids;
    if (orig.size() < m_seed || copy.size() < m_seed) {
      return runs;
    }
    // A sorted array of (n-gram hash, position) instead of a hash map of vectors: one allocation,
    // and the first k_max_seed_occurrences positions of each n-gram are adjacent.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> seeds;
    seeds.reserve(orig.size() + 1 - m_seed);
    for (std::size_t i = 0; i + m_seed <= orig.size(); ++i) {
      seeds.emplace_back(ngram_hash(orig, i, m_seed), static_cast<std::uint32_t>(i));
    }
    std::sort(seeds.begin(), seeds.end());
    std::size_t kept = 0;
    for (std::size_t i = 0, same = 0; i < seeds.size(); ++i) {
      same = (i > 0 && seeds[i].first == seeds[i - 1].first) ? same + 1 : 0;
      if (same < k_max_seed_occurrences) {
        seeds[kept++] = seeds[i];
      }
    }
    seeds.resize(kept);
    std::size_t budget = k_extension_budget_per_word * (orig.size() + copy.size());
    for (std::size_t j = 0; j + m_seed <= copy.size() && budget > 0; ++j) {
      const std::uint64_t key = ngram_hash(copy, j, m_seed);
      auto found = std::lower_bound(seeds.begin(), seeds.end(), std::pair<std::uint64_t, std::uint32_t>{key, 0});
      for (; found != seeds.end() && found->first == key; ++found) {
        const std::size_t i = found->second;
        if (i > 0 && j > 0 && orig[i - 1] == copy[j - 1]) {
          continue; // inside a run that starts further left; found from there
        }
        std::size_t length = 0;
        while (i + length < orig.size() && j + length < copy.size() && orig[i + length] == copy[j + length] &&
               budget > 0) {
          ++length;
          --budget;
        }
        if (length >= m_seed) { // shorter means a hash collision
          runs.push_back(Run{j, i, length});
        }
      }
    }
    return runs;
  }

  bool free_pair(std::size_t copy, std::size_t orig) const { return !m_copy_used[copy] && !m_orig_used[orig]; }

  void accept(const Run& run) {
    for (std::size_t k = 0; k < run.length; ++k) {
      m_copy_used[run.copy + k] = true;
      m_orig_used[run.orig + k] = true;
    }
    m_runs.push_back(run);
  }

  // Longest first; a run overlapping accepted words keeps its free stretches of seed length.
  void select(std::vector<Run> candidates) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Run& a, const Run& b) { return a.length > b.length; });
    for (const Run& candidate : candidates) {
      std::size_t k = 0;
      while (k < candidate.length) {
        while (k < candidate.length && !free_pair(candidate.copy + k, candidate.orig + k)) {
          ++k;
        }
        const std::size_t start = k;
        while (k < candidate.length && free_pair(candidate.copy + k, candidate.orig + k)) {
          ++k;
        }
        if (k - start >= m_seed) {
          accept(Run{candidate.copy + start, candidate.orig + start, k - start});
        }
      }
    }
  }

  // Length of the free equal stretch from (copy, orig), walking right or left.
  std::size_t stretch(std::size_t copy, std::size_t orig, bool forward) const {
    std::size_t length = 0;
    while (true) {
      const std::size_t c = forward ? copy + length : copy - length;
      const std::size_t o = forward ? orig + length : orig - length;
      if (c >= m_copy.ids.size() || o >= m_orig.ids.size() || !free_pair(c, o) || m_copy.ids[c] != m_orig.ids[o]) {
        return length;
      }
      ++length;
      if (!forward && (c == 0 || o == 0)) {
        return length;
      }
    }
  }

  // Looks past one end of `run` for a short equal stretch within max_gap_words in both texts:
  // the words between a light edit and the next seed, or after an edit near a paragraph's end.
  void bridge_from(const Run& run, bool forward) {
    const std::size_t gap = m_options.max_gap_words;
    for (std::size_t total = 0; total <= 2 * gap; ++total) {
      for (std::size_t dc = 0; dc <= std::min(total, gap); ++dc) {
        const std::size_t dor = total - dc;
        if (dor > gap) {
          continue;
        }
        std::size_t c = 0;
        std::size_t o = 0;
        if (forward) {
          c = run.copy + run.length + dc;
          o = run.orig + run.length + dor;
        } else {
          if (run.copy < dc + 1 || run.orig < dor + 1) {
            continue;
          }
          c = run.copy - 1 - dc;
          o = run.orig - 1 - dor;
        }
        if (c >= m_copy.ids.size() || o >= m_orig.ids.size()) {
          continue;
        }
        const std::size_t length = stretch(c, o, forward);
        const std::size_t needed = (dc == dor || total == 1) ? 1 : k_min_offset_bridge_words;
        if (length >= needed) {
          accept(forward ? Run{c, o, length} : Run{c + 1 - length, o + 1 - length, length});
          return;
        }
      }
    }
  }

  void bridge() {
    // Only seeded runs start bridges: chaining bridges off bridges would let common words ("the",
    // "і") creep a passage into unrelated text.
    const std::size_t seeded = m_runs.size();
    for (std::size_t i = 0; i < seeded; ++i) {
      const Run run = m_runs[i];
      bridge_from(run, true);
      bridge_from(run, false);
    }
  }

  void build_passages(model::Similarity& result) const {
    struct Group {
      std::size_t copy_begin, copy_end, orig_begin, orig_end, words;
    };
    std::vector<Group> groups;
    for (const Run& run : m_runs) {
      if (!groups.empty()) {
        Group& last = groups.back();
        const bool in_order = run.copy >= last.copy_end && run.orig >= last.orig_end;
        if (in_order && run.copy - last.copy_end <= m_options.max_gap_words &&
            run.orig - last.orig_end <= m_options.max_gap_words) {
          last.copy_end = run.copy + run.length;
          last.orig_end = run.orig + run.length;
          last.words += run.length;
          continue;
        }
      }
      groups.push_back(Group{run.copy, run.copy + run.length, run.orig, run.orig + run.length, run.length});
    }

    std::size_t aligned = 0;
    for (const Group& group : groups) {
      if (group.words < m_options.min_passage_words) {
        continue;
      }
      aligned += group.words;
      model::Passage passage;
      passage.original = {m_orig.begin[group.orig_begin], m_orig.end[group.orig_end - 1]};
      passage.copy = {m_copy.begin[group.copy_begin], m_copy.end[group.copy_end - 1]};
      passage.words = group.words;
      result.passages.push_back(passage);
    }
    // Runs are one-to-one, so aligned original words and aligned copy words are the same count.
    result.coverage = static_cast<double>(aligned) / static_cast<double>(m_orig.ids.size());
    result.containment = static_cast<double>(aligned) / static_cast<double>(m_copy.ids.size());

    // The "coverage < 0.5" escape lets a very short original (a 20-word brief) still match.
    if (aligned == 0 || (aligned < m_options.min_match_words && result.coverage < 0.5)) {
      result.relation = model::Relation::none;
      result.passages.clear();
    } else if (result.coverage >= m_options.verbatim_coverage) {
      result.relation = model::Relation::verbatim;
    } else if (result.coverage >= m_options.partial_coverage || result.containment >= m_options.partial_containment) {
      result.relation = model::Relation::partial;
    } else {
      result.relation = model::Relation::excerpt;
    }
  }

  const AlignOptions& m_options;
  std::size_t m_seed;
  Tokens m_orig;
  Tokens m_copy;
  std::vector<bool> m_orig_used;
  std::vector<bool> m_copy_used;
  std::vector<Run> m_runs;
};

} // namespace

model::Similarity align_text(std::string_view original_body, std::string_view copy_body, const AlignOptions& options) {
  return Aligner(original_body, copy_body, options).run();
}

model::Similarity align(const model::Article& original, const model::Article& copy, const AlignOptions& options) {
  return align_text(original.body_text(), copy.body_text(), options);
}

} // namespace syndcheck::similarity
