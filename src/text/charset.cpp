// text/charset.cpp: raw bytes in any charset to UTF-8, with ICU's ucnv and ucsdet.
//
// One rule: every piece of evidence is tried in order (header, BOM, <meta>, detector, UTF-8) and a
// label ICU does not know falls through to the next one; only a conversion that cannot run fails.
// Labels are read the way browsers read them (WHATWG), e.g. "iso-8859-1" means windows-1252.

#include "text/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace syndcheck::text {
namespace {

// The <meta> prescan looks at this many bytes, as the WHATWG prescan does (it uses 1024; many real
// pages put 2-3 KiB of scripts before the meta, so we take 4 KiB like the lead's contract says).
constexpr std::size_t k_meta_prescan_bytes = 4 * 1024;
// ICU's detector gets at most this much: its confidence stops improving long before 64 KiB, and
// the cost is linear in what it reads.
constexpr std::size_t k_detector_bytes = 64 * 1024;
// Binary sniff: the first 1 KiB, and this many NULs in it mean "not text" unless they follow the
// every-other-byte pattern of UTF-16. Text never contains NUL, but a stray one or two do appear in
// mangled pages, so we want "many". 8 is a judgement call, not measured on a corpus; rerun
// unit_text and the golden fixtures if it changes.
constexpr std::size_t k_binary_sniff_bytes = 1024;
constexpr std::size_t k_binary_min_nuls = 8;
// Share of NULs that must sit on one parity (all odd or all even offsets) to read as UTF-16 text.
// Latin/Cyrillic UTF-16 puts ~100% on one side; binary formats spread them evenly. 0.9 leaves room
// for a few high code points without admitting binary.
constexpr double k_utf16_nul_parity_share = 0.9;
// Below this ucsdet confidence (0-100) a guess is noise. Measured with ICU 72 (ucsdet_detectAll):
// UTF-16BE/LE score 10 on any text without NULs, wrong-script guesses for short text 11-17
// (windows-1255 for a one-line Ukrainian cp1251 sentence), cp1251 Russian/Ukrainian 21-61,
// a German ISO-8859-1 sentence 95. Rerun the charset tests in unit_text when changing it.
constexpr std::int32_t k_min_detector_confidence = 20;

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// WHATWG maps these labels to windows-1252; ICU would give true ISO-8859-1, which turns the
// 0x80-0x9F bytes real pages use for curly quotes and dashes into C1 controls.
bool is_windows_1252_alias(const std::string& label) {
  static constexpr std::array<std::string_view, 16> k_aliases = {
      "iso-8859-1", "iso8859-1",      "iso_8859-1", "iso_8859-1:1987", "iso88591",   "latin1",
      "l1",         "cp819",          "ibm819",     "csisolatin1",     "iso-ir-100", "us-ascii",
      "ascii",      "ansi_x3.4-1968", "x-cp1252",   "x-user-defined"};
  return std::find(k_aliases.begin(), k_aliases.end(), label) != k_aliases.end();
}

bool is_utf16_label(const std::string& label) {
  return label.starts_with("utf-16") || label.starts_with("utf16") || label == "ucs-2" || label == "unicode" ||
         label == "csunicode" || label == "iso-10646-ucs-2";
}

// The label ICU should open, after the WHATWG rewrites; empty for labels that are not usable.
std::string effective_label(std::string_view raw) {
  std::string label = ascii_lower(trim(raw));
  if (label.size() >= 2 && (label.front() == '"' || label.front() == '\'') && label.back() == label.front()) {
    label = label.substr(1, label.size() - 2);
  }
  if (label.empty()) {
    return {};
  }
  if (is_windows_1252_alias(label)) {
    return "windows-1252";
  }
  if (label == "utf8" || label == "unicode-1-1-utf-8" || label == "unicode11utf8" || label == "unicode20utf8" ||
      label == "x-unicode20utf8") {
    return "utf-8";
  }
  return label;
}

ConverterPtr open_converter(const std::string& label) {
  if (label.empty()) {
    return nullptr; // ucnv_open("") would open the platform default, which is not evidence.
  }
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(label.c_str(), &status));
  if (U_FAILURE(status)) {
    return nullptr;
  }
  return converter;
}

std::string internal_name(const UConverter* converter) {
  UErrorCode status = U_ZERO_ERROR;
  const char* internal = ucnv_getName(converter, &status);
  return (U_FAILURE(status) || internal == nullptr) ? std::string() : std::string(internal);
}

std::string standard_name(const UConverter* converter) {
  const std::string internal_string = internal_name(converter);
  if (internal_string.empty()) {
    return "unknown";
  }
  const char* internal = internal_string.c_str();
  for (const char* standard : {"IANA", "MIME", "WINDOWS"}) {
    UErrorCode lookup = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(internal, standard, &lookup);
    if (U_SUCCESS(lookup) && name != nullptr) {
      return name;
    }
  }
  return internal_string;
}

