// report/article_printer.hpp: renders an extracted article for `syndcheck extract`.
//
// text: the body only, paragraphs separated by a blank line (the same text similarity/ indexes);
// json: title, metadata, text and every block with its position, kind and links (one object per
// line, so several inputs give JSON Lines).

#pragma once
#include <iosfwd>
#include <string>

#include "model/article.hpp"

namespace syndcheck::report {

enum class ArticleFormat { text, json, html };

struct ArticleRenderOptions {
  ArticleFormat format = ArticleFormat::text;
  bool with_links = false; // text/html: show each block's links
};

std::string render_article(const model::Document& document, const ArticleRenderOptions& options);

// The same bytes, written to `out` as they are made: JSON goes out block by block, so a large
// article is not held a second time as one string.
void write_article(std::ostream& out, const model::Document& document, const ArticleRenderOptions& options);

} // namespace syndcheck::report
