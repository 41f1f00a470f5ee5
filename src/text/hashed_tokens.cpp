// text/hashed_tokens.cpp: hashed_tokens() and latin_letters(), table-driven for speed.
//
// One rule: no ICU call per code point on the hot path. Everything below U+3000 (Latin, Greek,
// Cyrillic, Arabic, Thai, Indic...) goes through one table built once from ICU's properties;
// code points above it (CJK, emoji, supplementary planes) ask ICU directly, and are rarer.

#include "text/hashed_tokens.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

namespace syndcheck::text {
namespace {

enum class CharClass : std::uint8_t {
  other,      // ends a token: punctuation, symbols, hyphens
  space,      // ends a token, but may sit inside a number grouped by spaces ("1 000")
  letter,     // part of a word
  digit,      // part of a number or a word; mapped to ASCII
  skip,       // inside a token and invisible to the hash: combining marks, soft hyphen, ZWJ, tatweel
  apostrophe, // inside a word when a letter follows: п’ять, пʼять, п'ять, п`ять hash alike
  number_sep, // '.' ',' inside a number when a digit follows
  character,  // one token by itself: ideographs, kana, Thai, Lao, Khmer, Myanmar
};

struct CharInfo {
  char32_t mapped = 0; // the code point the hash sees
  CharClass cls = CharClass::other;
  bool upper = false;
};

// Tables cover the code points below this; above it, classify() asks ICU each time.
constexpr char32_t k_table_size = 0x3000;

bool is_character_script(char32_t c) {
  return (c >= 0x0E00 && c <= 0x0EFF) || // Thai, Lao
         (c >= 0x1000 && c <= 0x109F) || // Myanmar
         (c >= 0x1780 && c <= 0x17FF) || // Khmer
         (c >= 0x2E80 && c <= 0x9FFF) || // CJK radicals, kana, ideographs
         (c >= 0xF900 && c <= 0xFAFF) || // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F) || // halfwidth katakana
         (c >= 0x20000 && c <= 0x3FFFF); // CJK extensions
}

bool is_apostrophe(char32_t c) {
  switch (c) {
  case 0x0027:
  case 0x0060:
  case 0x00B4:
  case 0x2018:
  case 0x2019:
  case 0x02BC:
  case 0x02BB:
  case 0xFF07: return true;
  default: return false;
  }
}

// Cyrillic letters that look like Latin ones hash as the Latin letter, so a word typed with a
// mixed keyboard ("Kиїв" with a Latin K) hashes like the clean one. Also ё -> е and ґ -> г,
// which Ukrainian and Russian sites write either way. Applied after case folding.
char32_t merge_variants(char32_t c) {
  switch (c) {
  case 0x0451: return U'e';   // ё
  case 0x0435: return U'e';   // е
  case 0x0491: return 0x0433; // ґ -> г
  case 0x0430: return U'a';   // а
  case 0x0432: return U'b';   // в (capital В looks like B)
  case 0x043A: return U'k';   // к
  case 0x043C: return U'm';   // м (capital М looks like M)
  case 0x043D: return U'h';   // н (capital Н looks like H)
  case 0x043E: return U'o';   // о
  case 0x0440: return U'p';   // р
  case 0x0441: return U'c';   // с
  case 0x0442: return U't';   // т (capital Т looks like T)
  case 0x0443: return U'y';   // у
  case 0x0445: return U'x';   // х
  case 0x0456: return U'i';   // і
  case 0x0458: return U'j';   // ј
  case 0x0455: return U's';   // ѕ
  case 0x0622:
  case 0x0623:
  case 0x0625: return 0x0627; // Arabic alef with hamza or madda -> alef
  case 0x0649: return 0x064A; // alef maksura -> yeh
  default: return c;
  }
}

const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || normalizer == nullptr) {
      std::fprintf(stderr, "syndcheck: internal error: ICU nfd normaliser: %s\n", u_errorName(status));
      std::abort();
    }
    return normalizer;
  }();
  return *instance;
}

