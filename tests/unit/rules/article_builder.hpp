// tests/unit/rules/article_builder.hpp: hand-built model::Article facts for rules tests.
//
// Rule: tests state the facts the evaluator sees (paragraph numbers, links, rel) directly, never
// through extract/, so a failure here is a rules bug.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "model/article.hpp"

namespace syndcheck::rules::testing {

inline model::Link anchor(std::string href, std::string text = "link", std::vector<std::string> rel = {}) {
  return model::Link{std::move(href), std::move(text), std::move(rel)};
}

inline model::Block block(int paragraph, std::string text, std::vector<model::Link> links = {},
                          model::BlockKind kind = model::BlockKind::paragraph) {
  model::Block b;
  b.kind = kind;
  b.paragraph = paragraph;
  b.text = std::move(text);
  b.links = std::move(links);
  return b;
}

inline model::Article article(std::vector<model::Block> blocks) {
  model::Article a;
  a.blocks = std::move(blocks);
  return a;
}

} // namespace syndcheck::rules::testing
