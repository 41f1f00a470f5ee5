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
  case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035: case 0x2039:
  case 0x203A: case 0x02BC: case 0x02BB: case 0x02B9: case 0x0060: case 0x00B4: case 0xFF07:
  case 0x275B: case 0x275C: case 0x276E: case 0x276F:
    return {MapKind::replace, u"'"};
  // Double quotes and guillemets.
  case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
  case 0x2036: case 0x301D: case 0x301E: case 0x301F: case 0xFF02: case 0x275D: case 0x275E:
  case 0x2E42: case 0x02BA:
    return {MapKind::replace, u"\""};
  case 0x2212: case 0x2043: case 0xFE58: case 0xFE63: case 0xFF0D:
    return {MapKind::replace, u"-"};
  case 0x2026:
    return {MapKind::replace, u"..."};
  // Soft hyphen, zero-width space/joiners, word joiner, BOM used as ZWNBSP, Mongolian vowel sep.
  case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x180E:
    return {MapKind::drop, u""};
  default:
    break;
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
  return map_typographic(folded);
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
  const icu::UnicodeString text = from_utf8(utf8);
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
