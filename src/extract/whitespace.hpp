// extract/whitespace.hpp: ASCII whitespace tests and collapsing shared by extract/'s sources.
//
// Rule: internal to extract/ (not installed, not included outside src/extract/); ASCII only,
// since the callers' input is UTF-8 whose multi-byte units are never ASCII.
#pragma once
#include <string>
#include <string_view>

namespace syndcheck::extract::detail {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends `text` to `out`, collapsing ASCII whitespace runs into one space and trimming; a
// non-empty `out` gets one space before the text.
inline void append_collapsed(std::string& out, std::string_view text) {
  bool pending_space = !out.empty();
  for (const char c : text) {
    if (is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
}

} // namespace syndcheck::extract::detail
