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

// The page's Open Graph values (<meta property="og:...">), as declared and trimmed; empty when
// absent. Kept apart from the derived title/canonical_url/language, which prefer other sources.
struct OpenGraph {
  std::string title;
  std::string type; // "article", "website"...
  std::string url;  // resolved against the page's base URL
  std::string site_name;
  std::string description;
  std::string locale; // as written, "uk_UA"
  std::string image;  // resolved against the page's base URL
};

// Who the page says wrote, owns and first published the article, and where it says the story
// came from (issue 3 point 5). Values as declared, trimmed and capped; empty when not declared.
// A republisher that credits the original shows up in is_based_on, syndication_source,
// original_source or canonical_elsewhere.
struct Credits {
  std::vector<std::string> authors;     // JSON-LD author names, else microdata, else <meta name=author>
  std::string publisher;                // JSON-LD / microdata publisher name
  std::vector<std::string> is_based_on; // JSON-LD isBasedOn (URL, else name), resolved when a URL
  std::string credit_text;              // JSON-LD creditText
  std::string copyright_holder;         // JSON-LD copyrightHolder name
  std::string license;                  // JSON-LD license, else <link rel=license> / <a rel=license>
  std::string syndication_source;       // <meta name=syndication-source>, resolved
  std::string original_source;          // <meta name=original-source> or <link rel=original-source>, resolved
  // The canonical URL when it is on another site than the page itself (neither host is the
  // other's domain after dropping "www."); empty when on the same site or the page's host is
  // unknown (local files).
  std::string canonical_elsewhere;
  bool empty() const {
    return authors.empty() && publisher.empty() && is_based_on.empty() && credit_text.empty() &&
           copyright_holder.empty() && license.empty() && syndication_source.empty() && original_source.empty() &&
           canonical_elsewhere.empty();
  }
  // True when the page credits a source outside itself (the signals a rights desk looks for).
  bool credits_source() const {
    return !is_based_on.empty() || !syndication_source.empty() || !original_source.empty() ||
           !canonical_elsewhere.empty();
  }
};

// Where a link outside the body sits, from its nearest landmark ancestor (<header>, <footer>,
// <aside>, <nav>, their ARIA roles, or sidebar/footer class names).
enum class LinkRegion { header, footer, aside, nav, other };
const char* to_string(LinkRegion region);

// A link of the page outside the article body (block links are inside it by construction).
struct PageLink {
  Link link;
  LinkRegion region = LinkRegion::other;
};

// One article as extract/ understood it.
struct Article {
  std::string title;
  std::string canonical_url; // <link rel=canonical>, else og:url; empty if neither.
  std::string language;      // <html lang> or content-language; may be empty.
  std::string published;     // ISO 8601 as found (article:published_time, <time>, JSON-LD), or empty.
  std::string modified;      // ISO 8601 modification time as found, or empty.
  // Where `published` came from: "meta" (article:published_time and the like), "itemprop",
  // "json-ld", "time" (first <time datetime>), "url" (a date in the URL path, day precision
  // only: the last fallback), or empty when there is none.
  std::string published_basis;
  std::vector<std::string> schema_types; // JSON-LD / microdata @type values ("NewsArticle", ...)
  std::vector<std::string> labels;       // advertisement/sponsored labels found on the page, as written
  // Empty when the whole page was read; else which cap cut it ("the tree passed 22 MiB after N
  // nodes"): the article is the page's beginning, up to that point.
  std::string truncated;
  Robots robots;
  OpenGraph og;
  Credits credits;
  // Links outside the body to other sites (attribution candidates in sidebars, footers, source
  // boxes), in document order, each href once, capped by ExtractOptions::max_outside_links.
  std::vector<PageLink> outside_links;
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
  // The URL that identifies this document: its canonical URL, else its final URL. A canonical URL
  // on another site (a republisher naming the original) does not name this page: the final URL
  // does, so such a copy is neither mistaken for the original nor for a licensee it points to.
  const std::string& url() const {
    return article.canonical_url.empty() || !article.credits.canonical_elsewhere.empty() ? final_url
                                                                                         : article.canonical_url;
  }
};

} // namespace syndcheck::model
