// tests/unit/extract/metadata_test.cpp: modification time, schema.org types and advertisement
// labels of extract_html.
//
// Rule: labels are what the article area shows; a footer's terms notice or an ad slot's
// "Advertisement" between paragraphs is not a label of the article.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/extractor.hpp"

namespace {

using syndcheck::extract::extract_html;
using syndcheck::model::Article;

const std::string k_para = "This sentence is long enough to count as a real paragraph of the body text, with commas. ";

Article extract_ok(const std::string& html) {
  auto result = extract_html(html, "https://example.org/news/story.html");
  if (!result) {
    FAIL("extract_html failed: " << syndcheck::extract::describe(result.error()));
  }
  return *result;
}

std::string page(const std::string& head, const std::string& article_header, const std::string& body_extra = "",
                 const std::string& footer = "") {
  return "<html><head>" + head + "</head><body><article><header><h1>Port opens new grain terminal</h1>" +
         article_header + "</header><div class=\"article-body\"><p>" + k_para + "</p><p>" + k_para + "</p>" +
         body_extra + "<p>" + k_para + "</p></div></article><footer>" + footer + "</footer></body></html>";
}

} // namespace

TEST_CASE("modification time from meta, itemprop and JSON-LD", "[extract]") {
  SECTION("article:modified_time wins over JSON-LD") {
    const Article a = extract_ok(page(R"(<meta property="article:modified_time" content="2025-03-02T10:00:00Z">
      <script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2025-03-05"}</script>)",
                                      ""));
    CHECK(a.modified == "2025-03-02T10:00:00Z");
  }
  SECTION("og:updated_time") {
    const Article a = extract_ok(page(R"(<meta property="og:updated_time" content="2025-03-03">)", ""));
    CHECK(a.modified == "2025-03-03");
  }
  SECTION("itemprop dateModified on a time element") {
    const Article a =
        extract_ok(page("", R"(<time itemprop="dateModified" datetime="2025-03-04T08:00">4 March</time>)"));
    CHECK(a.modified == "2025-03-04T08:00");
  }
  SECTION("JSON-LD dateModified, datePublished kept apart") {
    const Article a = extract_ok(page(
        R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-01","dateModified":"2025-03-05"}</script>)",
        ""));
    CHECK(a.published == "2025-03-01");
    CHECK(a.modified == "2025-03-05");
  }
  SECTION("none") {
    const Article a = extract_ok(page("", ""));
    CHECK(a.modified.empty());
  }
}

TEST_CASE("schema types from JSON-LD entities and top-level microdata items", "[extract]") {
  SECTION("top-level JSON-LD type; nested publisher and logo types are not the page's") {
    const Article a = extract_ok(page(R"(<script type="application/ld+json">{"@context":"https://schema.org",
      "@type":"NewsArticle","publisher":{"@type":"Organization","logo":{"@type":"ImageObject"}}}</script>)",
                                      ""));
    CHECK(a.schema_types == std::vector<std::string>{"NewsArticle"});
  }
  SECTION("@graph members and a type array") {
    const Article a = extract_ok(page(R"(<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":["Article","ReportageNewsArticle"],"author":{"@type":"Person","name":"A \"B\""}},
      {"@type":"WebPage"},{"@type":"BreadcrumbList"}]}</script>)",
                                      ""));
    CHECK(a.schema_types == std::vector<std::string>{"Article", "ReportageNewsArticle", "WebPage", "BreadcrumbList"});
  }
  SECTION("a top-level array of entities, duplicates once") {
    const Article a =
        extract_ok(page(R"(<script type="application/ld+json">[{"@type":"NewsArticle"},{"@type":"NewsArticle"},
      {"@type":"http://schema.org/Organization"}]</script>)",
                        ""));
    CHECK(a.schema_types == std::vector<std::string>{"NewsArticle", "Organization"});
  }
  SECTION("microdata itemtype's last path segment; nested items are not") {
    const Article a = extract_ok(R"(<html><body><div itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Port opens</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person">Ann</div>
      <div itemprop="articleBody"><p>)" +
                                 k_para + "</p></div></div></body></html>");
    CHECK(a.schema_types == std::vector<std::string>{"NewsArticle"});
  }
  SECTION("malformed JSON-LD keeps what was read and does not fail the page") {
    const Article a =
        extract_ok(page(R"(<script type="application/ld+json">{"@type":"NewsArticle", "x": [[[{</script>)", ""));
    CHECK(a.schema_types == std::vector<std::string>{"NewsArticle"});
  }
  SECTION("deep nesting is capped") {
    const std::string deep = std::string(5000, '[') + "{\"@type\":\"Deep\"}" + std::string(5000, ']');
    const Article a = extract_ok(page("<script type=\"application/ld+json\">" + deep + "</script>", ""));
    CHECK(a.schema_types.empty());
  }
}

