// text/normalise.cpp: fold(), words(), code_point_count() and transliterate_latin(), with ICU.
//
// One rule: offsets are code points into the caller's original string, never into a folded copy.
// ICU objects that are costly to build (break iterator, transliterator) are built once per thread,
// because ICU documents them as not thread-safe to share.

#include "text/normalise.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

namespace syndcheck::text {
namespace {

// A missing ICU data item is an installation error, never an input error: stop loudly.
[[noreturn]] void icu_setup_failure(const char* what, UErrorCode status) {
  std::fprintf(stderr, "syndcheck: internal error: ICU %s: %s\n", what, u_errorName(status));
  std::abort();
}

icu::UnicodeString from_utf8(std::string_view utf8) {
  // Lengths are int32_t in ICU; callers pass article bodies (capped by fetch at a few MiB).
  if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
    utf8 = utf8.substr(0, static_cast<std::size_t>(std::numeric_limits<int32_t>::max()));
  }
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// What one code point becomes in the folded form: a replacement string, nothing, or itself.
enum class MapKind { keep, drop, replace };
struct Mapping {
  MapKind kind = MapKind::keep;
  const char16_t* replacement = u"";
};

Mapping typographic(UChar32 c) {
  switch (c) {
  // Single quotes and apostrophes, including the ones Ukrainian uses inside words (ʼ U+02BC).
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B:
  case 0x2032:
  case 0x2035:
  case 0x2039:
  case 0x203A:
  case 0x02BC:
  case 0x02BB:
  case 0x02B9:
  case 0x0060:
  case 0x00B4:
  case 0xFF07:
  case 0x275B:
  case 0x275C:
  case 0x276E:
  case 0x276F: return {MapKind::replace, u"'"};
  // Double quotes and guillemets.
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F:
  case 0x00AB:
  case 0x00BB:
  case 0x2033:
  case 0x2036:
  case 0x301D:
  case 0x301E:
  case 0x301F:
  case 0xFF02:
  case 0x275D:
  case 0x275E:
  case 0x2E42:
  case 0x02BA: return {MapKind::replace, u"\""};
  case 0x2212:
  case 0x2043:
  case 0xFE58:
  case 0xFE63:
  case 0xFF0D: return {MapKind::replace, u"-"};
  case 0x2026: return {MapKind::replace, u"..."};
  // Cyrillic letters sites write either way: ё as е (most Russian text), ґ as г (pre-1990 and
  // keyboard-less Ukrainian text). Merged for matching only; nobody displays folded text.
  case 0x0451:
  case 0x0401: return {MapKind::replace, u"\u0435"};
  case 0x0491:
  case 0x0490: return {MapKind::replace, u"\u0433"};
  // Greek accents (tonos, dialytika) vanish in upper case, so "ΑΘΗΝΑ" and "Αθήνα" must meet.
  case 0x03AC: return {MapKind::replace, u"\u03B1"};
  case 0x03AD: return {MapKind::replace, u"\u03B5"};
  case 0x03AE: return {MapKind::replace, u"\u03B7"};
  case 0x03AF:
  case 0x0390:
  case 0x03CA: return {MapKind::replace, u"\u03B9"};
  case 0x03CC: return {MapKind::replace, u"\u03BF"};
  case 0x03CD:
  case 0x03B0:
  case 0x03CB: return {MapKind::replace, u"\u03C5"};
  case 0x03CE: return {MapKind::replace, u"\u03C9"};
  // Arabic: alef with hamza or madda is written as bare alef as often as not; tatweel is
  // justification, and short-vowel marks are optional.
  case 0x0622:
  case 0x0623:
  case 0x0625: return {MapKind::replace, u"\u0627"};
  case 0x0640:
  case 0x064B:
  case 0x064C:
  case 0x064D:
  case 0x064E:
  case 0x064F:
  case 0x0650:
  case 0x0651:
  case 0x0652: return {MapKind::drop, u""};
  // Soft hyphen, zero-width space/joiners, word joiner, BOM used as ZWNBSP, Mongolian vowel sep.
  case 0x00AD:
  case 0x200B:
  case 0x200C:
  case 0x200D:
  case 0x2060:
  case 0xFEFF:
  case 0x180E: return {MapKind::drop, u""};
  default: break;
  }
  const auto type = u_charType(c);
  if (type == U_DASH_PUNCTUATION) {
    return {MapKind::replace, u"-"};
  }
  if (type == U_SPACE_SEPARATOR) {
    return {MapKind::replace, u" "};
  }
  return {};
}

// Applies typographic() to every code point.
icu::UnicodeString map_typographic(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    const Mapping mapping = typographic(c);
    if (mapping.kind == MapKind::keep) {
      out.append(c);
    } else if (mapping.kind == MapKind::replace) {
      out.append(icu::UnicodeString(mapping.replacement));
    }
    i += U16_LENGTH(c);
  }
  return out;
}

bool is_cyrillic(UChar32 c) {
  return c >= 0x0400 && c <= 0x04FF;
}

// The Cyrillic letter a folded Latin look-alike stands for inside a Cyrillic word ("Kиїв" typed
// with a Latin K, "мiсто" with a Latin i), or 0. Upper-case look-alikes count too (B, H, M, T),
// since the text is already case-folded when this runs.
UChar32 cyrillic_for_latin(UChar32 c) {
  switch (c) {
  case u'a': return 0x0430;
  case u'b': return 0x0432;
  case u'c': return 0x0441;
  case u'e': return 0x0435;
  case u'h': return 0x043D;
  case u'i': return 0x0456;
  case u'k': return 0x043A;
  case u'm': return 0x043C;
  case u'o': return 0x043E;
  case u'p': return 0x0440;
  case u't': return 0x0442;
  case u'x': return 0x0445;
  case u'y': return 0x0443;
  case 0x00EF: return 0x0457; // ï -> ї
  case u'j': return 0x0458;
  default: return 0;
  }
}

// In every run of letters that holds a Cyrillic letter, Latin look-alikes become Cyrillic. Runs
// without Cyrillic (English words, "COVID") are left alone.
icu::UnicodeString fix_homoglyphs(icu::UnicodeString text) {
  int32_t i = 0;
  while (i < text.length()) {
    if (!u_isalpha(text.char32At(i))) {
      i += U16_LENGTH(text.char32At(i));
      continue;
    }
    int32_t end = i;
    bool cyrillic = false;
    bool latin = false;
    while (end < text.length() && (u_isalpha(text.char32At(end)) || text.char32At(end) == u'\'')) {
      const UChar32 c = text.char32At(end);
      cyrillic = cyrillic || is_cyrillic(c);
      latin = latin || cyrillic_for_latin(c) != 0;
      end += U16_LENGTH(c);
    }
    if (cyrillic && latin) {
      for (int32_t k = i; k < end; ++k) {
        // Look-alikes are all BMP, one UTF-16 unit, so replacing keeps every index valid.
        if (const UChar32 replacement = cyrillic_for_latin(text.charAt(k)); replacement != 0) {
          text.setCharAt(k, static_cast<char16_t>(replacement));
        }
      }
    }
    i = end;
  }
  return text;
}

const icu::Normalizer2& nfkc_casefold() {
  // getNFKCCasefoldInstance returns a process-wide immutable singleton, safe to share across threads.
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || normalizer == nullptr) {
      icu_setup_failure("nfkc_cf normaliser", status);
    }
    return normalizer;
  }();
  return *instance;
}

