// tests/unit/extract/container_test.cpp: body container choice: the lenient retry, body classes
// on paragraphs, <article> lists, widening a scored container, and the main column of non-article pages.
//
// Each case is a small page built to show one rule; AEB/WCXB pages that motivated them are named.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "extract/extractor.hpp"
#include "extract/parse_only.hpp"

namespace {

using syndcheck::extract::extract_html;
using syndcheck::model::Article;

Article extract_ok(const std::string& html) {
  auto result = extract_html(html, "https://example.org/page.html");
  if (!result) {
    FAIL("extract_html failed: " << syndcheck::extract::describe(result.error()));
  }
  return *result;
}

bool has_text(const Article& article, const std::string& needle) {
  return article.body_text().find(needle) != std::string::npos;
}

const std::string k_para =
    "This sentence is long enough to count as a real paragraph of the body text, with commas, too. ";

} // namespace

TEST_CASE("a page whose strict pass keeps nothing is read again leniently", "[extract]") {
  SECTION("the only text sits in <noscript> (Discourse crawler view)") {
    const Article a = extract_ok("<html><body><noscript><div><p>" + k_para + "</p><p>" + k_para +
                                 "Second.</p></div></noscript><script>x()</script></body></html>");
    CHECK(has_text(a, "Second."));
  }
  SECTION("the main column carries a sidebar class word") {
    const Article a = extract_ok("<html><body><section class=\"col-9 sidebar-first-only\"><p>" + k_para +
                                 "Main.</p></section></body></html>");
    CHECK(has_text(a, "Main."));
  }
  SECTION("a normal page is not re-read: its <noscript> stays out") {
    const Article a =
        extract_ok("<html><body><div><p>" + k_para + "</p><p>" + k_para +
                   "</p></div><noscript><p>Enable JavaScript to see comments.</p></noscript></body></html>");
    CHECK_FALSE(has_text(a, "Enable JavaScript"));
  }
}

TEST_CASE("a body class on every paragraph does not make one paragraph the article", "[extract]") {
  // Regression: deccanherald.com (AEB) marks each <p> "bodytext"; only the longest one was kept.
  const Article a =
      extract_ok("<html><body><div><p class=\"bodytext\">First. " + k_para + "</p><p class=\"bodytext\">Second. " +
                 k_para + k_para + "</p><p class=\"bodytext\">Third. " + k_para + "</p></div></body></html>");
  CHECK(has_text(a, "First."));
  CHECK(has_text(a, "Second."));
  CHECK(has_text(a, "Third."));
}

TEST_CASE("an <article> around other articles is a teaser list, not the story", "[extract]") {
  // Regression: mensagensreflexao.com.br (AEB): "related posts" wrapped in an <article> won.
  // Teasers are link text: together they outweigh the story, one by one they do not.
  const std::string teaser =
      "<article><p><a href=\"/t.html\">Teaser text that goes on for a while, a while. " + k_para + "</a></p></article>";
  const Article a = extract_ok("<html><body><article><h1>Story</h1><p>The story itself. " + k_para + "</p><p>" +
                               k_para + "</p><p>" + k_para + "</p></article><article><h3>Related</h3>" + teaser +
                               teaser + teaser + "</article></body></html>");
  CHECK(has_text(a, "The story itself."));
  CHECK_FALSE(has_text(a, "Teaser text"));
}

TEST_CASE("a scored container holding little of the page's text is widened", "[extract]") {
  // wcxb-dev service pages: one card of many was taken as the whole page.
  std::string cards;
  for (int i = 0; i < 6; ++i) {
    cards += "<div class=\"card\"><h3>Service " + std::to_string(i) + "</h3><span>We do thing number " +
             std::to_string(i) + " for clients all over the region, quickly and well</span></div>";
  }
  const Article a = extract_ok("<html><body><div class=\"services\"><div class=\"intro\"><p>" + k_para + "</p></div>" +
                               cards + "</div></body></html>");
  CHECK(has_text(a, "thing number 0"));
  CHECK(has_text(a, "thing number 5"));
}