// The first code point of c's canonical decomposition, for Latin and Greek letters only (é -> e,
// ά -> α): accents are unreliable across sites and in upper case. Cyrillic keeps its й, ї.
char32_t strip_accent(char32_t c) {
  const bool latin = c >= 0x00C0 && c <= 0x024F;
  const bool greek = (c >= 0x0370 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF);
  if (!latin && !greek) {
    return c;
  }
  icu::UnicodeString decomposition;
  if (!nfd().getDecomposition(static_cast<UChar32>(c), decomposition) || decomposition.length() == 0) {
    return c;
  }
  return static_cast<char32_t>(decomposition.char32At(0));
}

CharInfo classify(char32_t c) {
  CharInfo info;
  const auto cp = static_cast<UChar32>(c);
  if (is_character_script(c) && u_isalpha(cp)) {
    info.cls = CharClass::character;
    info.mapped = c;
    return info;
  }
  if (is_apostrophe(c)) {
    info.cls = CharClass::apostrophe;
    return info;
  }
  switch (c) {
  case 0x00AD:
  case 0x200C:
  case 0x200D:
  case 0x2060:
  case 0xFEFF:
  case 0x0640: info.cls = CharClass::skip; return info;
  case U'.':
  case U',': info.cls = CharClass::number_sep; return info;
  default: break;
  }
  const auto type = static_cast<UCharCategory>(u_charType(cp));
  switch (type) {
  case U_DECIMAL_DIGIT_NUMBER:
    info.cls = CharClass::digit;
    info.mapped = U'0' + static_cast<char32_t>(u_charDigitValue(cp));
    return info;
  case U_UPPERCASE_LETTER:
  case U_TITLECASE_LETTER:
  case U_LOWERCASE_LETTER:
  case U_MODIFIER_LETTER:
  case U_OTHER_LETTER:
  case U_COMBINING_SPACING_MARK:
  case U_LETTER_NUMBER:
  case U_OTHER_NUMBER: {
    info.cls = CharClass::letter;
    info.upper = type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER;
    const auto folded = static_cast<char32_t>(u_foldCase(cp, U_FOLD_CASE_DEFAULT));
    info.mapped = merge_variants(strip_accent(folded));
    return info;
  }
  case U_NON_SPACING_MARK:
  case U_ENCLOSING_MARK: info.cls = CharClass::skip; return info;
  case U_SPACE_SEPARATOR:
  case U_CONTROL_CHAR:
  case U_LINE_SEPARATOR:
  case U_PARAGRAPH_SEPARATOR: info.cls = CharClass::space; return info;
  default: return info;
  }
}

const std::array<CharInfo, k_table_size>& char_table() {
  static const std::unique_ptr<std::array<CharInfo, k_table_size>> table = [] {
    auto created = std::make_unique<std::array<CharInfo, k_table_size>>();
    for (char32_t c = 0; c < k_table_size; ++c) {
      (*created)[c] = classify(c);
    }
    return created;
  }();
  return *table;
}

CharInfo info_of(char32_t c, const std::array<CharInfo, k_table_size>& table) {
  return c < k_table_size ? table[c] : classify(c);
}

// Decodes one code point at `pos`; invalid or truncated sequences read as U+FFFD, one byte long.
char32_t decode(std::string_view s, std::size_t pos, std::size_t& length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80U) {
    length = 1;
    return lead;
  }
  std::size_t extra = 0;
  char32_t c = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    extra = 1;
    c = lead & 0x1FU;
  } else if ((lead & 0xF0U) == 0xE0U) {
    extra = 2;
    c = lead & 0x0FU;
  } else if ((lead & 0xF8U) == 0xF0U) {
    extra = 3;
    c = lead & 0x07U;
  } else {
    length = 1;
    return 0xFFFD;
  }
  if (pos + extra >= s.size()) {
    length = 1;
    return 0xFFFD;
  }
  for (std::size_t i = 1; i <= extra; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0U) != 0x80U) {
      length = 1;
      return 0xFFFD;
    }
    c = (c << 6U) | (next & 0x3FU);
  }
  length = extra + 1;
  return c;
}

