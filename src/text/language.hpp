// text/language.hpp: language identification with CLD2.
//
// Returns an ISO 639-1 code ("en", "uk", "ru", "de") or "" when CLD2 is not reliable.

#pragma once
#include <string>
#include <string_view>

namespace syndcheck::text {

// `hint` is the page's declared language (may be empty); it breaks ties, never overrides.
std::string detect_language(std::string_view utf8, std::string_view hint = {});

} // namespace syndcheck::text