TEST_CASE("parse_only counts nodes and applies the input cap", "[extract]") {
  SECTION("a small page") {
    const auto nodes = syndcheck::extract::parse_only("<html><body><p>a</p><p>b</p></body></html>");
    REQUIRE(nodes.has_value());
    CHECK(*nodes >= 6); // document, html, body, 2 p, 2 text
  }
  SECTION("over the input cap") {
    syndcheck::extract::ExtractOptions options;
    options.max_input_bytes = 10;
    const auto nodes = syndcheck::extract::parse_only("<html><body><p>too long</p></body></html>", options);
    REQUIRE_FALSE(nodes.has_value());
    CHECK(nodes.error().failure == syndcheck::extract::ExtractFailure::too_large);
  }
}

namespace {

// A story in an <article> followed by a grid of linked item titles with snippets (wcxb-dev
// listing pages); `head` carries the page's metadata.
std::string story_and_grid(const std::string& head) {
  std::string items;
  for (int i = 0; i < 8; ++i) {
    items += "<div class=\"item\"><h3><a href=\"/i" + std::to_string(i) + "\">Item title " + std::to_string(i) +
             "</a></h3><p>Snippet " + std::to_string(i) +
             ": a short summary of the item, long enough to read.</p></div>";
  }
  return "<html><head>" + head + "</head><body><div class=\"page\"><div class=\"lead-item\"><p>Lead item. " + k_para +
         "</p></div><div class=\"grid\">" + items + "</div></div></body></html>";
}

} // namespace

TEST_CASE("a page that is not an article takes its main column, with item titles as text", "[extract]") {
  const Article a = extract_ok(story_and_grid(
      R"(<script type="application/ld+json">{"@context":"https://schema.org","@type":"ItemList"}</script>)"));
  CHECK(has_text(a, "Lead item."));
  CHECK(has_text(a, "Snippet 7"));
  CHECK(has_text(a, "Item title 7")); // a declared list counts its headings
}

TEST_CASE("an article page keeps its article container beside a grid of items", "[extract]") {
  // Position and paragraph numbering of news articles depend on this path.
  const Article a = extract_ok(story_and_grid(R"(<meta property="og:type" content="article">)"));
  CHECK(has_text(a, "Lead item."));
  CHECK_FALSE(has_text(a, "Item title 7"));
}

TEST_CASE("teaser cards are furniture on an article page, content on a listing", "[extract]") {
  const std::string cards = "<div class=\"m-teaser\"><h3><a href=\"/a\">Other story</a></h3><p>Teaser prose of another "
                            "story that runs long enough to read as a paragraph.</p></div>"
                            "<div class=\"m-teaser\"><h3><a href=\"/b\">Third story</a></h3><p>Teaser prose of a third "
                            "story that runs long enough to read as a paragraph.</p></div>";
  SECTION("og:type article") {
    const Article a = extract_ok("<html><head><meta property=\"og:type\" content=\"article\"></head><body><main><p>" +
                                 k_para + "</p><p>" + k_para + "Second.</p>" + cards + "</main></body></html>");
    CHECK(has_text(a, "Second."));
    CHECK_FALSE(has_text(a, "Teaser prose"));
  }
  SECTION("a page that declares no article and marks no body keeps its cards") {
    const Article a = extract_ok("<html><body><main><h1>Latest</h1>" + cards + "</main></body></html>");
    CHECK(has_text(a, "Teaser prose of another"));
  }
}

TEST_CASE("a description standfirst beside the marked body is its lead", "[extract]") {
  const Article a = extract_ok("<html><body><div class=\"news\"><h1>Headline</h1><div class=\"teaser-text\" "
                               "itemprop=\"description\"><p>The standfirst sums the story up in one sentence.</p></div>"
                               "<div class=\"news-text-wrap\" itemprop=\"articleBody\"><p>" +
                               k_para + "</p><p>" + k_para + "Second.</p></div></div></body></html>");
  CHECK(has_text(a, "The standfirst sums"));
  CHECK(has_text(a, "Second."));
}

TEST_CASE("a French standfirst ('chapo') beside the body is its lead", "[extract]") {
  const Article a = extract_ok("<html><body><div class=\"story\"><h1>Titre</h1><p class=\"af-chapo\">Le chapo "
                               "r\xC3\xA9sume l'article en une phrase.</p><div class=\"article-body\"><p>" +
                               k_para + "</p><p>" + k_para + "Second.</p></div></div></body></html>");
  CHECK(has_text(a, "Le chapo"));
}
