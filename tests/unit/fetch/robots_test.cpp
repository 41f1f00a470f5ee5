// tests/unit/fetch/robots_test.cpp: robots.txt per RFC 9309, and the per-origin cache.
//
// The parsing cases follow the RFC's own examples (sections 2.2 and 5); the cache cases run
// against the loopback server so the 4xx / 5xx / unreachable rules are exercised end to end.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fetch/robots.hpp"
#include "support/loopback_server.hpp"
#include "temp_dir.hpp"

using syndcheck::fetch::RobotsCache;
using syndcheck::fetch::RobotsResponse;
using syndcheck::fetch::RobotsTxt;
using syndcheck::testing::LoopbackServer;
using syndcheck::testing::TempDir;

TEST_CASE("the group naming our token wins over '*', and same-token groups are merged", "[fetch]") {
  const char* text = "User-agent: *\n"
                     "Disallow: /\n"
                     "\n"
                     "User-agent: Googlebot\n"
                     "User-agent: SyndCheck/1.0\n"
                     "Disallow: /private/\n"
                     "Crawl-delay: 2.5\n"
                     "\n"
                     "User-agent: syndcheck\n"
                     "Disallow: /drafts/\n";
  const RobotsTxt robots = RobotsTxt::parse(text);
  CHECK(robots.matched_specific_group());
  CHECK(robots.allowed("/news/a.html"));
  CHECK_FALSE(robots.allowed("/private/x"));
  CHECK_FALSE(robots.allowed("/drafts/y"));
  REQUIRE(robots.crawl_delay().has_value());
  CHECK(robots.crawl_delay()->count() == 2500);

  SECTION("another crawler's token falls back to '*'") {
    const RobotsTxt other = RobotsTxt::parse(text, "otherbot");
    CHECK_FALSE(other.matched_specific_group());
    CHECK_FALSE(other.allowed("/news/a.html"));
    CHECK_FALSE(other.crawl_delay().has_value());
  }
}

TEST_CASE("longest match wins and Allow wins ties", "[fetch]") {
  const RobotsTxt robots = RobotsTxt::parse("user-agent: *\n"
                                            "disallow: /example/\n"
                                            "allow: /example/page/\n"
                                            "disallow: /example/page/disallowed.gif\n"
                                            "allow: /tie\n"
                                            "disallow: /tie\n");
  CHECK_FALSE(robots.allowed("/example/x"));
  CHECK(robots.allowed("/example/page/"));
  CHECK(robots.allowed("/example/page/a.html"));
  CHECK_FALSE(robots.allowed("/example/page/disallowed.gif"));
  CHECK(robots.allowed("/tie/x"));
  CHECK(robots.allowed("/other"));
}

TEST_CASE("'*' and '$' wildcards, query strings and percent-encoding", "[fetch]") {
  const RobotsTxt robots = RobotsTxt::parse("User-Agent: *  # everyone\n"
                                            "Disallow: /*.pdf$\n"
                                            "Disallow: /search?q=*&page=\n"
                                            "Disallow: /%e4%b8%ad\n"
                                            "Disallow: /news/*/print\n");
  SECTION("$ anchors the end") {
    CHECK_FALSE(robots.allowed("/files/report.pdf"));
    CHECK(robots.allowed("/files/report.pdf?download=1"));
    CHECK(robots.allowed("/files/report.pdfx"));
  }
  SECTION("* matches any run, including slashes") {
    CHECK_FALSE(robots.allowed("/news/2024/05/print"));
    CHECK_FALSE(robots.allowed("/news/x/printable"));
    CHECK(robots.allowed("/news/print"));
  }
  SECTION("query is part of the path matched") {
    CHECK_FALSE(robots.allowed("/search?q=war&page=2"));
    CHECK(robots.allowed("/search?q=war"));
  }
  SECTION("percent-encoding and raw UTF-8 compare equal") {
    CHECK_FALSE(robots.allowed("/%E4%B8%AD/x"));
    CHECK_FALSE(robots.allowed("/\xE4\xB8\xAD/x"));
  }
  SECTION("full URLs are accepted and /robots.txt is always allowed") {
    CHECK_FALSE(robots.allowed("https://site.example/a.pdf"));
    CHECK(robots.allowed("https://site.example/a.html#frag"));
    const RobotsTxt everything = RobotsTxt::parse("User-agent: *\nDisallow: /\n");
    CHECK(everything.allowed("/robots.txt"));
    CHECK_FALSE(everything.allowed("/"));
  }
}

