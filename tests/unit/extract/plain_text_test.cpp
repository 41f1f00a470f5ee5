// Unit tests of extract_plain_text: blank-line paragraphs numbered from 1.
// Rule: every case states the exact blocks it expects.
#include <catch2/catch.hpp>

#include "extract/extractor.hpp"

using syndcheck::extract::extract_plain_text;
using syndcheck::model::BlockKind;

TEST_CASE("plain text splits paragraphs on blank lines", "[extract]") {
  SECTION("unix line ends, internal newlines become spaces") {
    const auto article = extract_plain_text("First line\nstill first.\n\nSecond   paragraph.\n");
    REQUIRE(article.blocks.size() == 2);
    CHECK(article.blocks[0].text == "First line still first.");
    CHECK(article.blocks[0].paragraph == 1);
    CHECK(article.blocks[1].text == "Second paragraph.");
    CHECK(article.blocks[1].paragraph == 2);
    CHECK(article.blocks[1].kind == BlockKind::paragraph);
    CHECK(article.title.empty());
  }
  SECTION("windows line ends and whitespace-only separator lines") {
    const auto article = extract_plain_text("\xEF\xBB\xBFOne\r\n \t \r\nTwo\r\n\r\n\r\nThree");
    REQUIRE(article.blocks.size() == 3);
    CHECK(article.blocks[0].text == "One");
    CHECK(article.blocks[2].text == "Three");
    CHECK(article.blocks[2].paragraph == 3);
    CHECK(article.paragraph_count() == 3);
  }
  SECTION("empty input gives no blocks") {
    CHECK(extract_plain_text("").blocks.empty());
    CHECK(extract_plain_text("\n \n\n").blocks.empty());
  }
}

TEST_CASE("plain text has no links", "[extract]") {
  const auto article = extract_plain_text("See https://www.ukrinform.net/ for more.");
  REQUIRE(article.blocks.size() == 1);
  CHECK(article.blocks[0].links.empty());
}

TEST_CASE("plain text respects the text cap", "[extract]") {
  syndcheck::extract::ExtractOptions options;
  options.max_text_bytes = 12;
  const auto article = extract_plain_text("aaaaa\n\nbbbbb\n\nccccc\n\nddddd", options);
  REQUIRE(article.blocks.size() == 2);
  CHECK(article.blocks[1].text == "bbbbb");
}
