// Unit tests of extract_html: small realistic news pages in, blocks/links/metadata out.
// Rule: each case asserts the exact paragraph numbers and links the rules module will rely on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "extract/extractor.hpp"

namespace {

using syndcheck::extract::extract_html;
using syndcheck::extract::ExtractFailure;
using syndcheck::extract::ExtractOptions;
using syndcheck::model::Article;
using syndcheck::model::Block;
using syndcheck::model::BlockKind;

constexpr const char* k_base = "https://news.example.com/world/2024/story.html";

Article extract_ok(const std::string& html, const char* base = k_base) {
  auto result = extract_html(html, base);
  if (!result) {
    FAIL("extract_html failed: " << describe(result.error()));
  }
  return *result;
}

bool any_block_contains(const Article& article, const std::string& needle) {
  return std::any_of(article.blocks.begin(), article.blocks.end(),
                     [&](const Block& b) { return b.text.find(needle) != std::string::npos; });
}

bool any_link_to(const Article& article, const std::string& href) {
  for (const Block& b : article.blocks) {
    for (const auto& link : b.links) {
      if (link.href == href) {
        return true;
      }
    }
  }
  return false;
}

// A typical news page: site header with navigation, an <article> with header (h1, lead, byline),
// body paragraphs with an inline "Read also" link, a share bar, related list, sidebar, footer.
const std::string k_news_page = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia set to share space tech with North Korea - Blinken | Ukrinform</title>
<link rel="canonical" href="/rubric-world/3946134-russia-set-to-share.html">
<meta property="og:url" content="https://www.ukrinform.net/og-url-should-lose.html">
<meta property="article:published_time" content="2025-01-06T10:12:00+02:00">
</head><body>
<header class="site-header"><a href="/">Ukrinform</a>
 <nav><ul><li><a href="/rubric-politics">Politics</a></li><li><a href="/rubric-world">World</a></li></ul></nav>
</header>
<div class="layout">
 <main>
  <article>
   <header>
    <h1>Russia set to share space tech with North Korea - Blinken</h1>
    <p class="lead">Russia intends to share its advanced space and satellite technology with North Korea.</p>
    <p class="byline">By John Smith, <a href="https://www.ukrinform.net/">Ukrinform</a></p>
   </header>
   <div class="newsText">
    <p>This was stated by U.S. Secretary of State Antony Blinken, <a href="https://www.yna.co.kr/" rel="NoFollow UGC">Yonhap</a> reports.</p>
    <h2>Seoul press conference</h2>
    <p>"We have reasons to believe that Moscow intends to share advanced space technology," Blinken said.</p>
    <p class="read-also">Read also: <a href="/rubric-world/3946000-russia-spreads.html">Russia spreads manipulations</a></p>
    <figure><img src="/photo.jpg"><figcaption>Antony Blinken in Seoul</figcaption></figure>
    <p><img src="/chart.png"></p>
    <p>This week, Blinken embarked on a three-country tour.</p>
    <div class="share-buttons"><a href="https://facebook.com/share?u=x">Share on Facebook</a></div>
    <ul class="related-news"><li><a href="/rubric-world/1.html">Related one</a></li><li><a href="/rubric-world/2.html">Related two</a></li></ul>
   </div>
  </article>
  <section id="comments"><p>Great article, <a href="https://spam.example/">visit me</a>!</p></section>
 </main>
 <aside class="sidebar"><h3>Most read</h3><p><a href="https://sidebar.example.net/x">Sidebar story that is long enough</a></p></aside>
</div>
<footer><p>While citing and using any materials on the Internet, links to the website ukrinform.net not lower than the first paragraph are mandatory.</p></footer>
</body></html>)";

} // namespace

