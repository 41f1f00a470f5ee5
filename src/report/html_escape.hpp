// report/html_escape.hpp: escaping for text and attribute values in the HTML printers.
//
// Every value from a page, a store or a rule file goes through escape_html before it is written
// into HTML: a copied page must never inject markup into our report.

#pragma once
#include <string>
#include <string_view>

namespace syndcheck::report {

inline std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace syndcheck::report
