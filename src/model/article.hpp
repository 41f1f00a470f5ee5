// model/article.hpp: the plain values that pass between stages: Document, Article, Block, Link.
//
// No behaviour beyond derived views: extract/ fills these, similarity/ and rules/ read them, and
// tests build them by hand. No third-party types appear here.

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syndcheck::model {

// Page-level robots directives, from <meta name="robots"> and the X-Robots-Tag header.
struct Robots {
  bool noindex = false;
  bool nofollow = false;
};

struct Link {
  std::string href;             // Resolved against the page's base URL.
  std::string text;             // Anchor text, whitespace collapsed.
  std::vector<std::string> rel; // rel tokens, lower-cased ("nofollow", "ugc", "sponsored"...).
};

enum class BlockKind {
  paragraph, // p, text-bearing div, br-separated line, plain-text paragraph
  list_item, // li
  quote,     // blockquote
  heading,   // h1-h6: never counted as a paragraph
  caption,   // figcaption and the like: never counted as a paragraph
  insert,    // inline "Read also" / "Читайте також" teaser: part of the page's furniture, not counted
  byline,    // byline, dateline, reading time: about the article, not of it; not counted, links kept
};

const char* to_string(BlockKind kind);

struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text; // UTF-8, whitespace collapsed, no leading/trailing space.
  std::vector<Link> links;
  // 1-based paragraph number for counted blocks. 0 for anything above the first body paragraph
  // (lead, standfirst, byline). Headings, captions, inserts and bylines carry the number of the
  // last counted paragraph before them (0 if none).
  int paragraph = 0;
  // True for blocks that are paragraphs in the sense of the terms (and part of the body text).
  bool counted() const {
    return kind != BlockKind::heading && kind != BlockKind::caption && kind != BlockKind::insert &&
           kind != BlockKind::byline;
  }
};

// One article as extract/ understood it.
struct Article {
  std::string title;
  std::string canonical_url;             // <link rel=canonical>, else og:url; empty if neither.
  std::string language;                  // <html lang> or content-language; may be empty.
  std::string published;                 // ISO 8601 as found (article:published_time, <time>, JSON-LD), or empty.
  std::string modified;                  // ISO 8601 modification time as found, or empty.
  std::vector<std::string> schema_types; // JSON-LD / microdata @type values ("NewsArticle", ...)
  std::vector<std::string> labels;       // advertisement/sponsored labels found on the page, as written
  Robots robots;
  std::vector<Block> blocks; // Body in reading order, lead (paragraph 0) first.
  // Text blocks whose text is part of body_text(): counted() blocks, in order. The body text is
  // their texts joined by a blank line ("\n\n"); similarity offsets index into it.
  std::string body_text() const;
  // What a reader reads as the article: body_text()'s blocks with the subheadings between them,
  // joined the same way. `extract` prints it; rules and similarity use body_text(), whose offsets
  // and paragraph numbers headings must not shift.
  std::string reading_text() const;
  int paragraph_count() const; // Highest paragraph number.
};

// A retrieved input (copy or original) after decoding and extraction.
struct Document {
  std::string source;       // As the user gave it: URL or path.
  std::string final_url;    // After redirects; file:// URL for local files.
  long http_status = 0;     // 0 for local files.
  std::string fetched_at;   // UTC, ISO 8601, "2026-11-28T10:00:00Z".
  std::string sha256;       // Hex digest of the raw body bytes.
  std::string content_type; // As sent or inferred from the file extension.
  std::string charset;      // The charset the body was decoded from.
  Article article;
  // The URL that identifies this document: canonical URL, else final URL.
  const std::string& url() const { return article.canonical_url.empty() ? final_url : article.canonical_url; }
};

} // namespace syndcheck::model