TEST_CASE("odd files: CRLF, BOM, rules before any group, empty Disallow, sitemaps", "[fetch]") {
  const RobotsTxt robots = RobotsTxt::parse("\xEF\xBB\xBF"
                                            "Disallow: /orphan\r\n"
                                            "Sitemap: https://s.example/sitemap.xml\r\n"
                                            "User-agent: *\r\n"
                                            "Disallow:\r\n"
                                            "Crawl-delay: soon\r\n"
                                            "garbage line\r\n");
  CHECK(robots.allowed("/orphan"));
  CHECK(robots.allowed("/anything"));
  CHECK_FALSE(robots.crawl_delay().has_value());
  REQUIRE(robots.sitemaps().size() == 1);
  CHECK(robots.sitemaps()[0] == "https://s.example/sitemap.xml");
}

TEST_CASE("only the first 500 KiB of a robots.txt are read", "[fetch]") {
  std::string text = "User-agent: *\n";
  while (text.size() < syndcheck::fetch::k_robots_max_bytes) {
    text += "# padding padding padding padding padding padding padding\n";
  }
  text += "Disallow: /\n";
  CHECK(RobotsTxt::parse(text).allowed("/a"));
}

TEST_CASE("status codes decide alone: 4xx allows all, 5xx and no answer disallow all", "[fetch]") {
  using syndcheck::fetch::robots_from_response;
  CHECK(robots_from_response(RobotsResponse{404, ""}).allowed("/a"));
  CHECK(robots_from_response(RobotsResponse{403, ""}).allowed("/a"));
  CHECK_FALSE(robots_from_response(RobotsResponse{503, ""}).allowed("/a"));
  CHECK_FALSE(robots_from_response(RobotsResponse{0, ""}).allowed("/a"));
  CHECK(robots_from_response(RobotsResponse{0, ""}).source() == RobotsTxt::Source::unreachable);
  CHECK_FALSE(robots_from_response(RobotsResponse{200, "User-agent: *\nDisallow: /a\n"}).allowed("/a"));
}

TEST_CASE("url_origin keys by scheme, host and non-default port", "[fetch]") {
  using syndcheck::fetch::url_origin;
  CHECK(url_origin("HTTP://Example.ORG/a?b").value() == "http://example.org");
  CHECK(url_origin("https://example.org:443/").value() == "https://example.org");
  CHECK(url_origin("http://user@127.0.0.1:8080").value() == "http://127.0.0.1:8080");
  CHECK(url_origin("http://[::1]:81/x").value() == "http://[::1]:81");
  CHECK_FALSE(url_origin("ftp://example.org/").has_value());
  CHECK_FALSE(url_origin("/relative").has_value());
  CHECK(syndcheck::fetch::url_path_and_query("http://a.example") == "/");
  CHECK(syndcheck::fetch::url_path_and_query("http://a.example?x=1#f") == "/?x=1");
}

TEST_CASE("RobotsCache fetches robots.txt once per origin", "[fetch]") {
  SECTION("through a source, counted") {
    std::vector<std::string> asked;
    RobotsCache cache(
        [&](std::string_view url) {
          asked.emplace_back(url);
          return RobotsResponse{200, "User-agent: *\nDisallow: /private\n"};
        },
        "syndcheck");
    CHECK(cache.allowed("http://a.example/news").value());
    CHECK_FALSE(cache.allowed("http://a.example/private/1").value());
    CHECK(cache.allowed("http://b.example:8080/x").value());
    REQUIRE(asked.size() == 2);
    CHECK(asked[0] == "http://a.example/robots.txt");
    CHECK(asked[1] == "http://b.example:8080/robots.txt");
    CHECK_FALSE(cache.allowed("mailto:x@y").has_value());
  }
  SECTION("against the loopback server") {
    TempDir dir;
    dir.write("robots.txt", "User-agent: syndcheck\nDisallow: /copies/\n\nUser-agent: *\nDisallow: /\n");
    LoopbackServer server(dir.path());
    RobotsCache cache;
    CHECK(cache.allowed(server.url("/news/1.html")).value());
    CHECK_FALSE(cache.allowed(server.url("/copies/1.html")).value());
  }
  SECTION("a missing robots.txt (404) allows everything") {
    TempDir dir;
    LoopbackServer server(dir.path());
    RobotsCache cache;
    CHECK(cache.allowed(server.url("/anything")).value());
    const auto rules = cache.rules_for(server.url("/"));
    REQUIRE(rules.has_value());
    CHECK(rules->get().source() == RobotsTxt::Source::unavailable_4xx);
  }
  SECTION("an unreachable host disallows everything") {
    int port = 0;
    {
      TempDir dir;
      LoopbackServer server(dir.path());
      port = server.port();
    } // Closed: connections to this port are refused now.
    RobotsCache cache;
    CHECK_FALSE(cache.allowed("http://127.0.0.1:" + std::to_string(port) + "/a").value());
  }
}