// Typographic mapping runs before NFKC (so ″ becomes one '"' rather than two primes) and after it
// (so compatibility forms NFKC produces, like fullwidth quotes' neighbours, are mapped too).
icu::UnicodeString fold_unicode(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded = nfkc_casefold().normalize(map_typographic(text), status);
  if (U_FAILURE(status)) {
    icu_setup_failure("nfkc_cf normalize", status);
  }
  return fix_homoglyphs(map_typographic(folded));
}

icu::BreakIterator& word_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> created(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !created) {
      icu_setup_failure("word break iterator", status);
    }
    return created;
  }();
  return *iterator;
}

icu::Transliterator& latin_transliterator() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !created) {
      icu_setup_failure("Any-Latin transliterator", status);
    }
    return created;
  }();
  return *transliterator;
}

} // namespace

std::string fold(std::string_view utf8) {
  return to_utf8(fold_unicode(from_utf8(utf8)));
}

std::vector<Word> words(std::string_view utf8) {
  return words(utf8, std::numeric_limits<std::size_t>::max());
}

std::vector<Word> words(std::string_view utf8, std::size_t max_words) {
  std::vector<Word> out;
  if (utf8.empty() || max_words == 0) {
    return out;
  }
  icu::UnicodeString text = from_utf8(utf8);
  // Apostrophes that ICU does not treat as word-internal (` ´ ʻ ‘ ＇) become ’ between two letters,
  // so "п`ять" stays one word like "п’ять". Same UTF-16 length, so offsets are unchanged.
  for (int32_t k = 1; k + 1 < text.length(); ++k) {
    const char16_t c = text.charAt(k);
    if ((c == 0x0060 || c == 0x00B4 || c == 0x02BB || c == 0x2018 || c == 0xFF07) && u_isalpha(text.char32At(k - 1)) &&
        u_isalpha(text.char32At(k + 1))) {
      text.setCharAt(k, 0x2019);
    }
  }
  icu::BreakIterator& iterator = word_iterator();
  iterator.setText(text);

  // Break positions are UTF-16 indices; walk a cursor alongside to turn them into code points.
  int32_t cursor_utf16 = 0;
  std::size_t cursor_code_points = 0;
  auto code_points_at = [&](int32_t utf16_index) {
    cursor_code_points += static_cast<std::size_t>(text.countChar32(cursor_utf16, utf16_index - cursor_utf16));
    cursor_utf16 = utf16_index;
    return cursor_code_points;
  };

  int32_t start = iterator.first();
  for (int32_t end = iterator.next(); end != icu::BreakIterator::DONE; start = end, end = iterator.next()) {
    if (iterator.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
      continue; // spaces, punctuation, symbols
    }
    Word word;
    word.begin = code_points_at(start);
    word.end = code_points_at(end);
    word.folded = to_utf8(fold_unicode(icu::UnicodeString(text, start, end - start)));
    out.push_back(std::move(word));
    if (out.size() >= max_words) {
      break;
    }
  }
  // Do not keep a pointer to `text` in the thread's iterator past this call.
  iterator.setText(icu::UnicodeString());
  return out;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (const char byte : utf8) {
    // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

std::string transliterate_latin(std::string_view utf8) {
  icu::UnicodeString text = from_utf8(utf8);
  latin_transliterator().transliterate(text);
  return to_utf8(fold_unicode(text));
}

} // namespace syndcheck::text
