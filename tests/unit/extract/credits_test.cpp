// tests/unit/extract/credits_test.cpp: the string half of credits: JSON-LD credit fields, the date
// in a URL path and same-site hosts (extract/credits.hpp).
//
// Rule: credits come from the page's article entity; nested objects that describe another entity
// (a publisher's logo, a breadcrumb) never become credits, and malformed or huge JSON never throws.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/credits.hpp"

namespace {

using syndcheck::extract::date_from_url;
using syndcheck::extract::JsonLdCredits;
using syndcheck::extract::JsonLdLimits;
using syndcheck::extract::read_json_ld_article_body;
using syndcheck::extract::read_json_ld_credits;
using syndcheck::extract::same_site;

JsonLdCredits read(const std::string& json, const JsonLdLimits& limits = {}) {
  JsonLdCredits out;
  read_json_ld_credits(json, out, limits);
  return out;
}

} // namespace

TEST_CASE("JSON-LD credits of the article entity", "[extract]") {
  SECTION("plain NewsArticle: author object, publisher, isBasedOn, creditText, copyrightHolder, license") {
    const JsonLdCredits c = read(R"({"@context":"https://schema.org","@type":"NewsArticle",
      "author":{"@type":"Person","name":"  Anna   Smith "},"publisher":{"@type":"Organization","name":"Daily",
      "logo":{"@type":"ImageObject","url":"https://d.example/logo.png"}},
      "isBasedOn":"https://wire.example/a.html","creditText":"Wire","copyrightHolder":{"name":"Wire Ltd"},
      "license":"https://creativecommons.org/licenses/by/4.0/"})");
    CHECK(c.authors == std::vector<std::string>{"Anna Smith"});
    CHECK(c.publisher == "Daily");
    CHECK(c.is_based_on == std::vector<std::string>{"https://wire.example/a.html"});
    CHECK(c.credit_text == "Wire");
    CHECK(c.copyright_holder == "Wire Ltd");
    CHECK(c.license == "https://creativecommons.org/licenses/by/4.0/");
  }
  SECTION("@graph with @id references; the article wins over the WebPage") {
    const JsonLdCredits c = read(R"({"@graph":[
      {"@type":"WebPage","@id":"#page","author":{"name":"Page Author"}},
      {"@type":"Person","@id":"#p1","name":"Олена Коваль"},
      {"@type":"Organization","@id":"#org","name":"Укрінформ"},
      {"@type":["Article","ReportageNewsArticle"],"author":[{"@id":"#p1"},"Іван"],"publisher":{"@id":"#org"}}]})");
    CHECK(c.authors == std::vector<std::string>{"Олена Коваль", "Іван"});
    CHECK(c.publisher == "Укрінформ");
  }
  SECTION("a top-level array; a type given as a URL; givenName and familyName") {
    const JsonLdCredits c = read(R"([{"@type":"BreadcrumbList","author":"not this"},
      {"@type":"https://schema.org/BlogPosting","author":{"givenName":"Jana","familyName":"Becker"}}])");
    CHECK(c.authors == std::vector<std::string>{"Jana Becker"});
  }
  SECTION("no article entity: the WebPage-like entity; none at all: nothing") {
    CHECK(read(R"({"@type":"AboutPage","author":"Site Team"})").authors == std::vector<std::string>{"Site Team"});
    CHECK(read(R"({"@type":"Organization","name":"Org","author":"x"})").authors.empty());
  }
  SECTION("isBasedOn: an object's url, else @id, else name; the old isBasedOnUrl") {
    CHECK(read(R"({"@type":"Article","isBasedOn":[{"@type":"NewsArticle","url":"https://a.example/1"},
      {"@id":"https://b.example/2"},{"name":"dpa report"}]})")
              .is_based_on == std::vector<std::string>{"https://a.example/1", "https://b.example/2", "dpa report"});
    CHECK(read(R"({"@type":"Article","isBasedOnUrl":"https://a.example/1"})").is_based_on ==
          std::vector<std::string>{"https://a.example/1"});
  }
  SECTION("escapes: \\u sequences (Cyrillic, surrogate pairs), quotes, newlines") {
    const JsonLdCredits c = read(
        R"({"@type":"NewsArticle","author":"\u0406\u0432\u0430\u043d \"I.\"\nP.","creditText":"\ud83d\udcf0 AP"})");
    CHECK(c.authors == std::vector<std::string>{"Іван \"I.\" P."});
    CHECK(c.credit_text == "\xF0\x9F\x93\xB0 AP");
  }
  SECTION("the first block that declares a field wins; later blocks fill the rest") {
    JsonLdCredits c;
    read_json_ld_credits(R"({"@type":"NewsArticle","author":"First"})", c);
    read_json_ld_credits(R"({"@type":"NewsArticle","author":"Second","publisher":"Pub"})", c);
    CHECK(c.authors == std::vector<std::string>{"First"});
    CHECK(c.publisher == "Pub");
  }
}

