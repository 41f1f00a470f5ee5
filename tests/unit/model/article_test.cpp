// tests/unit/model/article_test.cpp: the derived views of Article that offsets and rules rely on.
#include <catch2/catch.hpp>

#include <string>

#include "model/article.hpp"

using namespace syndcheck::model;

TEST_CASE("body_text joins counted blocks with a blank line and skips headings", "[model]") {
  Article article;
  article.blocks = {{BlockKind::paragraph, "Lead.", {}, 0},
                    {BlockKind::paragraph, "First.", {}, 1},
                    {BlockKind::heading, "A heading", {}, 1},
                    {BlockKind::list_item, "Item.", {}, 2},
                    {BlockKind::caption, "Photo: AP", {}, 2}};
  CHECK(article.body_text() == "Lead.\n\nFirst.\n\nItem.");
  CHECK(article.paragraph_count() == 2);
}

TEST_CASE("a byline is not body text; reading_text adds the headings a reader sees", "[model]") {
  Article article;
  article.blocks = {{BlockKind::byline, "By Maria Lopez | June 3, 2025", {}, 0},
                    {BlockKind::paragraph, "First.", {}, 1},
                    {BlockKind::heading, "A heading", {}, 1},
                    {BlockKind::paragraph, "Second.", {}, 2},
                    {BlockKind::insert, "Read also: X", {}, 2}};
  CHECK_FALSE(article.blocks[0].counted());
  CHECK(std::string(to_string(BlockKind::byline)) == "byline");
  CHECK(article.body_text() == "First.\n\nSecond.");
  CHECK(article.reading_text() == "First.\n\nA heading\n\nSecond.");
}

TEST_CASE("Document::url prefers the canonical URL", "[model]") {
  Document document;
  document.final_url = "http://127.0.0.1:1234/a.html";
  CHECK(document.url() == "http://127.0.0.1:1234/a.html");
  document.article.canonical_url = "https://www.ukrinform.net/a.html";
  CHECK(document.url() == "https://www.ukrinform.net/a.html");
  SECTION("unless the canonical URL is on another site: a republisher naming the original") {
    document.final_url = "https://kyiv-daily.example/world/a.html";
    document.article.credits.canonical_elsewhere = document.article.canonical_url;
    CHECK(document.url() == "https://kyiv-daily.example/world/a.html");
  }
}