// Every malformed or unmapped input sequence becomes one U+FFFD. ICU's stock SUBSTITUTE callback
// would write U+001A for single-byte charsets whose substitution byte is 0x1A.
void replacement_callback(const void* /*context*/, UConverterToUnicodeArgs* args, const char* /*units*/,
                          int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* status) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    static const UChar k_replacement = 0xFFFD;
    *status = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &k_replacement, 1, 0, status);
  }
}

struct Bom {
  std::string label;
  std::size_t length = 0;
};

std::optional<Bom> sniff_bom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    return Bom{"utf-8", 3};
  }
  if (bytes.starts_with("\xFF\xFE")) {
    return Bom{"utf-16le", 2};
  }
  if (bytes.starts_with("\xFE\xFF")) {
    return Bom{"utf-16be", 2};
  }
  return std::nullopt;
}

bool looks_binary(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, k_binary_sniff_bytes);
  std::size_t even = 0;
  std::size_t odd = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (sample[i] == '\0') {
      ((i % 2 == 0) ? even : odd) += 1;
    }
  }
  const std::size_t nuls = even + odd;
  if (nuls < k_binary_min_nuls) {
    return false;
  }
  const double parity_share = static_cast<double>(std::max(even, odd)) / static_cast<double>(nuls);
  return parity_share < k_utf16_nul_parity_share;
}

// ---- <meta> prescan -------------------------------------------------------------------------

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// Reads one attribute of a tag at `pos`; returns false at the end of the tag.
bool next_attribute(std::string_view html, std::size_t& pos, std::string_view& name, std::string_view& value) {
  while (pos < html.size() && (is_space(html[pos]) || html[pos] == '/')) {
    ++pos;
  }
  if (pos >= html.size() || html[pos] == '>') {
    return false;
  }
  const std::size_t name_begin = pos;
  while (pos < html.size() && !is_space(html[pos]) && html[pos] != '=' && html[pos] != '>' && html[pos] != '/') {
    ++pos;
  }
  name = html.substr(name_begin, pos - name_begin);
  value = {};
  while (pos < html.size() && is_space(html[pos])) {
    ++pos;
  }
  if (pos >= html.size() || html[pos] != '=') {
    return true;
  }
  ++pos;
  while (pos < html.size() && is_space(html[pos])) {
    ++pos;
  }
  if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
    const char quote = html[pos++];
    const std::size_t value_begin = pos;
    while (pos < html.size() && html[pos] != quote) {
      ++pos;
    }
    value = html.substr(value_begin, pos - value_begin);
    if (pos < html.size()) {
      ++pos;
    }
    return true;
  }
  const std::size_t value_begin = pos;
  while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>') {
    ++pos;
  }
  value = html.substr(value_begin, pos - value_begin);
  return true;
}

// The charset declared by the first <meta> that declares one, as the WHATWG prescan finds it.
std::optional<std::string> meta_charset(std::string_view bytes) {
  const std::string_view html = bytes.substr(0, k_meta_prescan_bytes);
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t open = html.find('<', pos);
    if (open == std::string_view::npos) {
      break;
    }
    const std::string_view rest = html.substr(open);
    if (rest.starts_with("<!--")) {
      const std::size_t close = html.find("-->", open + 4);
      if (close == std::string_view::npos) {
        break;
      }
      pos = close + 3;
      continue;
    }
    if (!istarts_with(rest, "<meta") || rest.size() <= 5 || !(is_space(rest[5]) || rest[5] == '/')) {
      pos = open + 1;
      continue;
    }
    pos = open + 5;
    std::string_view name;
    std::string_view value;
    std::optional<std::string> charset;
    bool http_equiv_content_type = false;
    std::optional<std::string> content_charset;
    while (next_attribute(html, pos, name, value)) {
      if (iequals(name, "charset") && !charset) {
        charset = std::string(trim(value));
      } else if (iequals(name, "http-equiv")) {
        http_equiv_content_type = iequals(trim(value), "content-type");
      } else if (iequals(name, "content")) {
        content_charset = charset_from_content_type(value);
      }
    }
    if (charset && !charset->empty()) {
      return charset;
    }
    if (http_equiv_content_type && content_charset && !content_charset->empty()) {
      return content_charset;
    }
  }
  return std::nullopt;
}

// ---- conversion -----------------------------------------------------------------------------