TEST_CASE("body excludes navigation, sidebar, related list, share bar, comments and footer", "[extract]") {
  const Article article = extract_ok(k_news_page);
  CHECK(any_block_contains(article, "three-country tour"));
  CHECK_FALSE(any_block_contains(article, "Politics"));
  CHECK_FALSE(any_block_contains(article, "Sidebar story"));
  CHECK_FALSE(any_block_contains(article, "Related one"));
  CHECK_FALSE(any_block_contains(article, "Share on Facebook"));
  CHECK_FALSE(any_block_contains(article, "Great article"));
  CHECK_FALSE(any_block_contains(article, "While citing"));
  SECTION("a link in the sidebar is in no block") {
    CHECK_FALSE(any_link_to(article, "https://sidebar.example.net/x"));
    CHECK_FALSE(any_link_to(article, "https://spam.example/"));
    CHECK_FALSE(any_link_to(article, "https://facebook.com/share?u=x"));
  }
}

TEST_CASE("the article header is paragraph 0 and the body starts at 1", "[extract]") {
  const Article article = extract_ok(k_news_page);
  REQUIRE(article.blocks.size() >= 4);
  CHECK(article.blocks[0].text.starts_with("Russia intends"));
  CHECK(article.blocks[0].paragraph == 0);
  CHECK(article.blocks[0].kind == BlockKind::paragraph);
  CHECK(article.blocks[0].counted());
  CHECK(article.blocks[1].text == "By John Smith, Ukrinform");
  CHECK(article.blocks[1].paragraph == 0);
  REQUIRE(article.blocks[1].links.size() == 1);
  CHECK(article.blocks[1].links[0].href == "https://www.ukrinform.net/");
  CHECK(article.blocks[2].text.starts_with("This was stated"));
  CHECK(article.blocks[2].paragraph == 1);
  SECTION("the h1 headline is the title, not a block") {
    CHECK(article.title == "Russia set to share space tech with North Korea - Blinken");
    CHECK_FALSE(any_block_contains(article, "Russia set to share"));
  }
}

// Regression: fixture 16's dateline "<p><time>Monday 6 January 2025, 1:05pm</time></p>" above the
// body was counted as paragraph 1, pushing the attribution link to paragraph 2.
TEST_CASE("a dateline above the body is paragraph 0", "[extract]") {
  const std::string html = R"(<html><body><article><h1>Headline here</h1>
    <p class="x-meta"><time datetime="2025-01-06">Monday 6 January 2025, 1:05pm</time></p>
    <p class="story-dateline">Kyiv, 6 January</p>
    <div class="x-body"><p>The first body paragraph carries enough words to be a real paragraph of news text.</p>
    <p>The second body paragraph also has enough words to look like a real paragraph of the story.</p>
    <p>A third paragraph, so that the body container is clearly the article and not something else.</p></div>
    </article></body></html>)";
  const Article article = extract_ok(html);
  REQUIRE(article.blocks.size() == 5);
  CHECK(article.blocks[0].text == "Monday 6 January 2025, 1:05pm");
  CHECK(article.blocks[0].paragraph == 0);
  CHECK(article.blocks[1].paragraph == 0);
  CHECK(article.blocks[2].text.starts_with("The first body paragraph"));
  CHECK(article.blocks[2].paragraph == 1);
}

TEST_CASE("headings and captions are not counted", "[extract]") {
  const Article article = extract_ok(k_news_page);
  const auto heading = std::find_if(article.blocks.begin(), article.blocks.end(),
                                    [](const Block& b) { return b.text == "Seoul press conference"; });
  REQUIRE(heading != article.blocks.end());
  CHECK(heading->kind == BlockKind::heading);
  CHECK_FALSE(heading->counted());
  CHECK(heading->paragraph == 1);
  const auto caption = std::find_if(article.blocks.begin(), article.blocks.end(),
                                    [](const Block& b) { return b.text == "Antony Blinken in Seoul"; });
  REQUIRE(caption != article.blocks.end());
  CHECK(caption->kind == BlockKind::caption);
  CHECK(caption->paragraph == 2);
  // lead, byline (0) + 3 body paragraphs; the "Read also" insert is not counted and the
  // image-only <p> is dropped.
  CHECK(article.paragraph_count() == 3);
  const auto last = std::find_if(article.blocks.begin(), article.blocks.end(),
                                 [](const Block& b) { return b.text.starts_with("This week"); });
  REQUIRE(last != article.blocks.end());
  CHECK(last->paragraph == 3);
  CHECK(article.body_text().find("Seoul press conference") == std::string::npos);
}

