// tests/unit/fetch/multi_fetcher_test.cpp: MultiFetcher against the loopback server only.
//
// Limits are checked where they are observable without timing (the server counts requests in
// flight); delays are checked only as lower bounds, never upper ones, which would be flaky on a
// shared 2-core machine.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "fetch/fetcher.hpp"
#include "fetch/multi_fetcher.hpp"
#include "support/loopback_server.hpp"
#include "temp_dir.hpp"

using syndcheck::fetch::Fetcher;
using syndcheck::fetch::FetchFailure;
using syndcheck::fetch::FetchOutcome;
using syndcheck::fetch::FetchRequest;
using syndcheck::fetch::MultiFetcher;
using syndcheck::fetch::MultiFetchOptions;
using syndcheck::fetch::OutcomeKind;
using syndcheck::testing::LoopbackServer;
using syndcheck::testing::TempDir;

namespace {

constexpr const char* k_page = "<!doctype html><html><head><title>T</title></head><body><p>Hello.</p></body></html>\n";

// Fast settings: no politeness delay and short backoff, so tests run in well under a second
// unless they are about delays.
MultiFetchOptions fast_options() {
  MultiFetchOptions o;
  o.per_host_delay = std::chrono::milliseconds(0);
  o.retry_backoff = std::chrono::milliseconds(20);
  return o;
}

std::map<std::string, FetchOutcome> run(MultiFetcher& fetcher, const std::vector<std::string>& urls) {
  std::vector<FetchRequest> requests;
  for (const auto& url : urls) {
    requests.push_back(FetchRequest{url, {}, {}});
  }
  std::map<std::string, FetchOutcome> out;
  int calls = 0;
  fetcher.fetch_all(requests, [&](FetchOutcome outcome) {
    ++calls;
    out.emplace(outcome.request.url, std::move(outcome));
  });
  CHECK(calls == static_cast<int>(urls.size()));
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The loopback server's "<requests> <max in flight>" for a key.
std::pair<long, long> server_count(LoopbackServer& server, const std::string& key) {
  Fetcher fetcher;
  const auto page = fetcher.get(server.url("/_test/count?key=" + key));
  REQUIRE(page.has_value());
  const auto space = page->body.find(' ');
  return {std::stol(page->body.substr(0, space)), std::stol(page->body.substr(space + 1))};
}

int closed_port() {
  TempDir dir;
  LoopbackServer server(dir.path());
  return server.port();
}

} // namespace

TEST_CASE("every URL of a batch gets one outcome, whatever its host does", "[fetch]") {
  TempDir dir;
  dir.write("a.html", k_page);
  dir.write("b.html", k_page);
  LoopbackServer one(dir.path());
  LoopbackServer two(dir.path());
  const std::string refused = "http://127.0.0.1:" + std::to_string(closed_port()) + "/x.html";
  MultiFetcher fetcher(fast_options());
  const auto out = run(fetcher, {one.url("/a.html"), two.url("/b.html"), one.url("/missing.html"), refused, "not a url",
                                 one.url("/_test/pdf")});
  REQUIRE(out.size() == 6);

  const FetchOutcome& a = out.at(one.url("/a.html"));
  CHECK(a.kind == OutcomeKind::fetched);
  REQUIRE(a.result.has_value());
  CHECK(a.result->body == k_page);
  CHECK(a.result->http_status == 200);
  CHECK(a.result->content_type == "text/html; charset=utf-8");
  CHECK(a.attempts == 1);
  CHECK_FALSE(a.result->headers.empty());
  CHECK(out.at(two.url("/b.html")).kind == OutcomeKind::fetched);

  const FetchOutcome& missing = out.at(one.url("/missing.html"));
  CHECK(missing.kind == OutcomeKind::failed);
  CHECK(missing.http_status == 404);
  REQUIRE_FALSE(missing.result.has_value());
  CHECK(missing.result.error().failure == FetchFailure::http_status);
  CHECK(missing.attempts == 1); // 4xx is not retried.

  CHECK(out.at(refused).result.error().failure == FetchFailure::connect);
  CHECK(out.at("not a url").result.error().failure == FetchFailure::invalid_url);
  CHECK(out.at("not a url").attempts == 0);
  CHECK(out.at(one.url("/_test/pdf")).result.error().failure == FetchFailure::unsupported_type);
}

TEST_CASE("concurrency limits hold, per host and overall", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  SECTION("per host") {
    MultiFetchOptions o = fast_options();
    o.per_host_concurrency = 2;
    MultiFetcher fetcher(o);
    std::vector<std::string> urls;
    for (int i = 0; i < 6; ++i) {
      urls.push_back(server.url("/_test/concurrent?key=host&ms=200&i=" + std::to_string(i)));
    }
    const auto out = run(fetcher, urls);
    const auto [count, max_in_flight] = server_count(server, "host");
    CHECK(count == 6);
    CHECK(max_in_flight <= 2);
    CHECK(max_in_flight >= 1);
  }
  SECTION("overall, below the per-host limit") {
    MultiFetchOptions o = fast_options();
    o.per_host_concurrency = 10;
    o.max_concurrency = 3;
    MultiFetcher fetcher(o);
    std::vector<std::string> urls;
    for (int i = 0; i < 8; ++i) {
      urls.push_back(server.url("/_test/concurrent?key=all&ms=200&i=" + std::to_string(i)));
    }
    run(fetcher, urls);
    const auto [count, max_in_flight] = server_count(server, "all");
    CHECK(count == 8);
    CHECK(max_in_flight <= 3);
    CHECK(max_in_flight >= 2); // Transfers really overlap: 8 x 200 ms held, 3 allowed at once.
  }
}

TEST_CASE("the per-host delay spaces requests to one host", "[fetch]") {
  TempDir dir;
  dir.write("a.html", k_page);
  LoopbackServer server(dir.path());
  MultiFetchOptions o = fast_options();
  o.per_host_delay = std::chrono::milliseconds(300);
  MultiFetcher fetcher(o);
  const auto start = std::chrono::steady_clock::now();
  const auto out = run(fetcher, {server.url("/a.html?1"), server.url("/a.html?2"), server.url("/a.html?3")});
  CHECK(seconds_since(start) >= 0.6); // Three starts, two gaps of at least 300 ms.
  for (const auto& [url, outcome] : out) {
    CHECK(outcome.kind == OutcomeKind::fetched);
  }
}

TEST_CASE("5xx answers are retried with backoff, up to max_retries", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  MultiFetcher fetcher(fast_options());
  SECTION("503 twice then 200: fetched on the third attempt") {
    const std::string url = server.url("/_test/flaky?key=two&fail=2");
    const auto out = run(fetcher, {url});
    const FetchOutcome& o = out.at(url);
    CHECK(o.kind == OutcomeKind::fetched);
    CHECK(o.attempts == 3);
    CHECK(server_count(server, "two").first == 3);
  }
  SECTION("503 three times: fails after 1 + 2 attempts, with the status") {
    const std::string url = server.url("/_test/flaky?key=three&fail=3");
    const auto out = run(fetcher, {url});
    const FetchOutcome& o = out.at(url);
    CHECK(o.kind == OutcomeKind::failed);
    CHECK(o.http_status == 503);
    CHECK(o.attempts == 3);
    CHECK(o.result.error().failure == FetchFailure::http_status);
    CHECK(server_count(server, "three").first == 3);
  }
  SECTION("max_retries 0 means one attempt") {
    MultiFetchOptions opts = fast_options();
    opts.max_retries = 0;
    MultiFetcher once(opts);
    const std::string url = server.url("/_test/flaky?key=zero&fail=1");
    CHECK(run(once, {url}).at(url).attempts == 1);
  }
  SECTION("timeouts are retried too") {
    MultiFetchOptions opts = fast_options();
    opts.fetch.total_timeout = std::chrono::milliseconds(200);
    opts.max_retries = 1;
    MultiFetcher quick(opts);
    const std::string url = server.url("/_test/slow?ms=2000");
    const auto out = run(quick, {url});
    CHECK(out.at(url).attempts == 2);
    CHECK(out.at(url).result.error().failure == FetchFailure::timeout);
  }
}

TEST_CASE("Retry-After is honoured, in seconds or as an HTTP-date", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  MultiFetcher fetcher(fast_options()); // Backoff 20 ms: only Retry-After can explain a longer wait.
  SECTION("seconds") {
    const std::string url = server.url("/_test/flaky?key=ra&fail=1&retry-after=1");
    const auto start = std::chrono::steady_clock::now();
    const auto out = run(fetcher, {url});
    CHECK(seconds_since(start) >= 1.0);
    CHECK(out.at(url).kind == OutcomeKind::fetched);
    CHECK(out.at(url).attempts == 2);
  }
  SECTION("an HTTP-date in the past means retry now") {
    const std::string url =
        server.url("/_test/flaky?key=date&fail=1&retry-after=Sun,%2006%20Nov%201994%2008:49:37%20GMT");
    const auto out = run(fetcher, {url});
    CHECK(out.at(url).kind == OutcomeKind::fetched);
    CHECK(out.at(url).attempts == 2);
  }
}

TEST_CASE("conditional GET: a 304 is its own outcome, and validators come back", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  MultiFetcher fetcher(fast_options());
  const std::string url = server.url("/_test/conditional?etag=v7");
  std::vector<FetchOutcome> outcomes;
  const auto collect = [&](FetchOutcome o) { outcomes.push_back(std::move(o)); };

  fetcher.fetch_all({FetchRequest{url, {}, {}}}, collect);
  REQUIRE(outcomes.size() == 1);
  REQUIRE(outcomes[0].kind == OutcomeKind::fetched);
  const std::string etag = outcomes[0].result->etag;
  const std::string last_modified = outcomes[0].result->last_modified;
  CHECK(etag == "\"v7\"");
  CHECK(last_modified == "Tue, 14 May 2024 10:00:00 GMT");

  SECTION("If-None-Match") {
    fetcher.fetch_all({FetchRequest{url, etag, {}}}, collect);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[1].kind == OutcomeKind::not_modified);
    REQUIRE(outcomes[1].result.has_value());
    CHECK(outcomes[1].result->http_status == 304);
    CHECK(outcomes[1].result->body.empty());
  }
  SECTION("If-Modified-Since") {
    fetcher.fetch_all({FetchRequest{url, {}, last_modified}}, collect);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[1].kind == OutcomeKind::not_modified);
  }
  SECTION("a stale validator gets the page") {
    fetcher.fetch_all({FetchRequest{url, "\"v6\"", {}}}, collect);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[1].kind == OutcomeKind::fetched);
  }
}

