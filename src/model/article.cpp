// model/article.cpp: derived views of an Article.
#include "model/article.hpp"

#include <algorithm>

namespace syndcheck::model {

const char* to_string(BlockKind kind) {
  switch (kind) {
  case BlockKind::paragraph: return "paragraph";
  case BlockKind::list_item: return "list-item";
  case BlockKind::quote: return "quote";
  case BlockKind::heading: return "heading";
  case BlockKind::caption: return "caption";
  case BlockKind::insert: return "insert";
  case BlockKind::byline: return "byline";
  }
  return "paragraph";
}

const char* to_string(LinkRegion region) {
  switch (region) {
  case LinkRegion::header: return "header";
  case LinkRegion::footer: return "footer";
  case LinkRegion::aside: return "aside";
  case LinkRegion::nav: return "nav";
  case LinkRegion::other: return "other";
  }
  return "other";
}

namespace {

std::string join_blocks(const std::vector<Block>& blocks, bool with_headings) {
  std::string out;
  for (const Block& block : blocks) {
    const bool wanted = block.counted() || (with_headings && block.kind == BlockKind::heading);
    if (!wanted || block.text.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += "\n\n";
    }
    out += block.text;
  }
  return out;
}

} // namespace

std::string Article::body_text() const {
  return join_blocks(blocks, false);
}

std::string Article::reading_text() const {
  return join_blocks(blocks, true);
}

int Article::paragraph_count() const {
  int highest = 0;
  for (const Block& block : blocks) {
    highest = std::max(highest, block.paragraph);
  }
  return highest;
}

} // namespace syndcheck::model