TEST_CASE("an inline Read also paragraph inside the body stays, as an insert", "[extract]") {
  const Article article = extract_ok(k_news_page);
  const auto read_also = std::find_if(article.blocks.begin(), article.blocks.end(),
                                      [](const Block& b) { return b.text.starts_with("Read also:"); });
  REQUIRE(read_also != article.blocks.end());
  CHECK(read_also->kind == BlockKind::insert);
  CHECK_FALSE(read_also->counted());
  CHECK(read_also->paragraph == 2); // the number of the last counted paragraph before it
  CHECK(article.body_text().find("Read also") == std::string::npos);
  REQUIRE(read_also->links.size() == 1);
  CHECK(read_also->links[0].href == "https://news.example.com/rubric-world/3946000-russia-spreads.html");
  CHECK(read_also->links[0].text == "Russia spreads manipulations");
}

TEST_CASE("links carry resolved href, anchor text and lower-cased rel tokens", "[extract]") {
  const Article article = extract_ok(k_news_page);
  const Block& first = article.blocks[2];
  REQUIRE(first.links.size() == 1);
  CHECK(first.links[0].href == "https://www.yna.co.kr/");
  CHECK(first.links[0].text == "Yonhap");
  CHECK(first.links[0].rel == std::vector<std::string>{"nofollow", "ugc"});

  SECTION("relative hrefs resolve against the base URL") {
    const Article a = extract_ok(R"(<html><body><article><p>See <a href="../other.html">this</a> and
      <a href="//cdn.example.org/x">that</a> and <a href="#top">top</a> and <a href="javascript:void 0">js</a>
      and <a href="">empty</a> and <a href="mailto:desk@example.com">mail</a>.</p></article></body></html>)");
    REQUIRE(a.blocks.size() == 1);
    const auto& links = a.blocks[0].links;
    REQUIRE(links.size() == 3);
    CHECK(links[0].href == "https://news.example.com/world/other.html");
    CHECK(links[1].href == "https://cdn.example.org/x");
    CHECK(links[2].href == "mailto:desk@example.com");
    CHECK(a.blocks[0].text == "See this and that and top and js and empty and mail.");
  }
  SECTION("<base href> wins over the given base") {
    const Article a = extract_ok(R"(<html><head><base href="https://mirror.example.net/news/"></head><body>
      <article><p>Via <a href="item/1.html">the mirror</a>.</p></article></body></html>)");
    REQUIRE(a.blocks.size() == 1);
    REQUIRE(a.blocks[0].links.size() == 1);
    CHECK(a.blocks[0].links[0].href == "https://mirror.example.net/news/item/1.html");
  }
  SECTION("an image-only link still belongs to its block") {
    const Article a =
        extract_ok(R"(<html><body><article><p><a href="https://www.ukrinform.net/"><img src="logo.png"></a>
      Text of the first paragraph.</p></article></body></html>)");
    REQUIRE(a.blocks.size() == 1);
    REQUIRE(a.blocks[0].links.size() == 1);
    CHECK(a.blocks[0].links[0].href == "https://www.ukrinform.net/");
    CHECK(a.blocks[0].links[0].text.empty());
  }
}

TEST_CASE("br-separated lines in a div become separate paragraphs", "[extract]") {
  const Article a = extract_ok(R"(<html><body><div class="entry-content">First line of the story.<br>
    Second line, with <b>bold</b> <i>words</i>.<br><br>Third line.</div></body></html>)");
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[0].text == "First line of the story.");
  CHECK(a.blocks[1].text == "Second line, with bold words.");
  CHECK(a.blocks[2].text == "Third line.");
  CHECK(a.blocks[2].paragraph == 3);
  SECTION("inside a <p>, one <br> is a space and two split the paragraph") {
    const Article p =
        extract_ok(R"(<html><body><article><p>Kyiv,<br>January 6<br><br>Second part.</p></article></body></html>)");
    REQUIRE(p.blocks.size() == 2);
    CHECK(p.blocks[0].text == "Kyiv, January 6");
    CHECK(p.blocks[1].text == "Second part.");
  }
}

