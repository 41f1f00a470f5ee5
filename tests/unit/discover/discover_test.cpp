// tests/unit/discover/discover_test.cpp: feeds and sitemaps → entries, as real publishers write them.
//
// Each document below is modelled on what news sites actually serve (WordPress RSS, Atom with
// xml:base, Yoast sitemap index, Google News sitemaps with image: extensions).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "discover/discover.hpp"

using namespace syndcheck::discover;
using namespace std::chrono;

namespace {

sys_seconds at(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

constexpr const char* k_rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Ukrinform</title>
  <link>https://www.ukrinform.net/</link>
  <language>en</language>
  <atom:link href="https://www.ukrinform.net/rss/block-lastnews" rel="self" type="application/rss+xml"/>
  <item>
    <title><![CDATA[Zelensky meets <b>EU</b> leaders in Brussels]]></title>
    <link>
      https://www.ukrinform.net/rubric-polytics/3850001-zelensky-meets-eu-leaders.html
    </link>
    <pubDate>Tue, 14 May 2024 10:15:00 +0300</pubDate>
    <guid isPermaLink="false">3850001</guid>
    <content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
  </item>
  <item>
    <title>Grain   corridor
      works &amp; expands</title>
    <link>/rubric-economy/3850002-grain.html</link>
    <dc:date>2024-05-14T08:00:00Z</dc:date>
  </item>
  <item>
    <title>Guid only</title>
    <guid>https://www.ukrinform.net/rubric-society/3850003-guid.html</guid>
    <pubDate>Tue, 14 May 2024 07:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Duplicate of the first</title>
    <link>https://www.ukrinform.net/rubric-polytics/3850001-zelensky-meets-eu-leaders.html</link>
  </item>
  <item><title>No link at all</title><guid isPermaLink="false">x-1</guid></item>
</channel>
</rss>)";

} // namespace

TEST_CASE("RSS 2.0 items become article entries with absolute URLs and parsed dates", "[discover]") {
  const auto doc = parse_document(k_rss, "https://www.ukrinform.net/rss/block-lastnews");
  REQUIRE(doc.has_value());
  CHECK(doc->format == DocumentFormat::rss);
  REQUIRE(doc->entries.size() == 3);

  SECTION("CDATA title and whitespace around the link") {
    const Entry& e = doc->entries[0];
    CHECK(e.url == "https://www.ukrinform.net/rubric-polytics/3850001-zelensky-meets-eu-leaders.html");
    CHECK(e.title == "Zelensky meets <b>EU</b> leaders in Brussels");
    CHECK(e.kind == EntryKind::article);
    CHECK(e.language == "en");
    REQUIRE(e.published.has_value());
    CHECK(*e.published == at(2024, 5, 14, 7, 15, 0)); // +0300 → UTC
    CHECK(e.published_text == "Tue, 14 May 2024 10:15:00 +0300");
  }
  SECTION("relative link resolved against the document URL; dc:date as published") {
    const Entry& e = doc->entries[1];
    CHECK(e.url == "https://www.ukrinform.net/rubric-economy/3850002-grain.html");
    CHECK(e.title == "Grain corridor works & expands");
    REQUIRE(e.published.has_value());
    CHECK(*e.published == at(2024, 5, 14, 8, 0, 0));
  }
  SECTION("a permalink guid stands in for a missing link; isPermaLink=false never does") {
    CHECK(doc->entries[2].url == "https://www.ukrinform.net/rubric-society/3850003-guid.html");
    for (const Entry& e : doc->entries) {
      CHECK(e.title != "No link at all");
      CHECK(e.title != "Duplicate of the first");
    }
  }
}

