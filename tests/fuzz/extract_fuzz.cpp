// tests/fuzz/extract_fuzz.cpp: libFuzzer target for extract/: any bytes through extract_html and
// extract_plain_text.
//
// Rule: a finding is a crash, a sanitizer report, a hang, or an Article that breaks its own
// invariants (numbering, caps); failures returned as ExtractError values are fine. How to build
// and run it: docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/extractor.hpp"
#include "extract/parse_only.hpp"

namespace {

// Small caps so the fuzzer reaches each cap's error path with inputs of a few kilobytes.
syndcheck::extract::ExtractOptions fuzz_options() {
  syndcheck::extract::ExtractOptions options;
  options.max_input_bytes = 256 * 1024;
  options.max_nodes = 20'000;
  options.max_text_bytes = 64 * 1024;
  // 8x the input cap: the trees of the evaluation pages run at a median 6x their bytes (p99
  // 11x), so dense markup (many tiny elements or attributes) reaches it within the input cap.
  options.max_dom_bytes = 2 * 1024 * 1024;
  return options;
}

void check(bool invariant) {
  if (!invariant) {
    std::abort();
  }
}

void check_article(const syndcheck::model::Article& article, const syndcheck::extract::ExtractOptions& options) {
  std::size_t text_bytes = 0;
  int last = 0;
  for (const syndcheck::model::Block& block : article.blocks) {
    check(!block.text.empty());
    check(block.paragraph >= 0 && block.paragraph >= last - 0);
    check(block.paragraph <= last + 1);
    last = block.paragraph;
    text_bytes += block.text.size();
  }
  check(text_bytes <= options.max_text_bytes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const syndcheck::extract::ExtractOptions options = fuzz_options();
  if (auto article = syndcheck::extract::extract_html(input, "https://example.org/a/b.html", options)) {
    check_article(*article, options);
  }
  check_article(syndcheck::extract::extract_plain_text(input, options), options);
  (void)syndcheck::extract::parse_only(input, options);
  return 0;
}
