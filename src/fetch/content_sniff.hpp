// fetch/content_sniff.hpp: fetch-internal helpers shared by fetcher.cpp and local_file.cpp.
//
// Not part of the module's contract (nothing outside src/fetch/ includes it). Rule: pure
// functions over bytes and strings, so both the HTTP and the file path judge content the same way.

#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace syndcheck::fetch::detail {

// What the first bytes of a body look like.
enum class Sniffed { html, text, binary };
Sniffed sniff(std::string_view body);

// "text/html; charset=x" -> "text/html": lower-cased media type without parameters.
std::string media_type(std::string_view content_type);

// True for the types the tool can read: text/html, application/xhtml+xml, text/plain.
bool is_supported_text_type(std::string_view media);

// True when the header says nothing useful: absent, or application/octet-stream.
bool is_unknown_type(std::string_view media);

// "10 MiB", "512 KiB", "1000 bytes": for messages about caps.
std::string format_bytes(std::uint64_t bytes);

} // namespace syndcheck::fetch::detail