constexpr std::uint64_t k_hash_seed = 0x243F6A8885A308D3ULL;       // digits of pi: any odd constant works
constexpr std::uint64_t k_hash_multiplier = 0x9E3779B97F4A7C15ULL; // 2^64 / golden ratio

std::uint64_t mix(std::uint64_t h, char32_t c) {
  h = (h + c + 1) * k_hash_multiplier;
  return h ^ (h >> 31U);
}

// MurmurHash3's fmix64: spreads the last code points' bits over the whole hash.
std::uint64_t finish(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33U;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33U;
  return h;
}

bool is_group_space(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x202F || c == 0x2009;
}

class Scanner {
public:
  Scanner(std::string_view s, std::size_t max_tokens, std::vector<HashedToken>& out)
      : m_s(s), m_max(max_tokens), m_out(out), m_table(char_table()) {}

  void run() {
    std::size_t pos = 0;
    while (pos < m_s.size() && m_out.size() < m_max) {
      std::size_t length = 0;
      const char32_t c = decode(m_s, pos, length);
      const CharInfo info = info_of(c, m_table);
      switch (info.cls) {
      case CharClass::letter:
      case CharClass::digit:
        if (!m_open) {
          open(pos, info);
        } else if (info.cls == CharClass::letter) {
          m_token.kind = TokenKind::word;
        }
        m_hash = mix(m_hash, info.mapped);
        m_token.end = static_cast<std::uint32_t>(pos + length);
        break;
      case CharClass::skip: break;
      case CharClass::apostrophe:
        if (!(m_open && m_token.kind == TokenKind::word && next_is(pos + length, CharClass::letter))) {
          close();
        }
        break;
      case CharClass::number_sep:
        if (!(m_open && m_token.kind == TokenKind::number && next_is(pos + length, CharClass::digit))) {
          close();
        }
        break;
      case CharClass::space:
        if (!(m_open && m_token.kind == TokenKind::number && is_group_space(c) && three_digit_group(pos + length))) {
          close();
        }
        break;
      case CharClass::character:
        close();
        open(pos, info);
        m_token.kind = TokenKind::character;
        m_hash = mix(m_hash, info.mapped);
        m_token.end = static_cast<std::uint32_t>(pos + length);
        close();
        break;
      case CharClass::other: close(); break;
      }
      pos += length;
    }
    close();
  }

private:
  void open(std::size_t pos, const CharInfo& info) {
    m_open = true;
    m_hash = k_hash_seed;
    m_token = HashedToken{};
    m_token.begin = static_cast<std::uint32_t>(pos);
    m_token.kind = info.cls == CharClass::digit ? TokenKind::number : TokenKind::word;
    m_token.capitalised = info.upper;
  }

  void close() {
    if (m_open && m_out.size() < m_max) {
      m_token.hash = finish(m_hash);
      m_out.push_back(m_token);
    }
    m_open = false;
  }

  bool next_is(std::size_t pos, CharClass cls) const {
    if (pos >= m_s.size()) {
      return false;
    }
    std::size_t length = 0;
    return info_of(decode(m_s, pos, length), m_table).cls == cls;
  }

  // Exactly three digits follow, then no further digit: a thousands group ("1 000 000").
  bool three_digit_group(std::size_t pos) const {
    for (int i = 0; i < 3; ++i) {
      if (pos >= m_s.size()) {
        return false;
      }
      std::size_t length = 0;
      if (info_of(decode(m_s, pos, length), m_table).cls != CharClass::digit) {
        return false;
      }
      pos += length;
    }
    return !next_is(pos, CharClass::digit) && !next_is(pos, CharClass::letter);
  }

