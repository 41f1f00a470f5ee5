// extract/credits.hpp: the string half of metadata extraction: credits from JSON-LD, a date in a
// URL path, and whether two hosts are the same site.
//
// No libxml2 here: extractor.cpp walks the DOM and hands over strings, so these rules are tested
// on plain text (tests/unit/extract/credits_test.cpp). Every value read from input is capped.

#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace syndcheck::extract {

// Caps on what one JSON-LD block can make us hold. Real news pages carry 1-30 KB of JSON-LD
// (a few hundred values); the caps are ten to a hundred times that, so they only stop abuse.
struct JsonLdLimits {
  std::size_t max_bytes = 512 * 1024;   // a longer block is read up to here (a cut value is dropped)
  std::size_t max_values = 20'000;      // JSON values parsed per block
  std::size_t max_depth = 64;           // nesting followed; entities sit at depth 1-3
  std::size_t max_string_bytes = 2'048; // longer strings are cut at a UTF-8 boundary
  std::size_t max_list = 16;            // author and isBasedOn entries kept
};

// The credit fields of the page's article entity. Values are trimmed, whitespace collapsed.
struct JsonLdCredits {
  std::vector<std::string> authors;     // names (a Person/Organization's name, or a plain string)
  std::string publisher;                // name
  std::vector<std::string> is_based_on; // URL (url, else @id), else name
  std::string credit_text;
  std::string copyright_holder; // name
  std::string license;          // URL or text
};

// Reads one JSON-LD block (a top-level object, an array of them, or an "@graph") and fills the
// fields of `out` that are still empty, so the first block that declares a field wins. The
// article entity is the first one whose @type is an Article or Posting type; a page without one
// falls back to its WebPage-like entity ("...Page"). "@id" references to other entities of the
// block are followed once. Tolerant: malformed JSON yields what was read before the fault.
void read_json_ld_credits(std::string_view json, JsonLdCredits& out, const JsonLdLimits& limits = {});

// The "articleBody" string of the article entity that read_json_ld_credits would read, decoded,
// or empty when it has none. Strings are read up to `max_body_bytes` for this read (never less
// than limits.max_string_bytes), a longer body cut at a UTF-8 boundary; the block is still read
// up to limits.max_bytes.
std::string read_json_ld_article_body(std::string_view json, std::size_t max_body_bytes,
                                      const JsonLdLimits& limits = {});

// The publication date in a URL's path as "YYYY-MM-DD": "/2025/01/06/", "/2025-01-06-slug",
// "/20250106/" or "-20250106.html"; empty when there is none or it is not a calendar date.
std::string date_from_url(std::string_view url);

// True when `a` and `b` are one site: equal after dropping "www.", or one is a subdomain of the
// other ("m.example.com" and "www.example.com"). Empty hosts are never the same site.
bool same_site(std::string_view a, std::string_view b);

} // namespace syndcheck::extract