TEST_CASE("Atom entries take the alternate link, resolved through nested xml:base", "[discover]") {
  const char* atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk" xml:base="https://news.example.ua/uk/">
  <title>Новини</title>
  <updated>2024-05-14T09:00:00+03:00</updated>
  <entry xml:base="politics/">
    <title type="html">Перша новина</title>
    <link rel="edit" href="/api/entries/1"/>
    <link rel="alternate" type="text/html" href="2024/05/first.html"/>
    <id>tag:news.example.ua,2024:1</id>
    <published>2024-05-14T08:30:00+03:00</published>
    <updated>2024-05-14T09:00:00.123+03:00</updated>
  </entry>
  <entry>
    <title>Друга</title>
    <link href="/uk/economy/second.html" xml:base="https://other.example.org/"/>
    <id>https://news.example.ua/uk/economy/second-id.html</id>
  </entry>
  <entry>
    <title>Only an id</title>
    <id>https://news.example.ua/uk/third.html</id>
  </entry>
</feed>)";
  const auto doc = parse_document(atom, "https://news.example.ua/feeds/atom.xml");
  REQUIRE(doc.has_value());
  CHECK(doc->format == DocumentFormat::atom);
  REQUIRE(doc->entries.size() == 3);
  CHECK(doc->entries[0].url == "https://news.example.ua/uk/politics/2024/05/first.html");
  CHECK(doc->entries[0].title == "Перша новина");
  CHECK(doc->entries[0].language == "uk");
  REQUIRE(doc->entries[0].published.has_value());
  CHECK(*doc->entries[0].published == at(2024, 5, 14, 5, 30, 0));
  REQUIRE(doc->entries[0].lastmod.has_value());
  CHECK(*doc->entries[0].lastmod == at(2024, 5, 14, 6, 0, 0));
  CHECK(doc->entries[1].url == "https://other.example.org/uk/economy/second.html"); // link's own xml:base
  CHECK(doc->entries[2].url == "https://news.example.ua/uk/third.html");
}

TEST_CASE("sitemaps: urlset, sitemap index and Google News are told apart by the root", "[discover]") {
  SECTION("urlset with lastmod, whitespace in loc, and image:loc ignored") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>
       https://site.example/a.html
    </loc>
    <lastmod>2024-05-01</lastmod>
    <image:image><image:loc>https://cdn.site.example/a.jpg</image:loc></image:image>
  </url>
  <url><loc>https://site.example/b.html</loc><lastmod>2024-05-02T10:00:00+00:00</lastmod></url>
  <url><loc>ftp://site.example/not-http</loc></url>
</urlset>)";
    const auto doc = parse_document(xml, "https://site.example/sitemap.xml");
    REQUIRE(doc.has_value());
    CHECK(doc->format == DocumentFormat::sitemap);
    CHECK_FALSE(doc->google_news);
    REQUIRE(doc->entries.size() == 2);
    CHECK(doc->entries[0].url == "https://site.example/a.html");
    REQUIRE(doc->entries[0].lastmod.has_value());
    CHECK(*doc->entries[0].lastmod == at(2024, 5, 1, 0, 0, 0));
    CHECK(doc->entries[1].url == "https://site.example/b.html");
  }
  SECTION("sitemap index entries are sitemaps to fetch next") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://site.example/post-sitemap.xml</loc><lastmod>2024-05-14T07:12:31+00:00</lastmod></sitemap>
  <sitemap><loc>https://site.example/page-sitemap.xml</loc></sitemap>
</sitemapindex>)";
    const auto doc = parse_document(xml, "https://site.example/sitemap_index.xml");
    REQUIRE(doc.has_value());
    CHECK(doc->format == DocumentFormat::sitemap_index);
    REQUIRE(doc->entries.size() == 2);
    CHECK(doc->entries[0].kind == EntryKind::sitemap);
    CHECK(doc->entries[1].url == "https://site.example/page-sitemap.xml");
  }
  SECTION("Google News sitemap with its own prefix gives title, language and publication date") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://www.pravda.example/news/2024/05/14/7455000/</loc>
    <n:news>
      <n:publication><n:name>Pravda</n:name><n:language>uk</n:language></n:publication>
      <n:publication_date>2024-05-14T12:30:00+03:00</n:publication_date>
      <n:title><![CDATA[Новина дня]]></n:title>
    </n:news>
  </url>
</urlset>)";
    const auto doc = parse_document(xml, "https://www.pravda.example/sitemap-news.xml");
    REQUIRE(doc.has_value());
    CHECK(doc->google_news);
    REQUIRE(doc->entries.size() == 1);
    CHECK(doc->entries[0].title == "Новина дня");
    CHECK(doc->entries[0].language == "uk");
    REQUIRE(doc->entries[0].published.has_value());
    CHECK(*doc->entries[0].published == at(2024, 5, 14, 9, 30, 0));
  }
  SECTION("a sitemap without the namespace is still read") {
    const auto doc = parse_document("<urlset><url><loc>/x</loc></url></urlset>", "http://s.example/sitemap.xml");
    REQUIRE(doc.has_value());
    REQUIRE(doc->entries.size() == 1);
    CHECK(doc->entries[0].url == "http://s.example/x");
  }
}