TEST_CASE("JSON-LD credits from malformed and oversized input", "[extract]") {
  SECTION("truncated JSON keeps what came before the cut") {
    const JsonLdCredits c = read(R"({"@type":"NewsArticle","author":"Anna","publisher":{"name":"Da)");
    CHECK(c.authors == std::vector<std::string>{"Anna"});
    CHECK(c.publisher.empty());
  }
  SECTION("garbage, empty input and a lone scalar") {
    CHECK(read("").authors.empty());
    CHECK(read("}}}]]]").authors.empty());
    CHECK(read("42").authors.empty());
  }
  SECTION("nesting past the depth cap stops the parse without overflowing the stack") {
    const std::string deep = R"({"@type":"NewsArticle","author":"A","x":)" + std::string(100'000, '[');
    CHECK(read(deep).authors == std::vector<std::string>{"A"});
  }
  SECTION("string, list, value and byte caps") {
    JsonLdLimits limits;
    limits.max_string_bytes = 7; // "Article" just fits
    // "Олена" is 10 bytes: cut after three whole letters, never inside one, and nothing after
    // the cut is appended (the "X" would fit the byte budget).
    CHECK(read(R"({"@type":"Article","author":"Олена"})", limits).authors == std::vector<std::string>{"Оле"});
    CHECK(read(R"({"@type":"Article","author":"ОленаX"})", limits).authors == std::vector<std::string>{"Оле"});
    limits = {};
    limits.max_list = 2;
    CHECK(read(R"({"@type":"Article","author":["a","b","c","a"]})", limits).authors.size() == 2);
    limits = {};
    limits.max_values = 3; // the object, "@type"'s value, "author"'s value
    CHECK(read(R"({"@type":"Article","author":"A","publisher":"P"})", limits).publisher.empty());
    limits = {};
    limits.max_bytes = 34; // ends inside the "publisher" key
    const JsonLdCredits cut = read(R"({"@type":"Article","author":"A","publisher":"P"})", limits);
    CHECK(cut.authors == std::vector<std::string>{"A"});
    CHECK(cut.publisher.empty());
  }
}

TEST_CASE("JSON-LD articleBody of the article entity", "[extract]") {
  SECTION("decoded, longer than a credit string, from the article entity of a @graph") {
    const std::string body(5'000, 'x');
    const std::string json = R"({"@graph":[{"@type":"WebPage","articleBody":"page"},)"
                             R"({"@type":"NewsArticle","articleBody":"<p>Caf\u00e9<\/p>\n)" +
                             body + R"("}]})";
    CHECK(read_json_ld_article_body(json, 64 * 1024) == "<p>Café</p>\n" + body);
  }
  SECTION("cut at the given cap, absent, or not a string") {
    const std::string json = R"({"@type":"Article","articleBody":")" + std::string(5'000, 'y') + R"("})";
    CHECK(read_json_ld_article_body(json, 4'096) == std::string(4'096, 'y'));
    CHECK(read_json_ld_article_body(R"({"@type":"Article","headline":"h"})", 1'024).empty());
    CHECK(read_json_ld_article_body(R"({"@type":"Article","articleBody":["a"]})", 1'024).empty());
    CHECK(read_json_ld_article_body(R"({"@type":"Article","articleBody":"unterminated)", 1'024).empty());
  }
}

TEST_CASE("date in a URL path", "[extract]") {
  CHECK(date_from_url("https://example.org/news/2025/01/06/story.html") == "2025-01-06");
  CHECK(date_from_url("https://example.org/2025/1/6/story") == "2025-01-06");
  CHECK(date_from_url("https://example.org/news/2025-01-06-story.html") == "2025-01-06");
  CHECK(date_from_url("https://example.org/news/story-20250106.html") == "2025-01-06");
  CHECK(date_from_url("https://example.org/20240229/leap") == "2024-02-29");
  SECTION("ids, impossible dates and the query are not dates") {
    CHECK(date_from_url("https://www.ukrinform.net/rubric-polytics/3939962-story.html").empty());
    CHECK(date_from_url("https://example.org/news/12345678.html").empty());
    CHECK(date_from_url("https://example.org/news/202501061/story").empty()); // nine digits
    CHECK(date_from_url("https://example.org/20250230/story").empty());       // 30 February
    CHECK(date_from_url("https://example.org/2023/02/29/story").empty());     // not a leap year
    CHECK(date_from_url("https://example.org/story?date=2025-01-06").empty());
    CHECK(date_from_url("https://example.org/2025/01/story").empty()); // month only
    CHECK(date_from_url("").empty());
  }
}

TEST_CASE("same site", "[extract]") {
  CHECK(same_site("www.example.org", "example.org"));
  CHECK(same_site("m.example.org", "www.example.org"));
  CHECK(same_site("example.org", "news.example.org"));
  CHECK_FALSE(same_site("example.org", "ukrinform.ua"));
  CHECK_FALSE(same_site("notexample.org", "example.org"));
  CHECK_FALSE(same_site("", "example.org"));
}