TEST_CASE("robots.txt is consulted once per origin when asked to", "[fetch]") {
  TempDir dir;
  dir.write("robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n");
  dir.write("news/a.html", k_page);
  dir.write("news/b.html", k_page);
  dir.write("private/c.html", k_page);
  LoopbackServer server(dir.path());
  MultiFetchOptions o = fast_options();
  o.check_robots = true;
  MultiFetcher fetcher(o);
  const auto start = std::chrono::steady_clock::now();
  const auto out =
      run(fetcher, {server.url("/news/a.html"), server.url("/news/b.html"), server.url("/private/c.html")});
  const double elapsed = seconds_since(start);
  CHECK(out.at(server.url("/news/a.html")).kind == OutcomeKind::fetched);
  CHECK(out.at(server.url("/news/b.html")).kind == OutcomeKind::fetched);
  const FetchOutcome& c = out.at(server.url("/private/c.html"));
  CHECK(c.kind == OutcomeKind::failed);
  CHECK(c.result.error().failure == FetchFailure::robots_disallowed);
  CHECK(c.attempts == 0);
  CHECK(fetcher.robots().size() == 1);
  // Crawl-delay 0.3 s raised the zero per-host delay: robots.txt, a, b start 300 ms apart.
  CHECK(elapsed >= 0.6);

  SECTION("without check_robots, robots.txt is not applied") {
    MultiFetcher plain(fast_options());
    const auto again = run(plain, {server.url("/private/c.html")});
    CHECK(again.at(server.url("/private/c.html")).kind == OutcomeKind::fetched);
  }
}

