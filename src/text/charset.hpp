// text/charset.hpp: raw bytes in any charset to UTF-8, with ICU.
//
// Order of evidence: the HTTP Content-Type charset, then a BOM, then <meta charset> /
// http-equiv in the first bytes, then ICU's detector. Invalid sequences become U+FFFD; a charset
// nobody knows is an error value, never an exception.

#pragma once
#include <expected>
#include <string>
#include <string_view>

namespace syndcheck::text {

enum class CharsetSource { http_header, bom, meta, detector, assumed_utf8 };
const char* to_string(CharsetSource source);

struct Decoded {
  std::string utf8;
  std::string charset; // canonical name as ICU reports it, e.g. "windows-1251", "UTF-8"
  CharsetSource source = CharsetSource::assumed_utf8;
};

enum class TextFailure { unknown_charset, conversion_failed, binary_content };

struct TextError {
  TextFailure failure;
  std::string detail; // one line for humans
};

std::string describe(const TextError& error);

// The charset parameter of a Content-Type value ("text/html; charset=windows-1251" -> "windows-1251").
std::string charset_from_content_type(std::string_view content_type);

// `html` enables the <meta> sniff (first 4 KiB, like browsers' prescan).
std::expected<Decoded, TextError> decode_to_utf8(std::string_view bytes, std::string_view content_type, bool html);

// The same, taking the bytes: a well-formed UTF-8 body becomes `utf8` without a copy, and any
// other body is freed once converted, so a page is never held twice past this call.
std::expected<Decoded, TextError> decode_to_utf8_owned(std::string&& bytes, std::string_view content_type, bool html);

} // namespace syndcheck::text
