// extract/parse_only.cpp: the benchmark baseline: libxml2's HTML parse and a node count.
//
// Rule: same parser options as extractor.cpp (keep them in step), so the ratio the benchmark
// prints measures our extraction work, not a difference in parsing.
#include "extract/parse_only.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <memory>
#include <mutex>
#include <string>

namespace syndcheck::extract {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

} // namespace

std::expected<std::size_t, ExtractError> parse_only(std::string_view utf8_html, const ExtractOptions& options) {
  if (utf8_html.size() > options.max_input_bytes || utf8_html.size() > static_cast<std::size_t>(INT_MAX)) {
    return std::unexpected(ExtractError{ExtractFailure::too_large, std::to_string(utf8_html.size()) + " bytes"});
  }
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  constexpr int k_parse_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                  HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  const std::unique_ptr<xmlDoc, DocDeleter> doc(
      htmlReadMemory(utf8_html.data(), static_cast<int>(utf8_html.size()), nullptr, "UTF-8", k_parse_options));
  if (!doc) {
    return std::unexpected(ExtractError{ExtractFailure::parse_failed, "libxml2 returned no document"});
  }
  // Iterative pre-order count, as extract_html does before its walk.
  std::size_t n = 0;
  const xmlNode* root = reinterpret_cast<const xmlNode*>(doc.get());
  const xmlNode* cur = root;
  while (cur != nullptr && n <= options.max_nodes) {
    ++n;
    if (cur->children != nullptr && cur->type != XML_ENTITY_REF_NODE) {
      cur = cur->children;
      continue;
    }
    while (cur != nullptr && cur != root && cur->next == nullptr) {
      cur = cur->parent;
    }
    if (cur == nullptr || cur == root) {
      break;
    }
    cur = cur->next;
  }
  return n;
}

} // namespace syndcheck::extract