TEST_CASE("a robots.txt that answers 5xx disallows the whole origin", "[fetch]") {
  TempDir dir;
  dir.write("robots.txt", "ignored");
  dir.write("robots.txt.headers", "X-Unused: 1\n");
  dir.write("a.html", k_page);
  LoopbackServer server(dir.path());
  MultiFetchOptions o = fast_options();
  o.check_robots = true;
  MultiFetcher fetcher(o);
  // Pre-seeded decisions are used as is: stand in a 5xx answer for this origin.
  fetcher.robots().store(syndcheck::fetch::url_origin(server.url("/")).value(),
                         syndcheck::fetch::robots_from_response({503, ""}));
  const auto out = run(fetcher, {server.url("/a.html")});
  CHECK(out.at(server.url("/a.html")).result.error().failure == FetchFailure::robots_disallowed);
  CHECK(out.at(server.url("/a.html")).result.error().detail.find("5xx") != std::string::npos);
}

TEST_CASE("the per-host time budget fails what is left, and the body cap applies", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  SECTION("budget") {
    MultiFetchOptions o = fast_options();
    o.per_host_budget = std::chrono::milliseconds(300);
    o.per_host_concurrency = 1;
    o.max_retries = 0;
    MultiFetcher fetcher(o);
    const auto out = run(fetcher, {server.url("/_test/slow?ms=3000&1"), server.url("/_test/slow?ms=3000&2")});
    for (const auto& [url, outcome] : out) {
      CHECK(outcome.kind == OutcomeKind::failed);
      CHECK(outcome.result.error().failure == FetchFailure::timeout);
    }
    INFO(syndcheck::fetch::describe(out.at(server.url("/_test/slow?ms=3000&2")).result.error()));
    CHECK(out.at(server.url("/_test/slow?ms=3000&2")).attempts == 0); // Never started.
  }
  SECTION("body cap") {
    MultiFetchOptions o = fast_options();
    o.fetch.max_body_bytes = 1024 * 1024;
    MultiFetcher fetcher(o);
    const std::string url = server.url("/_test/big?mb=2");
    CHECK(run(fetcher, {url}).at(url).result.error().failure == FetchFailure::too_large);
  }
}