TEST_CASE("empty, spacer and image-only blocks are dropped", "[extract]") {
  const Article a = extract_ok("<html><body><article><p>One.</p><p>&nbsp;</p><p> <img src='x.png'> </p>"
                               "<p>\xC2\xA0Two.\xC2\xA0</p></article></body></html>");
  REQUIRE(a.blocks.size() == 2);
  CHECK(a.blocks[1].text == "Two.");
  CHECK(a.blocks[1].paragraph == 2);
}

TEST_CASE("lists and quotes keep their kind and are counted", "[extract]") {
  const Article a = extract_ok(R"(<html><body><article><p>Intro text.</p><ul><li>Point one</li><li>Point two</li></ul>
    <blockquote><p>Quoted words.</p></blockquote></article></body></html>)");
  REQUIRE(a.blocks.size() == 4);
  CHECK(a.blocks[1].kind == BlockKind::list_item);
  CHECK(a.blocks[2].paragraph == 3);
  CHECK(a.blocks[3].kind == BlockKind::quote);
  CHECK(a.blocks[3].paragraph == 4);
}

TEST_CASE("a lead beside the body container is paragraph 0", "[extract]") {
  const Article a = extract_ok(R"(<html><body><div class="post"><h1>Headline</h1>
    <div class="standfirst">The standfirst sentence.</div>
    <div class="entry-content"><p>Body one is here.</p><p>Body two is here.</p></div></div>
    <div class="sidebar"><p>Sidebar text</p></div></body></html>)");
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[0].text == "The standfirst sentence.");
  CHECK(a.blocks[0].paragraph == 0);
  CHECK(a.blocks[1].paragraph == 1);
  CHECK(a.blocks[2].paragraph == 2);
  CHECK(a.title == "Headline");
}

TEST_CASE("body found by scoring when there is no article marker", "[extract]") {
  const Article a = extract_ok(R"(<html><body>
    <div id="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
    <div id="wrap"><div class="col">
      <p>The city council voted on Tuesday to approve the new budget, which includes more money for schools.</p>
      <p>Opponents said the plan, drafted in a hurry, would raise taxes for small businesses next year.</p>
      <p>The mayor, speaking after the vote, called it a fair compromise for everyone involved.</p>
    </div><div class="links"><p><a href="/a">Another story</a></p><p><a href="/b">Yet another story</a></p></div></div>
    </body></html>)");
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[0].text.starts_with("The city council"));
  CHECK(a.blocks[0].paragraph == 1);
  CHECK_FALSE(any_block_contains(a, "Another story"));
}

TEST_CASE("hidden elements are excluded", "[extract]") {
  const Article a = extract_ok(R"(<html><body><article><p>Visible.</p><p hidden>Hidden attr.</p>
    <p aria-hidden="true">Aria hidden.</p><div style="display: none"><p>Styled away.</p></div></article></body></html>)");
  REQUIRE(a.blocks.size() == 1);
  CHECK(a.blocks[0].text == "Visible.");
}

