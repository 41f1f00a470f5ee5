// tests/unit/extract/provenance_test.cpp: where extract_html says an article comes from: Open
// Graph, credits (authors, publisher, isBasedOn, syndication-source...), the basis of `published`
// with the URL date fallback, and the links to other sites outside the body.
//
// Rule: a credit pointing elsewhere is reported only when the page's own site is known; links of
// the page's own site and share buttons are never outside links.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/extractor.hpp"

namespace {

using syndcheck::extract::extract_html;
using syndcheck::model::Article;
using syndcheck::model::LinkRegion;

const std::string k_para = "This sentence is long enough to count as a real paragraph of the body text, with commas. ";

Article extract_ok(const std::string& html, const std::string& url = "https://example.org/news/story.html",
                   const syndcheck::extract::ExtractOptions& options = {}) {
  auto result = extract_html(html, url, options);
  if (!result) {
    FAIL("extract_html failed: " << syndcheck::extract::describe(result.error()));
  }
  return *result;
}

std::string page(const std::string& head, const std::string& before = "", const std::string& after = "",
                 const std::string& in_body = "") {
  return "<html><head>" + head + "</head><body>" + before + "<article><h1>Port opens new grain terminal</h1>" +
         "<div class=\"article-body\"><p>" + k_para + "</p><p>" + k_para + in_body + "</p><p>" + k_para +
         "</p></div></article>" + after + "</body></html>";
}

} // namespace

