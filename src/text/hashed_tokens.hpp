// text/hashed_tokens.hpp: a fast token stream for sketches: each word as a 64-bit hash, no strings.
//
// One rule: the hash depends only on what a reader sees, so typographic and script variants of a
// word hash alike (case, apostrophes ' ’ ʼ `, ё/е, ґ/г, Latin look-alikes inside Cyrillic, Greek
// accents, Arabic vowel marks, digits of any script). It is not words(): no dictionary breaks;
// ideographs, kana, Thai and similar scripts become one token per character, so shingles over them
// are character n-grams. Use it only to compare hashes with hashes made by this same function.

#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syndcheck::text {

enum class TokenKind : std::uint8_t {
  word,      // letters (and inner digits or apostrophes)
  number,    // digits only; separators "1,000" "1.000" "1 000" are skipped, so all hash as "1000"
  character, // one ideograph, kana, Thai, Lao, Khmer or Myanmar character
};

struct HashedToken {
  std::uint64_t hash = 0;
  std::uint32_t begin = 0; // byte offset into the input
  std::uint32_t end = 0;   // byte offset one past the token
  TokenKind kind = TokenKind::word;
  bool capitalised = false; // the first letter is upper or title case as written
};

// Appends up to `max_tokens` tokens of `utf8` to `out` (cleared first); reuses its storage, so a
// caller signing many documents allocates once. Inputs over 4 GiB are read up to 4 GiB.
void hashed_tokens(std::string_view utf8, std::size_t max_tokens, std::vector<HashedToken>& out);

// Letters of one word as lower-case ASCII by table (Cyrillic, Greek, Latin with diacritics), for
// name anchors: "Блінкена" -> "blinkena", "Zürich" -> "zurich", "Αθήνα" -> "athina". Empty when a
// letter has no mapping (Arabic, CJK...) or the word is longer than `max_bytes` of output.
// Much faster than transliterate_latin() (no ICU transliterator), and cruder.
std::string latin_letters(std::string_view word_utf8, std::size_t max_bytes = 64);

} // namespace syndcheck::text
