// similarity/signature.hpp: a fixed-size sketch of one document, and its bytes for the store.
//
// One-permutation MinHash (128 bins, optimal densification) over shingles of 3 hashed tokens,
// a k-mins sketch of the lead (first 64 tokens) for excerpt retrieval, plus a bottom-64 sample of
// language-independent anchors (numbers, name skeletons) for cross-lingual retrieval. Why this sketch:
// docs/decisions/0002-sketch.md. A signature compares only with signatures of the same format version; from_bytes()
// rejects any other.

#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace syndcheck::similarity {

enum class SimilarityFailure { truncated, bad_magic, unsupported_version, corrupt };

struct SimilarityError {
  SimilarityFailure failure;
  std::string detail; // one line for humans
};

std::string describe(const SimilarityError& error); // e.g. "corrupt signature: 900 bytes, expected 776"

struct SignatureOptions {
  std::size_t shingle_tokens = 3;   // words per shingle; 3 keeps a changed word from breaking more than 3 shingles
  std::size_t max_tokens = 200'000; // tokens read per document (cap on input-driven work)
};

struct Signature {
  static constexpr std::size_t k_bins = 128;
  static constexpr std::size_t k_max_anchors = 64;
  // The lead sketch: 8 independent minimum hashes over the shingles of the first 64 tokens. A copy
  // of the first paragraphs contains the original's lead (or a large part of it), so each lead
  // minimum agrees with probability ~ the copy's share of the lead, while the whole-text bins
  // agree only with its share of the whole text (issue 4). 64 tokens is about the first paragraph
  // or two of a news article; 8 bins fit the index's 1 KB per original. docs/decisions/0002-sketch.md.
  static constexpr std::size_t k_lead_bins = 8;
  static constexpr std::size_t k_lead_tokens = 64;
  static constexpr std::size_t k_max_bytes = 8 + 4 * k_bins + 4 * k_lead_bins + 4 * k_max_anchors; // 808

  std::array<std::uint32_t, k_bins> bins{};      // minimum shingle hash per bin; all equal when empty
  std::array<std::uint32_t, k_lead_bins> lead{}; // minimum lead-shingle hash per seed; zeros when empty
  std::vector<std::uint32_t> anchors;            // ascending anchor hashes, at most k_max_anchors
  std::uint32_t tokens = 0;                      // tokens read; 0 means an empty document

  bool empty() const { return tokens == 0; }

  // Little-endian, versioned: "SG", version (2), anchor count, tokens, bins, lead, anchors. <= k_max_bytes.
  std::string to_bytes() const;
  static std::expected<Signature, SimilarityError> from_bytes(std::string_view bytes);

  friend bool operator==(const Signature&, const Signature&) = default;
};

// Signs a body text. Thread-safe; reuses a per-thread token buffer.
Signature sign_text(std::string_view body, const SignatureOptions& options = {});

// Share of equal bins: an unbiased estimate of the Jaccard similarity of the two shingle sets.
// 0 when either is empty.
double estimate_jaccard(const Signature& a, const Signature& b);

// Anchors of a text, all of them (not sampled), ascending and unique: number hashes and name
// skeleton hashes, as they go into Signature::anchors. Used by cross-lingual verification.
std::vector<std::uint32_t> anchor_hashes(std::string_view text, std::size_t max_tokens = 200'000);

// The consonant skeleton a capitalised name is compared by across scripts: "Blinken" and
// "Блінкена" -> "blnk"; empty if too short to be evidence. Exposed for tests.
std::string name_skeleton(std::string_view word_utf8);

} // namespace syndcheck::similarity