TEST_CASE("RSS 1.0 (RDF) items are read", "[discover]") {
  const char* xml = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r.example/"><title>R</title><dc:language>ru</dc:language></channel>
  <item rdf:about="https://r.example/1"><title>Один</title><link>https://r.example/1.html</link>
    <dc:date>2024-05-14T10:00:00+03:00</dc:date></item>
</rdf:RDF>)";
  const auto doc = parse_document(xml, "https://r.example/rss");
  REQUIRE(doc.has_value());
  REQUIRE(doc->entries.size() == 1);
  CHECK(doc->entries[0].url == "https://r.example/1.html");
  CHECK(doc->entries[0].language == "ru");
  CHECK(doc->entries[0].published.has_value());
}

TEST_CASE("bad input is an error value with a position", "[discover]") {
  SECTION("malformed XML reports line and column") {
    const auto doc = parse_document("<rss>\n<channel>\n  <item></chanel>\n</rss>", "https://x.example/feed");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().failure == DiscoverFailure::malformed_xml);
    CHECK(doc.error().line == 3);
    CHECK(doc.error().column > 1);
    CHECK(describe(doc.error()).starts_with("https://x.example/feed:3:"));
  }
  SECTION("an HTML page is not a feed") {
    const auto doc = parse_document("<html><body><p>hi</p></body></html>", "https://x.example/");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().failure == DiscoverFailure::unknown_format);
    CHECK(doc.error().detail.find("<html>") != std::string::npos);
  }
  SECTION("empty") {
    const auto doc = parse_document("  \n", "u");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().failure == DiscoverFailure::empty);
  }
  SECTION("input above the byte cap") {
    DiscoverOptions options;
    options.max_input_bytes = 10;
    const auto doc = parse_document("<urlset></urlset>", "u", options);
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().failure == DiscoverFailure::too_large);
  }
  SECTION("more entries than the cap") {
    DiscoverOptions options;
    options.max_entries = 2;
    const auto doc = parse_document("<urlset><url><loc>http://a/1</loc></url><url><loc>http://a/2</loc></url>"
                                    "<url><loc>http://a/3</loc></url></urlset>",
                                    "u", options);
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().failure == DiscoverFailure::too_many_entries);
  }
}

TEST_CASE("caps on titles and URLs", "[discover]") {
  DiscoverOptions options;
  options.max_title_bytes = 5;
  options.max_url_bytes = 30;
  const auto doc = parse_document("<rss><channel><item><title>Привіт світ</title><link>http://a.example/1</link></item>"
                                  "<item><link>http://a.example/a-very-long-url-beyond-the-cap</link></item>"
                                  "</channel></rss>",
                                  "", options);
  REQUIRE(doc.has_value());
  REQUIRE(doc->entries.size() == 1);
  CHECK(doc->entries[0].title == "Пр"); // 4 bytes: the next letter would split at byte 5
}

TEST_CASE("dates in the formats feeds use", "[discover]") {
  SECTION("RFC 822 variants") {
    CHECK(parse_rfc822_date("Tue, 10 Jun 2003 04:00:00 GMT") == at(2003, 6, 10, 4, 0, 0));
    CHECK(parse_rfc822_date("10 Jun 03 04:00 EST") == at(2003, 6, 10, 9, 0, 0));
    CHECK(parse_rfc822_date("Mon, 1 Jan 2024 00:30:00 -0130") == at(2024, 1, 1, 2, 0, 0));
    CHECK_FALSE(parse_rfc822_date("31 Feb 2024 00:00:00 GMT").has_value());
    CHECK_FALSE(parse_rfc822_date("yesterday").has_value());
  }
  SECTION("ISO 8601 / W3C Datetime variants") {
    CHECK(parse_iso8601_date("2024") == at(2024, 1, 1, 0, 0, 0));
    CHECK(parse_iso8601_date("2024-05") == at(2024, 5, 1, 0, 0, 0));
    CHECK(parse_iso8601_date("2024-05-14T10:00Z") == at(2024, 5, 14, 10, 0, 0));
    CHECK(parse_iso8601_date("2024-05-14T10:00:00.5-02:00") == at(2024, 5, 14, 12, 0, 0));
    CHECK_FALSE(parse_iso8601_date("2024-13-01").has_value());
    CHECK_FALSE(parse_iso8601_date("14.05.2024").has_value());
  }
}

TEST_CASE("declared_encoding reads the XML declaration", "[discover]") {
  CHECK(declared_encoding("<?xml version=\"1.0\" encoding=\"Windows-1251\"?><rss/>") == "windows-1251");
  CHECK(declared_encoding("\xEF\xBB\xBF<?xml version='1.0' encoding = 'utf-8' ?><rss/>") == "utf-8");
  CHECK(declared_encoding("<rss/>").empty());
}
