// tests/unit/extract/insert_test.cpp: inline "Read also" teasers become BlockKind::insert.
//
// Rule: a teaser is a short block that opens with a cue and is mostly a link (or the link list
// right after a bare cue); prose that merely starts with the same words stays a paragraph.
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

Article extract_ok(const std::string& html) {
  auto result = extract_html(html, "https://example.org/news/story.html");
  if (!result) {
    FAIL("extract_html failed: " << syndcheck::extract::describe(result.error()));
  }
  return *result;
}

// A body of two paragraphs around `middle`.
Article with_middle(const std::string& middle) {
  return extract_ok("<html><body><article><h1>Headline</h1><div class=\"article-body\"><p>" + k_para + "</p>" + middle +
                    "<p>" + k_para + "Last.</p></div></article></body></html>");
}

const Block& block_starting(const Article& article, const std::string& prefix) {
  const auto it = std::find_if(article.blocks.begin(), article.blocks.end(),
                               [&](const Block& b) { return b.text.starts_with(prefix); });
  REQUIRE(it != article.blocks.end());
  return *it;
}

} // namespace

TEST_CASE("a short cue block that is mostly a link is an insert", "[extract]") {
  const char* cue = nullptr;
  SECTION("uk") {
    cue = "Читайте також:";
  }
  SECTION("ru") {
    cue = "Читайте также:";
  }
  SECTION("ru capitals") {
    cue = "ЧИТАЙТЕ ТАКЖЕ";
  }
  SECTION("de") {
    cue = "Lesen Sie auch:";
  }
  SECTION("pl") {
    cue = "Czytaj także:";
  }
  SECTION("en read also") {
    cue = "Read also:";
  }
  SECTION("en see also") {
    cue = "See also \xE2\x80\x94";
  }
  SECTION("en related") {
    cue = "Related:";
  }
  const Article article =
      with_middle(std::string("<p>") + cue + " <a href=\"/other.html\">Another story headline here</a></p>");
  const Block& insert = block_starting(article, cue);
  CHECK(insert.kind == BlockKind::insert);
  CHECK_FALSE(insert.counted());
  CHECK(insert.paragraph == 1);
  REQUIRE(insert.links.size() == 1);
  CHECK(insert.links[0].href == "https://example.org/other.html");
  CHECK(block_starting(article, "This sentence").paragraph == 1);
  CHECK(article.paragraph_count() == 2);
  CHECK(article.body_text().find("Another story") == std::string::npos);
}

TEST_CASE("prose that starts with a cue word stays a paragraph", "[extract]") {
  SECTION("no link") {
    const Article article = with_middle("<p>See also the annual report, which lists every contract signed.</p>");
    CHECK(block_starting(article, "See also").kind == BlockKind::paragraph);
    CHECK(article.paragraph_count() == 3);
  }
  SECTION("a cue word without its punctuation") {
    const Article article = with_middle("<p>Related <a href=\"/x.html\">companies</a> reported losses.</p>");
    CHECK(block_starting(article, "Related").kind == BlockKind::paragraph);
  }
  SECTION("a link that is a small part of the text") {
    const Article article = with_middle("<p>Read also what the minister said on Monday about the new rules for "
                                        "ports, in <a href=\"/x.html\">this interview</a>.</p>");
    CHECK(block_starting(article, "Read also").kind == BlockKind::paragraph);
  }
  SECTION("too long for a teaser") {
    const Article article =
        with_middle("<p>Read also: <a href=\"/x.html\">" + k_para + k_para + k_para + k_para + k_para + "</a></p>");
    CHECK(block_starting(article, "Read also").kind == BlockKind::paragraph);
  }
}

TEST_CASE("a bare cue and the link list after it are inserts", "[extract]") {
  const Article article = with_middle("<p><strong>Дивіться також</strong></p><ul>"
                                      "<li><a href=\"/a.html\">Перша новина про порт</a></li>"
                                      "<li><a href=\"/b.html\">Друга новина про зерно</a></li></ul>"
                                      "<p>" +
                                      k_para + "</p>");
  CHECK(block_starting(article, "Дивіться також").kind == BlockKind::insert);
  CHECK(block_starting(article, "Перша новина").kind == BlockKind::insert);
  CHECK(block_starting(article, "Друга новина").kind == BlockKind::insert);
  // The paragraph after the list is prose again and is counted.
  CHECK(article.paragraph_count() == 3);
}

