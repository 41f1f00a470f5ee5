// report/notice.hpp: a draft letter to a copying site for one finding (`syndcheck notice`).
//
// Plain text in English, Ukrainian or Russian: which page, which original, which term (quoted),
// what was found, the requested fix, and the archived evidence. A draft: the desk edits and sends.

#pragma once
#include <expected>
#include <string>
#include <string_view>

#include "model/tracking.hpp"

namespace syndcheck::report {

// lang: "en", "uk" or "ru"; `publisher_name` as the rule file names it.
std::expected<std::string, std::string> render_notice(const model::FindingRecord& finding,
                                                      std::string_view publisher_name, std::string_view lang);

} // namespace syndcheck::report
