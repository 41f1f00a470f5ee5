// tests/unit/extract/furniture_test.cpp: rows of page furniture inside a body container: share
// rows and tags rows are dropped, photo credits become captions, ad placeholders go.
//
// Rule: each row is recognised by its own vocabulary; an attribution line ("Source: <link>") at
// the end of the body is prose and stays counted.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "extract/extractor.hpp"

namespace {

using syndcheck::extract::extract_html;
using syndcheck::model::Article;
using syndcheck::model::Block;
using syndcheck::model::BlockKind;

const std::string k_para = "This sentence is long enough to count as a real paragraph of the body text, with commas. ";

Article with_tail(const std::string& tail) {
  auto result = extract_html("<html><body><article><h1>Headline</h1><div class=\"article-body\"><p>" + k_para +
                                 "</p><p>" + k_para + "</p>" + tail + "</div></article></body></html>",
                             "https://example.org/news/story.html");
  if (!result) {
    FAIL("extract_html failed: " << syndcheck::extract::describe(result.error()));
  }
  return *result;
}

const Block* find_block(const Article& article, const std::string& prefix) {
  const auto it = std::find_if(article.blocks.begin(), article.blocks.end(),
                               [&](const Block& b) { return b.text.starts_with(prefix); });
  return it == article.blocks.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("share rows inside the body are dropped", "[extract]") {
  const char* row = nullptr;
  SECTION("network names") {
    row = "<p><a href=\"https://facebook.com/s\">Facebook</a> <a href=\"https://x.com/s\">Twitter</a> Google+ "
          "Whatsapp</p>";
  }
  SECTION("share this on (AEB: Portuguese sport site)") {
    row = "<p><a href=\"https://wa.me/x\">Share this on WhatsApp</a></p>";
  }
  SECTION("with NBSP separators") {
    row = "<p>Whatsapp \xC2\xA0 Facebook \xC2\xA0 Pint \xC2\xA0 Baixar</p>";
  }
  SECTION("a sentence made of share words") {
    row = "<p>Like this story? Share it with a friend!</p>";
  }
  SECTION("Ukrainian") {
    row = "<p>Поділитися у Facebook</p>";
  }
  const Article article = with_tail(row);
  CHECK(article.blocks.size() == 2);
  CHECK(article.paragraph_count() == 2);
}

TEST_CASE("tags rows inside the body are dropped", "[extract]") {
  SECTION("Tags: with links") {
    const Article article = with_tail("<p>Tags: <a href=\"/t/a\">port</a>, <a href=\"/t/b\">grain</a></p>");
    CHECK(article.blocks.size() == 2);
  }
  SECTION("a bare Теги and the row of tag links after it") {
    const Article article = with_tail(
        "<p>Теги</p><p><a href=\"/t/a\">порт</a>, <a href=\"/t/b\">зерно</a>, <a href=\"/t/c\">Одеса</a></p>");
    CHECK(article.blocks.size() == 2);
  }
  SECTION("Schlagwörter with a colon and plain words") {
    const Article article = with_tail("<p>Schlagwörter: Hafen, Getreide</p>");
    CHECK(article.blocks.size() == 2);
  }
  SECTION("prose that starts with the word") {
    const Article article =
        with_tail("<p>Tagged as urgent by the ministry, the bill passed its first reading on Monday.</p>");
    CHECK(article.paragraph_count() == 3);
  }
}

TEST_CASE("photo credits in paragraphs become captions", "[extract]") {
  const char* credit = nullptr;
  SECTION("express.co.uk style") {
    credit = "Protesters have worn masks to protect their identities (Image: GETTY )";
  }
  SECTION("image credit") {
    credit = "(Image credit: Blue Origin)";
  }
  SECTION("AP photo") {
    credit = "A worker loads trims into his truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)";
  }
  SECTION("agency row") {
    credit = "Natalie Naccache | Bloomberg | Getty Images";
  }
  SECTION("Фото:") {
    credit = "Фото: Укрінформ";
  }
  SECTION("copyright") {
    credit = "\xC2\xA9 Aaron Schwartz";
  }
  SECTION("gallery counter") {
    credit = "Image 2 of 5";
  }
  SECTION("a blog's header image credited below the text") {
    credit = "Beitragsbild: Titelseite einer Zeitung, Ausriss.";
  }
  SECTION("pt") {
    credit = "Os ministros no plenário. (crédito: Agência Brasil)";
  }
  const Article article = with_tail(std::string("<p>") + credit + "</p><p>" + k_para + "Last.</p>");
  const Block* block = find_block(article, credit);
  REQUIRE(block != nullptr);
  CHECK(block->kind == BlockKind::caption);
  CHECK(article.paragraph_count() == 3);
}

TEST_CASE("prose and attribution lines are not furniture", "[extract]") {
  SECTION("a closing parenthesis that is not a credit") {
    const Article article = with_tail("<p>The catalogue lists every item (page images at HathiTrust)</p>");
    CHECK(find_block(article, "The catalogue")->kind == BlockKind::paragraph);
  }
  SECTION("the source line at the end") {
    const Article article = with_tail("<p>Джерело: <a href=\"https://www.ukrinform.ua/\">Укрінформ</a></p>");
    const Block* source = find_block(article, "Джерело");
    REQUIRE(source != nullptr);
    CHECK(source->kind == BlockKind::paragraph);
    CHECK(source->paragraph == 3);
  }
  SECTION("a paragraph that mentions Facebook") {
    const Article article = with_tail("<p>Facebook said on Monday it would share data with the regulator.</p>");
    CHECK(article.paragraph_count() == 3);
  }
}

TEST_CASE("ad placeholders inside the body are dropped", "[extract]") {
  const Article article = with_tail("<p>Advert</p><p>" + k_para + "</p>");
  CHECK(find_block(article, "Advert") == nullptr);
  CHECK(article.paragraph_count() == 3);
}

TEST_CASE("bylines and datelines above the body are bylines: paragraph 0, links kept, not body text", "[extract]") {
  auto head = [](const std::string& header) {
    auto result = extract_html("<html><body><article><h1>Headline</h1>" + header + "<div class=\"article-body\"><p>" +
                                   k_para + "</p><p>" + k_para + "</p></div></article></body></html>",
                               "https://example.org/news/story.html");
    REQUIRE(result.has_value());
    return *result;
  };
  SECTION("a byline element, with its author link") {
    const Article a = head("<div class=\"byline\">By <a href=\"/staff/amy\">Amy Kuperinsky</a> | NJ.com</div>");
    const Block* b = find_block(a, "By Amy");
    REQUIRE(b != nullptr);
    CHECK(b->kind == BlockKind::byline);
    CHECK(b->paragraph == 0);
    REQUIRE(b->links.size() == 1);
    CHECK(b->links[0].href == "https://example.org/staff/amy");
    CHECK(a.body_text().find("Amy") == std::string::npos);
    CHECK(find_block(a, "This sentence")->paragraph == 1);
  }
  SECTION("datelines and author lines recognised by their words") {
    const Article a = head("<p>Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM</p><p>31.10.2023 14:08</p>"
                           "<p>Von Jossi Loibl</p>");
    CHECK(find_block(a, "Updated Nov")->kind == BlockKind::byline);
    CHECK(find_block(a, "31.10.2023")->kind == BlockKind::byline);
    CHECK(find_block(a, "Von Jossi")->kind == BlockKind::byline);
  }
  SECTION("a rating, a page list or a short sentence is not a dateline") {
    const Article a = head("<p>5.9 (22K)</p><p>1 2 3 4</p><p>May the best team win.</p>");
    CHECK(find_block(a, "5.9")->kind != BlockKind::byline);
    CHECK(find_block(a, "1 2 3")->kind != BlockKind::byline);
    CHECK(find_block(a, "May the")->kind != BlockKind::byline);
  }
}

TEST_CASE("headings and link rows after an article's last prose paragraph are inserts, links kept", "[extract]") {
  const Article a = with_tail("<p>" + k_para +
                              "</p><h2>More on this topic</h2><p><a href=\"/a.html\">Another story "
                              "about the council</a></p><h3>Sources</h3><ul><li><a "
                              "href=\"https://www.ukrinform.net/x.html\">Ukrinform</a></li></ul>");
  const Block* more = find_block(a, "More on this");
  REQUIRE(more != nullptr);
  CHECK(more->kind == BlockKind::insert);
  const Block* teaser = find_block(a, "Another story");
  REQUIRE(teaser != nullptr);
  CHECK(teaser->kind == BlockKind::insert);
  REQUIRE(teaser->links.size() == 1);
  CHECK(find_block(a, "Sources")->kind == BlockKind::heading); // the rules read a sources section
  CHECK(a.reading_text().find("More on this") == std::string::npos);
  CHECK(a.paragraph_count() == 3);
}

TEST_CASE("a short line that ends with a copyright credit is a caption", "[extract]") {
  const Article a = with_tail("<p>Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO</p>"
                              "<p>All content © 2025 The Gazette. Reuse needs our permission.</p>");
  CHECK(find_block(a, "Marco Odermatt")->kind == BlockKind::caption);
  CHECK(find_block(a, "All content")->kind != BlockKind::caption); // a sentence follows the sign
}