std::expected<std::string, TextError> convert(UConverter* converter, std::string_view bytes) {
  // ICU lengths are int32_t; fetch caps bodies far below this, so reaching it is an input error.
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 4)) {
    return std::unexpected(TextError{TextFailure::conversion_failed, "input too large to convert"});
  }
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter, replacement_callback, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    return std::unexpected(TextError{TextFailure::conversion_failed, u_errorName(status)});
  }
  const auto source_length = static_cast<int32_t>(bytes.size());
  // One input byte gives at most 3 UTF-8 bytes for every charset we meet in practice (SBCS to BMP,
  // UTF-16 pairs to 3-4 bytes); the overflow retry below covers the rest.
  std::string out(bytes.size() * 3 + 16, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(converter);
    const int32_t written = ucnv_toAlgorithmic(UCNV_UTF8, converter, out.data(), static_cast<int32_t>(out.size()),
                                               bytes.data(), source_length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      out.assign(static_cast<std::size_t>(written), '\0');
      continue;
    }
    if (U_FAILURE(status)) {
      return std::unexpected(TextError{TextFailure::conversion_failed, u_errorName(status)});
    }
    out.resize(static_cast<std::size_t>(written));
    return out;
  }
  return std::unexpected(TextError{TextFailure::conversion_failed, "output did not fit"});
}

std::optional<std::string> detect(std::string_view bytes, bool html) {
  UErrorCode status = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&status));
  if (U_FAILURE(status)) {
    return std::nullopt;
  }
  const std::string_view sample = bytes.substr(0, k_detector_bytes);
  ucsdet_enableInputFilter(detector.get(), html ? 1 : 0);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) {
    return std::nullopt;
  }
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < k_min_detector_confidence) {
    return std::nullopt;
  }
  return std::string(name);
}

bool is_ascii(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Well-formed UTF-8 in the Unicode sense (no overlongs, no surrogates, nothing past U+10FFFF):
// exactly the input ICU's UTF-8 converter copies through unchanged, so such bytes can be kept
// as they are instead of converted into a second buffer.
bool is_well_formed_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const auto cont = [&](std::size_t k, unsigned char lo, unsigned char hi) {
      return i + k < n && p[i + k] >= lo && p[i + k] <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF && cont(1, 0x80, 0xBF)) {
      i += 2;
    } else if (c == 0xE0 && cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF)) {
      i += 3;
    } else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF)) {
      i += 3;
    } else if (c == 0xED && cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF)) {
      i += 3;
    } else if (c == 0xF0 && cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF)) {
      i += 4;
    } else if (c >= 0xF1 && c <= 0xF3 && cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF)) {
      i += 4;
    } else if (c == 0xF4 && cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// Decodes with `label` if ICU knows it; nullopt lets the caller try the next evidence.
// `owned`, when given, holds `bytes`: well-formed UTF-8 decoded as UTF-8 is then moved out of it
// rather than copied, so a 10 MiB page is held once, not twice (bench/extract-rss).
std::optional<std::expected<Decoded, TextError>> try_decode(std::string_view bytes, const std::string& label,
                                                            CharsetSource source, const std::optional<Bom>& bom,
                                                            std::string* owned = nullptr) {
  ConverterPtr converter = open_converter(label);
  if (!converter) {
    return std::nullopt;
  }
  std::string name = standard_name(converter.get());
  std::string_view payload = bytes;
  // A BOM of the charset we decode with is a marker, not text.
  if (bom) {
    // ICU's internal names are "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16" (which reads the BOM).
    const std::string bom_family = bom->label.substr(0, bom->label == "utf-8" ? 5 : 6);
    // Plain "UTF-16" picks its byte order from the BOM, so it must still see it.
    const std::string internal = ascii_lower(internal_name(converter.get()));
    if (internal != "utf-16" && internal.starts_with(bom_family)) {
      payload.remove_prefix(bom->length);
    }
  }
  if (owned != nullptr && ascii_lower(internal_name(converter.get())) == "utf-8" && is_well_formed_utf8(payload)) {
    std::string utf8 = std::move(*owned);
    utf8.erase(0, static_cast<std::size_t>(payload.data() - bytes.data()));
    return Decoded{std::move(utf8), std::move(name), source};
  }
  auto utf8 = convert(converter.get(), payload);
  if (!utf8) {
    return std::unexpected(utf8.error());
  }
  // The conversion buffer is sized for the worst case (3 bytes per input byte); giving back the
  // slack keeps a 10 MiB page from holding ~20 MiB of nothing through extraction.
  utf8->shrink_to_fit();
  return Decoded{std::move(*utf8), std::move(name), source};
}

} // namespace

const char* to_string(CharsetSource source) {
  switch (source) {
  case CharsetSource::http_header: return "http-header";
  case CharsetSource::bom: return "bom";
  case CharsetSource::meta: return "meta";
  case CharsetSource::detector: return "detector";
  case CharsetSource::assumed_utf8: return "assumed-utf8";
  }
  return "unknown";
}

