// extract/plain_text.cpp: plain text -> model::Article, one paragraph per blank-line-separated run.
//
// Rule: a paragraph is a run of non-blank lines; its line breaks become single spaces. The
// first paragraph is paragraph 1 (plain text has no header to put at position 0).
#include <cstddef>
#include <string>
#include <string_view>

#include "extract/extractor.hpp"
#include "extract/whitespace.hpp"

namespace syndcheck::extract {
namespace {

using detail::append_collapsed;
using detail::is_ascii_space;

bool is_blank(std::string_view line) {
  for (const char c : line) {
    if (!is_ascii_space(c)) {
      return false;
    }
  }
  return true;
}

} // namespace

model::Article extract_plain_text(std::string_view utf8_text, const ExtractOptions& options) {
  // Text beyond the input cap is ignored rather than refused: plain text has no structure to
  // lose, and callers asked for the text, not a verdict on its size.
  if (utf8_text.size() > options.max_input_bytes) {
    utf8_text = utf8_text.substr(0, options.max_input_bytes);
  }
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (utf8_text.starts_with(k_bom)) {
    utf8_text.remove_prefix(k_bom.size());
  }

  model::Article article;
  std::size_t text_bytes = 0;
  std::string current;
  int paragraph = 0;
  bool full = false;
  const auto flush = [&]() {
    if (current.empty() || full) {
      current.clear();
      return;
    }
    if (text_bytes + current.size() > options.max_text_bytes) {
      full = true; // Body text cap reached: the rest is dropped.
      current.clear();
      return;
    }
    text_bytes += current.size();
    model::Block block;
    block.kind = model::BlockKind::paragraph;
    block.text = std::move(current);
    block.paragraph = ++paragraph;
    article.blocks.push_back(std::move(block));
    current.clear();
  };

  std::size_t start = 0;
  while (start <= utf8_text.size() && !full) {
    std::size_t end = utf8_text.find('\n', start);
    if (end == std::string_view::npos) {
      end = utf8_text.size();
    }
    const std::string_view line = utf8_text.substr(start, end - start);
    if (is_blank(line)) {
      flush();
    } else {
      append_collapsed(current, line);
    }
    start = end + 1;
  }
  flush();
  return article;
}

} // namespace syndcheck::extract
