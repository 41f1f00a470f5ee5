// tests/unit/model/url_test.cpp: URL parsing, resolution and article-URL normalisation.
#include <catch2/catch.hpp>

#include "model/url.hpp"

using namespace syndcheck::model;

TEST_CASE("url_host lower-cases and drops port and userinfo", "[model]") {
  CHECK(url_host("https://WWW.Ukrinform.NET:443/a?b#c") == "www.ukrinform.net");
  CHECK(url_host("http://user:pw@example.org/x") == "example.org");
  CHECK(url_host("mailto:news@ukrinform.net").empty());
  CHECK(url_host("/relative/path").empty());
}

TEST_CASE("host_in_domain accepts the domain and its subdomains only", "[model]") {
  CHECK(host_in_domain("ukrinform.net", "ukrinform.net"));
  CHECK(host_in_domain("www.ukrinform.net", "ukrinform.net"));
  CHECK(host_in_domain("en.yna.co.kr", "yna.co.kr"));
  CHECK_FALSE(host_in_domain("notukrinform.net", "ukrinform.net"));
  CHECK_FALSE(host_in_domain("ukrinform.net.evil.example", "ukrinform.net"));
  CHECK_FALSE(host_in_domain("", "ukrinform.net"));
}

TEST_CASE("normalise_article_url ignores scheme, www, slash, fragment and tracking", "[model]") {
  const std::string canonical = normalise_article_url("https://www.ukrinform.net/rubric-polytics/3939962-x.html");
  CHECK(canonical == "ukrinform.net/rubric-polytics/3939962-x.html");
  CHECK(normalise_article_url("http://ukrinform.net/rubric-polytics/3939962-x.html/") == canonical);
  CHECK(normalise_article_url("https://www.ukrinform.net/rubric-polytics/3939962-x.html?utm_source=a&utm_medium=b"
                              "&fbclid=z#top") == canonical);
  SECTION("other parameters are kept, in a stable order") {
    CHECK(normalise_article_url("https://site.example/a?id=2&page=1&gclid=x") ==
          normalise_article_url("https://site.example/a?page=1&id=2"));
    CHECK(normalise_article_url("https://site.example/a?id=2") != normalise_article_url("https://site.example/a?id=3"));
  }
  SECTION("the path's case matters") {
    CHECK(normalise_article_url("https://site.example/A") != normalise_article_url("https://site.example/a"));
  }
}

TEST_CASE("resolve_url follows RFC 3986 for the hrefs news pages use", "[model]") {
  const std::string base = "https://site.example/news/2025/item.html?x=1";
  CHECK(resolve_url(base, "other.html") == "https://site.example/news/2025/other.html");
  CHECK(resolve_url(base, "../index.html") == "https://site.example/news/index.html");
  CHECK(resolve_url(base, "/top") == "https://site.example/top");
  CHECK(resolve_url(base, "//cdn.example/a.js") == "https://cdn.example/a.js");
  CHECK(resolve_url(base, "?y=2") == "https://site.example/news/2025/item.html?y=2");
  CHECK(resolve_url(base, "#c") == "https://site.example/news/2025/item.html?x=1#c");
  CHECK(resolve_url(base, " https://www.ukrinform.net/ ") == "https://www.ukrinform.net/");
  CHECK(resolve_url("http://127.0.0.1:8080/a/b.html", "c.html") == "http://127.0.0.1:8080/a/c.html");
}
