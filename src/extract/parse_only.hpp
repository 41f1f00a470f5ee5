// extract/parse_only.hpp: parse HTML with the same parser and options as extract_html, and
// nothing else.
//
// Exists for the speed benchmark's baseline (bench/extract_speed.cpp), so the parser stays behind
// extract/: no caller sees a libxml2 type. Not part of the extraction pipeline.

#pragma once
#include <cstddef>
#include <expected>
#include <string_view>

#include "extract/extractor.hpp"

namespace syndcheck::extract {

// Parses `utf8_html` and returns the number of nodes in the tree (counted up to
// options.max_nodes + 1). Fails like extract_html on oversized input or a parser failure.
std::expected<std::size_t, ExtractError> parse_only(std::string_view utf8_html, const ExtractOptions& options = {});

} // namespace syndcheck::extract