TEST_CASE("a link-only block inside a read-also element is an insert", "[extract]") {
  const Article article =
      with_middle("<div class=\"read-also\"><a href=\"/a.html\">Port traffic doubled in March</a></div>");
  const Block& insert = block_starting(article, "Port traffic");
  CHECK(insert.kind == BlockKind::insert);
  CHECK(article.paragraph_count() == 2);
}

namespace {

// An article of three prose paragraphs followed by `tail`.
Article with_tail(const std::string& tail) {
  return extract_ok("<html><body><article><h1>Headline</h1><div class=\"article-body\"><p>" + k_para + "One.</p><p>" +
                    k_para + "Two.</p><p>" + k_para + "Three.</p>" + tail + "</div></article></body></html>");
}

} // namespace

TEST_CASE("a closing run of appeals is an insert", "[extract]") {
  const Article article = with_tail("<p>Subscribe now to our e-edition for the full story.</p>"
                                    "<p>— Staff</p>"
                                    "<p>Síguenos en Telegram, Instagram y Facebook.</p>"
                                    "<p>War der Artikel nützlich?</p>");
  CHECK(block_starting(article, "War der Artikel").kind == BlockKind::insert);
  CHECK(block_starting(article, "Subscribe now").kind == BlockKind::insert);
  CHECK(block_starting(article, "Síguenos").kind == BlockKind::insert);
  CHECK(block_starting(article, "— Staff").kind == BlockKind::paragraph);
  CHECK(article.body_text().find("Subscribe") == std::string::npos);
}

TEST_CASE("appeal words in the article's own prose stay text", "[extract]") {
  SECTION("a prose paragraph after the appeal ends the run") {
    const Article article =
        with_tail("<p>Sign up for the bundle with the same e-mail address.</p><p>" + k_para + "Four.</p>");
    CHECK(block_starting(article, "Sign up").kind == BlockKind::paragraph);
  }
  SECTION("a how-to's closing step in a list") {
    const Article article = with_tail("<ul><li>Sign up for the ad-free plan.</li></ul>");
    CHECK(block_starting(article, "Sign up").kind == BlockKind::list_item);
  }
  SECTION("a word that only contains an appeal word") {
    const Article article = with_tail("<p>The paper now has two million subscribers.</p>");
    CHECK(block_starting(article, "The paper").kind == BlockKind::paragraph);
  }
  SECTION("a copyright notice is not an appeal") {
    const Article article = with_tail("<p>Copyright 2024 Example News. All rights reserved.</p>");
    CHECK(block_starting(article, "Copyright").kind == BlockKind::paragraph);
  }
}

TEST_CASE("a closing-section header in the second half ends the article", "[extract]") {
  SECTION("comments") {
    const Article article = with_tail("<h2>Kommentare (2)</h2><p>" + k_para + "A reader.</p>");
    CHECK(block_starting(article, "Kommentare").kind == BlockKind::insert);
    CHECK(article.body_text().find("A reader.") == std::string::npos);
  }
  SECTION("a comment count before the header") {
    const Article article = with_tail("<p>3 Kommentare</p><p>" + k_para + "A reader.</p>");
    CHECK(article.body_text().find("A reader.") == std::string::npos);
  }
  SECTION("an author box") {
    const Article article = with_tail("<p>About the author</p><p>" + k_para + "Bio.</p>");
    CHECK(article.body_text().find("Bio.") == std::string::npos);
  }
  SECTION("a sentence that starts with a cue is prose") {
    const Article article = with_tail("<h2>Share this information, please?</h2><p>" + k_para + "Still.</p>");
    CHECK(article.body_text().find("Still.") != std::string::npos);
  }
  SECTION("a cue above the body is not its end") {
    const Article article = extract_ok("<html><body><article><h1>Headline</h1><div class=\"article-body\"><p>Kommentar"
                                       "</p><p>" +
                                       k_para + "One.</p><p>" + k_para + "Two.</p><p>" + k_para +
                                       "Three.</p></div></article></body></html>");
    CHECK(article.body_text().find("Three.") != std::string::npos);
  }
}
