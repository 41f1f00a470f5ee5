// discover/discover.hpp: RSS 2.0 / RSS 1.0, Atom, sitemap, sitemap index and Google News sitemap
// documents → a flat list of URLs to fetch.
//
// The only module that includes <pugixml.hpp>. Rule: the format is detected from the root element,
// never from the URL or Content-Type, and every URL in an Entry is absolute (resolved against the
// document URL and any xml:base), so callers never see pugixml types or relative links.

#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syndcheck::discover {

// What an entry's URL points at: a page to check, or another sitemap to fetch (sitemap index).
enum class EntryKind { article, sitemap };
const char* to_string(EntryKind kind);

struct Entry {
  std::string url;   // Absolute, whitespace trimmed.
  std::string title; // Whitespace collapsed; empty if the document gives none (plain sitemaps).
  // Parsed timestamps (UTC) when the document's date parses; the raw text is kept either way.
  std::optional<std::chrono::sys_seconds> published; // RSS pubDate / dc:date, Atom published, news:publication_date.
  std::optional<std::chrono::sys_seconds> lastmod;   // Sitemap lastmod, Atom updated.
  std::string published_text;
  std::string lastmod_text;
  std::string language; // news:language or the feed's <language>/xml:lang; empty if unknown.
  EntryKind kind = EntryKind::article;
};

enum class DocumentFormat { rss, atom, sitemap, sitemap_index };
const char* to_string(DocumentFormat format);

struct Document {
  DocumentFormat format = DocumentFormat::rss;
  bool google_news = false; // A sitemap whose <url>s carry <news:news>.
  std::vector<Entry> entries;
};

struct DiscoverOptions {
  // The sitemap protocol's own limits (sitemaps.org): 50,000 URLs and 50 MiB uncompressed per
  // file. Feeds are far smaller in practice, so the same caps serve both.
  std::size_t max_entries = 50'000;
  std::uint64_t max_input_bytes = 50ULL * 1024 * 1024;
  // Longer titles are cut at a UTF-8 boundary: real headlines are < 300 bytes; 2 KiB leaves room
  // for CDATA-wrapped HTML without letting one entry hold megabytes.
  std::size_t max_title_bytes = 2048;
  // URLs longer than this are skipped: the sitemap protocol caps <loc> at 2,048 characters.
  std::size_t max_url_bytes = 2048;
};

enum class DiscoverFailure {
  empty,            // No bytes, or only whitespace.
  too_large,        // Input above max_input_bytes.
  malformed_xml,    // pugixml's parse error; line/column set.
  unknown_format,   // Well-formed XML whose root is none of rss, rdf:RDF, feed, urlset, sitemapindex.
  too_many_entries, // More than max_entries entries (the protocol says split the sitemap).
};
const char* to_string(DiscoverFailure failure);

struct DiscoverError {
  DiscoverFailure failure;
  std::string url; // The document's URL as passed in.
  int line = 0;    // 1-based; 0 when the failure has no position.
  int column = 0;  // 1-based, in bytes.
  std::string detail;
};

std::string describe(const DiscoverError& error); // "<url>:3:14: malformed XML: ..."

// Parses one feed or sitemap. `document_url` is the base for relative links (may be empty, in
// which case relative links are kept only if they resolve to something absolute via xml:base).
// Entries without a usable URL are skipped; duplicates within one document are kept once, first
// occurrence wins. Input is UTF-8, UTF-16/32 with BOM or ISO-8859-1 as declared; for other
// declared encodings the caller converts first (see declared_encoding()).
std::expected<Document, DiscoverError> parse_document(std::string_view xml, std::string_view document_url,
                                                      const DiscoverOptions& options = {});

// The encoding named in the XML declaration, lower-cased ("windows-1251"); empty if none.
std::string declared_encoding(std::string_view xml);

// Date parsing shared by the formats, exposed for tests and for callers comparing "since".
// RFC 822/1123 ("Tue, 10 Jun 2003 04:00:00 GMT", "+0300", "EST", two-digit years) and
// W3C/ISO 8601 ("2024-05-01", "2024-05-01T10:00Z", "2024-05-01T10:00:00.5+03:00").
std::optional<std::chrono::sys_seconds> parse_rfc822_date(std::string_view text);
std::optional<std::chrono::sys_seconds> parse_iso8601_date(std::string_view text);

} // namespace syndcheck::discover
