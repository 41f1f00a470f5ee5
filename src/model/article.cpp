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

std::string Article::body_text() const {
  std::string out;
  for (const Block& block : blocks) {
    if (!block.counted() || block.text.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += "\n\n";
    }
    out += block.text;
  }
  return out;
}

int Article::paragraph_count() const {
  int highest = 0;
  for (const Block& block : blocks) {
    highest = std::max(highest, block.paragraph);
  }
  return highest;
}

} // namespace syndcheck::model