TEST_CASE("metadata: title, canonical, language, published time", "[extract]") {
  SECTION("canonical link wins over og:url, resolved against the base") {
    const Article a = extract_ok(k_news_page);
    CHECK(a.canonical_url == "https://news.example.com/rubric-world/3946134-russia-set-to-share.html");
    CHECK(a.language == "en");
    CHECK(a.published == "2025-01-06T10:12:00+02:00");
  }
  SECTION("og:url when there is no canonical link; og:title wins") {
    const Article a =
        extract_ok(R"(<html lang="uk"><head><meta property="og:url" content="https://www.ukrinform.ua/a.html">
      <meta property="og:title" content="Заголовок"><title>Other | Site</title></head>
      <body><article><p>Текст.</p><time datetime="2025-01-06">6 січня</time></article></body></html>)");
    CHECK(a.canonical_url == "https://www.ukrinform.ua/a.html");
    CHECK(a.title == "Заголовок");
    CHECK(a.language == "uk");
    CHECK(a.published == "2025-01-06");
  }
  SECTION("language from content-language or og:locale; date from JSON-LD") {
    const Article a = extract_ok(R"(<html><head><meta property="og:locale" content="de_DE">
      <script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2025-01-07T08:00:00Z"}</script>
      <title>Eine Meldung - news.example.com</title></head><body><article><p>Text.</p></article></body></html>)");
    CHECK(a.language == "de-DE");
    CHECK(a.published == "2025-01-07T08:00:00Z");
    CHECK(a.title == "Eine Meldung");
    CHECK(a.canonical_url.empty());
  }
  SECTION("a title suffix that is not the site name stays") {
    const Article a = extract_ok(
        R"(<html><head><title>Tech deal - Blinken</title></head><body><article><p>Text.</p></article></body></html>)");
    CHECK(a.title == "Tech deal - Blinken");
  }
}

TEST_CASE("page robots directives from meta tags", "[extract]") {
  const Article a = extract_ok(R"(<html><head><meta name="ROBOTS" content="index, NoFollow"></head>
    <body><article><p>Text.</p></article></body></html>)");
  CHECK(a.robots.nofollow);
  CHECK_FALSE(a.robots.noindex);
  const Article b = extract_ok(R"(<html><head><meta name="googlebot" content="noindex"></head>
    <body><article><p>Text.</p></article></body></html>)");
  CHECK(b.robots.noindex);
  CHECK_FALSE(b.robots.nofollow);
  const Article c = extract_ok("<html><body><article><p>Text.</p></article></body></html>");
  CHECK_FALSE(c.robots.noindex);
  CHECK_FALSE(c.robots.nofollow);
}

TEST_CASE("merge_robots_directives parses header and meta forms", "[extract]") {
  using syndcheck::extract::merge_robots_directives;
  SECTION("none means noindex and nofollow") {
    syndcheck::model::Robots r;
    merge_robots_directives("NONE", r);
    CHECK(r.noindex);
    CHECK(r.nofollow);
  }
  SECTION("bot-prefixed directives apply") {
    syndcheck::model::Robots r;
    merge_robots_directives("googlebot: nofollow", r);
    CHECK(r.nofollow);
    CHECK_FALSE(r.noindex);
  }
  SECTION("flags are ORed across calls") {
    syndcheck::model::Robots r;
    merge_robots_directives("noindex", r);
    merge_robots_directives("all, max-snippet:-1", r);
    CHECK(r.noindex);
    CHECK_FALSE(r.nofollow);
  }
}

TEST_CASE("malformed HTML still extracts", "[extract]") {
  const Article a = extract_ok(R"(<html><body></div><article><p>First paragraph <b>unclosed bold
    <p>Second paragraph</div></span><p>Third & last paragraph</article></body>)");
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[0].text == "First paragraph unclosed bold");
  CHECK(a.blocks[1].text == "Second paragraph");
  CHECK(a.blocks[2].text == "Third & last paragraph");
  SECTION("a stale meta charset does not re-decode UTF-8 text") {
    const Article u = extract_ok("<html><head><meta charset=\"windows-1251\"></head><body><article>"
                                 "<p>\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2</p></article></body></html>");
    REQUIRE(u.blocks.size() == 1);
    CHECK(u.blocks[0].text == "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"); // "Київ"
  }
}