std::string describe(const TextError& error) {
  const char* what = "text error";
  switch (error.failure) {
  case TextFailure::unknown_charset: what = "unknown charset"; break;
  case TextFailure::conversion_failed: what = "charset conversion failed"; break;
  case TextFailure::binary_content: what = "binary content, not text"; break;
  }
  return error.detail.empty() ? std::string(what) : std::string(what) + ": " + error.detail;
}

std::string charset_from_content_type(std::string_view content_type) {
  std::size_t pos = 0;
  while (pos < content_type.size()) {
    const std::size_t semicolon = content_type.find(';', pos);
    std::string_view parameter =
        content_type.substr(pos, semicolon == std::string_view::npos ? std::string_view::npos : semicolon - pos);
    pos = semicolon == std::string_view::npos ? content_type.size() : semicolon + 1;
    parameter = trim(parameter);
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos || !iequals(trim(parameter.substr(0, equals)), "charset")) {
      continue;
    }
    std::string_view value = trim(parameter.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
      const std::size_t close = value.find(value.front(), 1);
      value = value.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    }
    return std::string(trim(value));
  }
  return {};
}

namespace {

// Whether bytes declared UTF-8 are really in another charset: many malformed sequences and fewer
// well-formed multi-byte ones. A few broken bytes in a UTF-8 page (a cut character, a stray
// byte) stay UTF-8 and become U+FFFD; a windows-1251 page under a stale <meta charset=utf-8> has
// hundreds. 16 is well above the handful of broken bytes seen in real UTF-8 pages.
constexpr std::size_t k_min_malformed_for_contradiction = 16;

bool contradicts_utf8(std::string_view bytes) {
  std::size_t malformed = 0;
  std::size_t multibyte = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
    }
    bool ok = length > 0 && i + length <= bytes.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      ok = (static_cast<unsigned char>(bytes[i + k]) & 0xC0U) == 0x80U;
    }
    if (ok) {
      ++multibyte;
      i += length;
    } else {
      ++malformed;
      ++i;
    }
  }
  return malformed >= k_min_malformed_for_contradiction && malformed > multibyte;
}

std::expected<Decoded, TextError> decode_impl(std::string_view bytes, std::string_view content_type, bool html,
                                              std::string* owned) {
  const std::optional<Bom> bom = sniff_bom(bytes);
  const std::string header_label = effective_label(charset_from_content_type(content_type));
  const bool declared_utf16 = is_utf16_label(header_label) || (bom && bom->label.starts_with("utf-16"));
  if (!declared_utf16 && looks_binary(bytes)) {
    return std::unexpected(TextError{TextFailure::binary_content, "NUL bytes in the first 1 KiB"});
  }

  if (auto decoded = try_decode(bytes, header_label, CharsetSource::http_header, bom, owned)) {
    return std::move(*decoded);
  }
  if (bom) {
    if (auto decoded = try_decode(bytes, bom->label, CharsetSource::bom, bom, owned)) {
      return std::move(*decoded);
    }
  }
  if (html) {
    if (const auto declared = meta_charset(bytes)) {
      std::string label = effective_label(*declared);
      // A <meta> was read as ASCII, so the page cannot be UTF-16: WHATWG says use UTF-8.
      if (is_utf16_label(label)) {
        label = "utf-8";
      }
      // A <meta> that says UTF-8 over bytes that are not UTF-8 is wrong (a template left over after
      // a move to windows-1251, say): the bytes win, and detection decides.
      const bool contradicted = label == "utf-8" && contradicts_utf8(bytes.substr(0, k_detector_bytes));
      if (!contradicted) {
        if (auto decoded = try_decode(bytes, label, CharsetSource::meta, bom, owned)) {
          return std::move(*decoded);
        }
      }
    }
  }
  // Pure ASCII decodes the same in every candidate; calling it UTF-8 is the useful answer.
  if (!is_ascii(bytes.substr(0, k_detector_bytes))) {
    if (const auto guessed = detect(bytes, html)) {
      if (auto decoded = try_decode(bytes, effective_label(*guessed), CharsetSource::detector, bom, owned)) {
        return std::move(*decoded);
      }
    }
  }
  if (auto decoded = try_decode(bytes, "utf-8", CharsetSource::assumed_utf8, bom, owned)) {
    return std::move(*decoded);
  }
  return std::unexpected(TextError{TextFailure::unknown_charset, "no usable charset (ICU has no UTF-8 converter)"});
}

} // namespace

std::expected<Decoded, TextError> decode_to_utf8(std::string_view bytes, std::string_view content_type, bool html) {
  return decode_impl(bytes, content_type, html, nullptr);
}

std::expected<Decoded, TextError> decode_to_utf8_owned(std::string&& bytes, std::string_view content_type, bool html) {
  std::string owned = std::move(bytes);
  // Text that was converted rather than moved leaves the raw bytes in `owned`, freed on return,
  // before extraction starts.
  return decode_impl(owned, content_type, html, &owned);
}

} // namespace syndcheck::text