  std::string_view m_s;
  std::size_t m_max;
  std::vector<HashedToken>& m_out;
  const std::array<CharInfo, k_table_size>& m_table;
  bool m_open = false;
  std::uint64_t m_hash = 0;
  HashedToken m_token;
};

// Cyrillic letters (after case folding) to ASCII, in one scheme for Ukrainian and Russian: the
// anchors compare skeletons, so the choice between scientific and passport spellings matters less
// than being the same for both languages.
const char* cyrillic_latin(char32_t c) {
  static constexpr std::array<const char*, 32> k_basic = {"a",  "b",  "v",  "g",    "d", "e", "zh", "z", "i",  "y", "k",
                                                          "l",  "m",  "n",  "o",    "p", "r", "s",  "t", "u",  "f", "h",
                                                          "ts", "ch", "sh", "shch", "",  "y", "",   "e", "yu", "ya"};
  if (c >= 0x0430 && c <= 0x044F) {
    return k_basic[c - 0x0430];
  }
  switch (c) {
  case 0x0451: return "e";  // ё
  case 0x0454: return "ye"; // є
  case 0x0456: return "i";  // і
  case 0x0457: return "yi"; // ї
  case 0x0491: return "g";  // ґ
  case 0x045E: return "u";  // ў
  case 0x0458: return "j";  // ј
  case 0x0452:
  case 0x045B: return "dj";  // ђ ћ
  case 0x045F: return "dzh"; // џ
  case 0x0459: return "lj";
  case 0x045A: return "nj";
  default: return nullptr;
  }
}

const char* greek_latin(char32_t c) {
  static constexpr std::array<const char*, 25> k_basic = {"a", "v", "g", "d", "e",  "z",  "i", "th", "i",
                                                          "k", "l", "m", "n", "x",  "o",  "p", "r",  "s",
                                                          "s", "t", "y", "f", "ch", "ps", "o"};
  if (c >= 0x03B1 && c <= 0x03C9) {
    return k_basic[c - 0x03B1];
  }
  return nullptr;
}

const char* special_latin(char32_t c) {
  switch (c) {
  case 0x00DF: return "ss";
  case 0x0142: return "l";
  case 0x00F8: return "o";
  case 0x00E6: return "ae";
  case 0x0153: return "oe";
  case 0x0111: return "d";
  case 0x00FE: return "th";
  case 0x0131: return "i";
  default: return nullptr;
  }
}

} // namespace

void hashed_tokens(std::string_view utf8, std::size_t max_tokens, std::vector<HashedToken>& out) {
  out.clear();
  // Offsets are 32-bit: a longer input is read up to 4 GiB (fetch caps bodies far below that).
  if (utf8.size() > std::numeric_limits<std::uint32_t>::max()) {
    utf8 = utf8.substr(0, std::numeric_limits<std::uint32_t>::max());
  }
  Scanner(utf8, max_tokens, out).run();
}

std::string latin_letters(std::string_view word_utf8, std::size_t max_bytes) {
  std::string out;
  std::size_t pos = 0;
  while (pos < word_utf8.size()) {
    std::size_t length = 0;
    const char32_t raw = decode(word_utf8, pos, length);
    pos += length;
    const auto c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(raw), U_FOLD_CASE_DEFAULT));
    if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
      out.push_back(static_cast<char>(c));
    } else if (is_apostrophe(c) || u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK) {
      continue;
    } else if (const char* cyrillic = cyrillic_latin(c)) {
      out += cyrillic;
    } else if (const char* special = special_latin(c)) {
      out += special;
    } else {
      const char32_t base = strip_accent(c);
      const char* greek = greek_latin(base);
      if (greek != nullptr) {
        out += greek;
      } else if (base >= U'a' && base <= U'z') {
        out.push_back(static_cast<char>(base));
      } else {
        return {};
      }
    }
    if (out.size() > max_bytes) {
      return {};
    }
  }
  return out;
}

} // namespace syndcheck::text