TEST_CASE("advertisement labels in the article area, as written", "[extract]") {
  SECTION("a label in the article header") {
    const Article a = extract_ok(page("", R"(<span class="promo-label">Партнерський матеріал</span>)"));
    CHECK(a.labels == std::vector<std::string>{"Партнерський матеріал"});
  }
  SECTION("a label beside the byline (helpnetsecurity.com on WCXB)") {
    const Article a = extract_ok(page("", R"(<div class="author-byline"><a href="/author/x/">Help Net Security</a>
      <span class="super-content-mark">Sponsored</span></div><time datetime="2025-11-24">November 24, 2025</time>)"));
    CHECK(a.labels == std::vector<std::string>{"Sponsored"});
  }
  SECTION("brackets and capitals are kept as written") {
    const Article a = extract_ok(page("", R"(<div class="mark">[НА ПРАВАХ РЕКЛАМИ]</div>)"));
    CHECK(a.labels == std::vector<std::string>{"НА ПРАВАХ РЕКЛАМИ"});
  }
  SECTION("a headline that opens with the label") {
    const Article a = extract_ok(R"(<html><body><article><h1>Реклама. Port opens new grain terminal</h1>
      <div class="article-body"><p>)" +
                                 k_para + "</p></div></article></body></html>");
    CHECK(a.labels == std::vector<std::string>{"Реклама"});
  }
  SECTION("a label below the last body paragraph") {
    std::string html = page("", "");
    html.insert(html.find("</div></article>"), "<p><em>Sponsored</em></p>");
    const Article a = extract_ok(html);
    CHECK(a.labels == std::vector<std::string>{"Sponsored"});
  }
  SECTION("the Law of Ukraine notice, anywhere in the body") {
    const Article a = extract_ok(page("", "",
                                      "<p><i>Матеріал розміщено відповідно до частини 3 статті 9 Закону "
                                      "України «Про рекламу».</i></p>"));
    REQUIRE(a.labels.size() == 1);
    CHECK(a.labels[0] == "Матеріал розміщено відповідно до частини 3 статті 9 Закону України «Про рекламу».");
  }
  SECTION("the English notice") {
    const Article a = extract_ok(page("", "<p class=\"disclaimer\">The material has been posted in accordance with "
                                          "Part 3 of Article 9 of the Law of Ukraine \"On Advertising\".</p>"));
    REQUIRE(a.labels.size() == 1);
    CHECK(a.labels[0].starts_with("The material has been posted"));
  }
}

TEST_CASE("ad slots, prose and the footer are not labels", "[extract]") {
  SECTION("an ad slot between body paragraphs") {
    const Article a = extract_ok(page("", "", "<div class=\"inline-slot\"><p>Advertisement</p></div>"));
    CHECK(a.labels.empty());
  }
  SECTION("an ad slot with a frame above the body") {
    const Article a =
        extract_ok(page("", "<div class=\"slot\"><span>Advertisement</span><iframe src=\"x\"></iframe></div>"));
    CHECK(a.labels.empty());
  }
  SECTION("an empty slot named as an ad") {
    const Article a = extract_ok(page("", "<div class=\"ad-container\"><span>Advertisement</span></div>"));
    CHECK(a.labels.empty());
  }
  SECTION("an ad slot's label beside the slot (nytimes.com on AEB)") {
    const Article a = extract_ok(page("", "<div id=\"top-wrapper\"><div id=\"top-slug\"><p>Advertisement</p></div>"
                                          "<a href=\"#after-top\">Continue reading the main story</a>"
                                          "<div class=\"ad top-wrapper-ad\"></div></div>"));
    CHECK(a.labels.empty());
  }
  SECTION("a tag called sponsored in a tags row") {
    const Article a = extract_ok(page("", "<div class=\"post-tags\"><a href=\"/tag/jam/\" rel=\"tag\">jam</a>"
                                          "<a href=\"/tag/sponsored/\" rel=\"tag\">sponsored</a></div>"));
    CHECK(a.labels.empty());
  }
  SECTION("a label word inside a sentence") {
    const Article a = extract_ok(page("", "<p class=\"lead\">Some <b>Sponsored</b> words</p>"));
    CHECK(a.labels.empty());
  }
  SECTION("a label word inside prose") {
    const Article a =
        extract_ok(page("", "", "<p>Реклама на телебаченні подорожчала вдвічі за рік, кажуть аналітики ринку.</p>"));
    CHECK(a.labels.empty());
  }
  SECTION("the publisher's terms in the footer") {
    const Article a = extract_ok(page("", "", "", R"(<p>Materials marked as "Advertisement" are posted in accordance
      with Part 3 of Article 9 of the Law of Ukraine "On Advertising".</p><p>Реклама</p>)"));
    CHECK(a.labels.empty());
  }
}
