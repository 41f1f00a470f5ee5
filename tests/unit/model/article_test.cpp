// tests/unit/model/article_test.cpp: the derived views of Article that offsets and rules rely on.
#include <catch2/catch.hpp>

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
