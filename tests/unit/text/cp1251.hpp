// tests/unit/text/cp1251.hpp: builds windows-1251 bytes from readable UTF-8 test text.
//
// Test-only and deliberately not ICU: if ICU's tables and ours disagreed, the tests would say so.

#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace syndcheck::test {

// Decodes one code point of valid UTF-8 at `pos` and advances it.
inline char32_t next_code_point(std::string_view utf8, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(utf8[pos]);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t c = length == 1 ? lead : length == 2 ? (lead & 0x1FU) : length == 3 ? (lead & 0x0FU) : (lead & 0x07U);
  for (std::size_t i = 1; i < length; ++i) {
    c = (c << 6) | (static_cast<unsigned char>(utf8[pos + i]) & 0x3FU);
  }
  pos += length;
  return c;
}

// ASCII and the Russian/Ukrainian letters; anything else is a bug in the test.
inline std::string to_cp1251(std::string_view utf8) {
  std::string out;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t c = next_code_point(utf8, pos);
    unsigned byte = 0;
    if (c < 0x80) {
      byte = static_cast<unsigned>(c);
    } else if (c >= 0x410 && c <= 0x44F) {
      byte = static_cast<unsigned>(c - 0x410 + 0xC0);
    } else {
      switch (c) {
      case U'Ё': byte = 0xA8; break;
      case U'ё': byte = 0xB8; break;
      case U'І': byte = 0xB2; break;
      case U'і': byte = 0xB3; break;
      case U'Ї': byte = 0xAF; break;
      case U'ї': byte = 0xBF; break;
      case U'Є': byte = 0xAA; break;
      case U'є': byte = 0xBA; break;
      case U'Ґ': byte = 0xA5; break;
      case U'ґ': byte = 0xB4; break;
      case U'«': byte = 0xAB; break;
      case U'»': byte = 0xBB; break;
      case U'—': byte = 0x97; break;
      default: throw std::invalid_argument("to_cp1251: character not in the test table");
      }
    }
    out.push_back(static_cast<char>(byte));
  }
  return out;
}

} // namespace syndcheck::test