TEST_CASE("caps and empty pages are error values", "[extract]") {
  SECTION("input over the byte cap is too_large") {
    ExtractOptions options;
    options.max_input_bytes = 1024;
    const std::string html = "<html><body><p>" + std::string(2000, 'x') + "</p></body></html>";
    const auto r = extract_html(html, k_base, options);
    REQUIRE_FALSE(r);
    CHECK(r.error().failure == ExtractFailure::too_large);
    CHECK_FALSE(describe(r.error()).empty());
  }
  SECTION("more nodes than the cap: the page is cut there and says so") {
    ExtractOptions options;
    options.max_nodes = 100;
    std::string html = "<html><body><article>";
    for (int i = 0; i < 200; ++i) {
      html += "<p>Paragraph number " + std::to_string(i) + ".</p>";
    }
    html += "</article></body></html>";
    const auto r = extract_html(html, k_base, options);
    REQUIRE(r);
    CHECK(r->truncated.find("100 nodes") != std::string::npos);
    REQUIRE_FALSE(r->blocks.empty());
    CHECK(r->blocks.front().text == "Paragraph number 0.");
    CHECK(r->paragraph_count() < 100);
    options.max_nodes = 10'000;
    const auto whole = extract_html(html, k_base, options);
    REQUIRE(whole);
    CHECK(whole->truncated.empty());
    CHECK(whole->paragraph_count() == 200);
  }
  SECTION("a page cut before its body has nothing to extract") {
    ExtractOptions options;
    options.max_nodes = 50;
    std::string html = "<html><head>";
    for (int i = 0; i < 200; ++i) {
      html += "<meta name=\"k" + std::to_string(i) + "\" content=\"v\">";
    }
    html += "</head><body><p>Text.</p></body></html>";
    const auto r = extract_html(html, k_base, options);
    REQUIRE_FALSE(r);
    CHECK(r.error().failure == ExtractFailure::no_content);
    CHECK(describe(r.error()).find("cut at an extraction cap") != std::string::npos);
  }
  // bench/extract-rss: a 10 MiB page of small cards built a 185 MB tree before the node count
  // could refuse it. The tree is now measured while it is built and the parse stops at the cap.
  SECTION("a tree over the DOM budget is cut while parsing; its beginning is extracted") {
    ExtractOptions options;
    options.max_dom_bytes = 64 * 1024;
    std::string html = "<html><body><article>";
    for (int i = 0; i < 2000; ++i) {
      html += "<p>Paragraph " + std::to_string(i) + " of a very long story, with enough words to count.</p>";
    }
    html += "</article></body></html>";
    const auto r = extract_html(html, k_base, options);
    REQUIRE(r);
    CHECK(r->truncated.find("MiB") != std::string::npos);
    CHECK(r->paragraph_count() > 10);
    CHECK(r->paragraph_count() < 2000);
    options.max_dom_bytes = 4 * 1024 * 1024;
    const auto whole = extract_html(html, k_base, options);
    REQUIRE(whole);
    CHECK(whole->truncated.empty());
    CHECK(whole->paragraph_count() == 2000);
  }
  SECTION("comments and processing instructions count against the DOM budget") {
    ExtractOptions options;
    options.max_dom_bytes = 64 * 1024;
    for (const std::string unit : {"<?x?>", "<!---->"}) {
      std::string html = "<html><body><article><p>A paragraph of the story.</p>";
      for (int i = 0; i < 2000; ++i) {
        html += unit;
      }
      html += "</article></body></html>";
      const auto r = extract_html(html, k_base, options);
      REQUIRE(r);
      CHECK_FALSE(r->truncated.empty());
      REQUIRE_FALSE(r->blocks.empty());
      CHECK(r->blocks.front().text == "A paragraph of the story.");
    }
  }
  SECTION("script and style text is not kept, JSON-LD is still read") {
    // Scripts can be most of a large page; only JSON-LD is ever read, so no other script text
    // counts against the DOM budget.
    ExtractOptions options;
    options.max_dom_bytes = 64 * 1024;
    const std::string html = "<html><head><script>" + std::string(200'000, 'x') + "</script><style>" +
                             std::string(200'000, 'y') +
                             "</style><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                             "\"datePublished\":\"2025-01-02T03:04:05Z\"}</script></head><body><article>"
                             "<p>The only paragraph of the story.</p></article></body></html>";
    const auto r = extract_html(html, k_base, options);
    REQUIRE(r);
    CHECK(r->published == "2025-01-02T03:04:05Z");
    REQUIRE(r->blocks.size() == 1);
    CHECK(r->blocks[0].text == "The only paragraph of the story.");
  }
  SECTION("a page without text is no_content") {
    const auto r = extract_html("<html><body><nav><a href='/'>Home</a></nav><img src='x.png'></body></html>", k_base);
    REQUIRE_FALSE(r);
    CHECK(r.error().failure == ExtractFailure::no_content);
  }
  SECTION("the text cap keeps the first blocks, cuts the one that crosses it and drops the rest") {
    ExtractOptions options;
    options.max_text_bytes = 25;
    const auto r = extract_html("<html><body><article><p>Ten bytes.</p><p>Ten again.</p><p>Over the cap now.</p>"
                                "<p>Dropped.</p></article></body></html>",
                                k_base, options);
    REQUIRE(r);
    REQUIRE(r->blocks.size() == 3);
    CHECK(r->blocks[2].text == "Over");
  }
  // Regression: a page whose one paragraph was over the cap (bench/extract-rss) failed with
  // no_content, because the whole block was dropped.
  SECTION("one paragraph over the cap keeps its first bytes, cut on a UTF-8 boundary") {
    ExtractOptions options;
    options.max_text_bytes = 101;
    std::string para;
    for (int i = 0; i < 200; ++i) {
      para += "Текст ";
    }
    const auto r = extract_html("<html><body><article><p>" + para + "</p></article></body></html>", k_base, options);
    REQUIRE(r);
    REQUIRE(r->blocks.size() == 1);
    CHECK(r->blocks[0].text.size() <= 101);
    CHECK(r->blocks[0].text.size() >= 95);
    CHECK(r->blocks[0].text.starts_with("Текст Текст"));
    CHECK((static_cast<unsigned char>(r->blocks[0].text.back()) & 0xC0U) != 0xC0U); // no cut lead byte
  }
}

TEST_CASE("extract_html_owned gives what extract_html gives", "[extract]") {
  const std::string html = "<html><head><title>T</title></head><body><article><h1>T</h1><p>First paragraph, "
                           "with <a href=\"/a.html\">a link</a>.</p><p>Second paragraph.</p></article></body></html>";
  const auto viewed = extract_html(html, k_base);
  std::string copy = html;
  const auto owned = syndcheck::extract::extract_html_owned(std::move(copy), k_base);
  REQUIRE(viewed);
  REQUIRE(owned);
  CHECK(owned->title == viewed->title);
  CHECK(owned->body_text() == viewed->body_text());
  REQUIRE(owned->blocks.size() == viewed->blocks.size());
  CHECK(owned->blocks[0].links.size() == viewed->blocks[0].links.size());
}

TEST_CASE("deeply nested markup does not crash", "[extract]") {
  std::string html = "<html><body><article><p>Top paragraph.</p>";
  for (int i = 0; i < 5000; ++i) {
    html += "<div>";
  }
  html += "deep text";
  html += "</article></body></html>";
  const auto r = extract_html(html, k_base);
  REQUIRE(r);
  CHECK(r->blocks.front().text == "Top paragraph.");
}

TEST_CASE("NUL bytes in the page are dropped instead of ending the parse", "[extract]") {
  std::string html = "<html><body><div class=\"nav\">Menu</div>";
  html += std::string(4, '\0');
  html += "<article><p>The council voted on Tuesday to approve a network of protected bike lanes.</p>"
          "<p>Opponents argued that the lanes would remove parking spaces from downtown.</p></article></body></html>";
  const Article article = extract_ok(html);
  CHECK(any_block_contains(article, "The council voted"));
  CHECK(any_block_contains(article, "Opponents argued"));
}