TEST_CASE("Open Graph values", "[extract]") {
  const Article a = extract_ok(page(R"(<meta property="og:title" content="Grain terminal">
    <meta property="og:type" content="article"><meta property="og:url" content="/news/story.html">
    <meta property="og:site_name" content="Port News"><meta property="og:description" content=" One line. ">
    <meta property="og:locale" content="en_GB"><meta property="og:image" content="/i/a.jpg">)"));
  CHECK(a.og.title == "Grain terminal");
  CHECK(a.og.type == "article");
  CHECK(a.og.url == "https://example.org/news/story.html");
  CHECK(a.og.site_name == "Port News");
  CHECK(a.og.description == "One line.");
  CHECK(a.og.locale == "en_GB");
  CHECK(a.og.image == "https://example.org/i/a.jpg");
}

TEST_CASE("authors: JSON-LD, then microdata, then meta author, then article:author", "[extract]") {
  const std::string json_ld = R"(<script type="application/ld+json">{"@type":"NewsArticle","author":"LD"}</script>)";
  const std::string microdata = R"(<span itemprop="author" itemscope><span itemprop="name">Micro</span></span>)";
  const std::string meta = R"(<meta name="author" content="Meta">)";
  const std::string article_author = R"(<meta property="article:author" content="https://fb.example/p">)";
  CHECK(extract_ok(page(json_ld + meta + article_author, microdata)).credits.authors == std::vector<std::string>{"LD"});
  CHECK(extract_ok(page(meta + article_author, microdata)).credits.authors == std::vector<std::string>{"Micro"});
  CHECK(extract_ok(page(meta + article_author)).credits.authors == std::vector<std::string>{"Meta"});
  CHECK(extract_ok(page(article_author)).credits.authors == std::vector<std::string>{"https://fb.example/p"});
  SECTION("microdata author as a plain element, publisher from a meta inside an item") {
    const Article a = extract_ok(page("", R"(<a itemprop="author" href="/a/1">Anna Lee</a>
      <div itemprop="publisher" itemscope><meta itemprop="name" content="Port News"></div>)"));
    CHECK(a.credits.authors == std::vector<std::string>{"Anna Lee"});
    CHECK(a.credits.publisher == "Port News");
  }
  SECTION("a comment's author (a nested item) is not the article's") {
    const Article a = extract_ok(page("", R"(<div itemscope itemtype="https://schema.org/NewsArticle">
      <span itemprop="author">Anna Lee</span>
      <div itemprop="comment" itemscope><span itemprop="author">Troll</span></div></div>)"));
    CHECK(a.credits.authors == std::vector<std::string>{"Anna Lee"});
  }
  SECTION("a 10 KB author value is cut") {
    const Article a = extract_ok(page(R"(<meta name="author" content=")" + std::string(10'000, 'x') + "\">"));
    REQUIRE(a.credits.authors.size() == 1);
    CHECK(a.credits.authors[0].size() == 2'048);
  }
}

TEST_CASE("source credits: syndication-source, original-source, isBasedOn, license", "[extract]") {
  SECTION("meta forms, resolved against the page") {
    const Article a = extract_ok(page(R"(<meta name="syndication-source" content="https://wire.example/a">
      <meta name="original-source" content="/orig/a.html">)"));
    CHECK(a.credits.syndication_source == "https://wire.example/a");
    CHECK(a.credits.original_source == "https://example.org/orig/a.html");
    CHECK(a.credits.credits_source());
  }
  SECTION("link forms") {
    const Article a = extract_ok(page(R"(<link rel="original-source" href="https://wire.example/b">
      <link rel="syndication-source" href="https://wire.example/c"><link rel="license" href="/terms">)"));
    CHECK(a.credits.original_source == "https://wire.example/b");
    CHECK(a.credits.syndication_source == "https://wire.example/c");
    CHECK(a.credits.license == "https://example.org/terms");
  }
  SECTION("JSON-LD isBasedOn: relative URLs resolved, names kept") {
    const Article a = extract_ok(page(R"(<script type="application/ld+json">{"@type":"NewsArticle",
      "isBasedOn":["/wire/a.html","dpa report"],"license":"https://cc.example/by"}</script>)",
                                      "", R"(<a rel="license" href="/other-terms">terms</a>)"));
    CHECK(a.credits.is_based_on == std::vector<std::string>{"https://example.org/wire/a.html", "dpa report"});
    CHECK(a.credits.license == "https://cc.example/by"); // JSON-LD before <a rel=license>
  }
  SECTION("none") {
    const Article a = extract_ok(page(""));
    CHECK(a.credits.empty());
    CHECK_FALSE(a.credits.credits_source());
  }
}

TEST_CASE("canonical URL on another site", "[extract]") {
  const std::string elsewhere = R"(<link rel="canonical" href="https://www.ukrinform.ua/rubric/1-a.html">)";
  CHECK(extract_ok(page(elsewhere)).credits.canonical_elsewhere == "https://www.ukrinform.ua/rubric/1-a.html");
  SECTION("the same site under www. or m. is not elsewhere") {
    CHECK(extract_ok(page(R"(<link rel="canonical" href="https://www.example.org/news/story.html">)"),
                     "https://m.example.org/news/story.html")
              .credits.canonical_elsewhere.empty());
  }
  SECTION("og:url stands in for a missing canonical link") {
    CHECK(
        extract_ok(page(R"(<meta property="og:url" content="https://wire.example/a">)")).credits.canonical_elsewhere ==
        "https://wire.example/a");
  }
  SECTION("a local file has no site of its own") {
    CHECK(extract_ok(page(elsewhere), "file:///tmp/copy.html").credits.canonical_elsewhere.empty());
  }
  SECTION("a page reached by IP address or localhost has no site of its own") {
    CHECK(extract_ok(page(elsewhere), "http://127.0.0.1:8765/copy.html").credits.canonical_elsewhere.empty());
    CHECK(extract_ok(page(elsewhere), "http://[::1]:8765/copy.html").credits.canonical_elsewhere.empty());
    CHECK(extract_ok(page(elsewhere), "http://localhost/copy.html").credits.canonical_elsewhere.empty());
    CHECK(extract_ok(page(elsewhere), "http://10.0.0.7/copy.html").credits.canonical_elsewhere.empty());
  }
}

TEST_CASE("the basis of published, and the URL date as the last fallback", "[extract]") {
  SECTION("each source names itself") {
    CHECK(extract_ok(page(R"(<meta property="article:published_time" content="2025-01-06T10:00:00Z">)"))
              .published_basis == "meta");
    CHECK(extract_ok(page(R"(<script type="application/ld+json">{"datePublished":"2025-01-06"}</script>)"))
              .published_basis == "json-ld");
    CHECK(extract_ok(page("", R"(<time datetime="2025-01-06T10:00">6 Jan</time>)")).published_basis == "time");
    CHECK(extract_ok(page("", R"(<span itemprop="datePublished" content="2025-01-06">6 Jan</span>)")).published_basis ==
          "itemprop");
    const Article none = extract_ok(page(""));
    CHECK(none.published.empty());
    CHECK(none.published_basis.empty());
  }
  SECTION("the page's URL") {
    const Article a = extract_ok(page(""), "https://example.org/2025/01/06/story.html");
    CHECK(a.published == "2025-01-06");
    CHECK(a.published_basis == "url");
  }
  SECTION("a declared date wins over the URL") {
    const Article a =
        extract_ok(page("", R"(<time datetime="2025-01-07T08:00">7 Jan</time>)"), "https://example.org/2025/01/06/s");
    CHECK(a.published == "2025-01-07T08:00");
  }
  SECTION("a local file: its canonical URL on the same site, never one elsewhere") {
    CHECK(extract_ok(page(R"(<link rel="canonical" href="https://example.org/news/20250106-story.html">)"),
                     "file:///tmp/copy.html")
              .published == "2025-01-06");
    CHECK(extract_ok(page(R"(<link rel="canonical" href="https://wire.example/2025/01/06/story.html">)"))
              .published.empty());
    // A local file's own path is not a URL of any site.
    CHECK(extract_ok(page(""), "file:///archive/2025/01/06/copy.html").published.empty());
  }
}

TEST_CASE("links to other sites outside the body", "[extract]") {
  const std::string before = R"(<header><a href="https://partner.example/">Partner</a>
    <nav><a href="/sport/">Sport</a><a href="https://shop.example.net/">Shop</a></nav></header>)";
  const std::string after =
      R"(<div class="sidebar"><p>Source: <a href="https://wire.example/a" rel="nofollow">Wire</a></p>
    <a href="https://www.facebook.com/sharer.php?u=https%3A%2F%2Fexample.org%2Fnews">Share</a>
    <a href="https://wire.example/a">Wire again</a></div>
    <div role="contentinfo"><a href="https://wire.example/">Wire home</a><a href="https://www.example.org/about">About</a>
    <a href="https://hidden.example/" style="display: none">hidden</a></div>
    <div><a href="https://elsewhere.example/">Elsewhere</a></div>)";
  const Article a = extract_ok(page("", before, after, R"(<a href="https://wire.example/">Wire</a>)"));
  REQUIRE(a.outside_links.size() == 4);
  CHECK(a.outside_links[0].link.href == "https://partner.example/");
  CHECK(a.outside_links[0].region == LinkRegion::header);
  CHECK(a.outside_links[1].link.href == "https://shop.example.net/");
  CHECK(a.outside_links[1].region == LinkRegion::nav);
  CHECK(a.outside_links[2].link.href == "https://wire.example/a");
  CHECK(a.outside_links[2].link.text == "Wire");
  CHECK(a.outside_links[2].link.rel == std::vector<std::string>{"nofollow"});
  CHECK(a.outside_links[2].region == LinkRegion::aside);
  // https://wire.example/ is a block link (inside the body), so the footer's copy is not repeated.
  CHECK(a.outside_links[3].link.href == "https://elsewhere.example/");
  CHECK(a.outside_links[3].region == LinkRegion::other);
  SECTION("capped by ExtractOptions::max_outside_links") {
    syndcheck::extract::ExtractOptions options;
    options.max_outside_links = 2;
    CHECK(extract_ok(page("", before, after), "https://example.org/news/story.html", options).outside_links.size() ==
          2);
  }
  SECTION("a local file's own site comes from its canonical URL") {
    const Article local = extract_ok(
        page(R"(<link rel="canonical" href="https://example.org/news/story.html">)", "",
             R"(<footer><a href="https://example.org/about">About</a><a href="https://wire.example/">W</a></footer>)"),
        "file:///tmp/copy.html");
    REQUIRE(local.outside_links.size() == 1);
    CHECK(local.outside_links[0].link.href == "https://wire.example/");
    CHECK(local.outside_links[0].region == LinkRegion::footer);
  }
}
