// tests/unit/fetch/fetcher_test.cpp: Fetcher over HTTP, against the loopback server only.
//
// Each case states one behaviour of the contract in fetch/fetcher.hpp; no test touches the internet.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fetch/fetcher.hpp"
#include "support/loopback_server.hpp"
#include "temp_dir.hpp"

using syndcheck::fetch::Fetcher;
using syndcheck::fetch::FetchFailure;
using syndcheck::fetch::FetchOptions;
using syndcheck::testing::LoopbackServer;
using syndcheck::testing::TempDir;

namespace {

constexpr const char* k_page = "<!doctype html><html><head><title>T</title></head><body><p>Hello.</p></body></html>\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("a 200 page comes back with its body, status and content type", "[fetch]") {
  TempDir dir;
  dir.write("news/a.html", k_page);
  dir.write("notes.txt", "plain words\n");
  LoopbackServer server(dir.path());
  Fetcher fetcher;

  SECTION("html") {
    const auto page = fetcher.get(server.url("/news/a.html"));
    REQUIRE(page.has_value());
    CHECK(page->http_status == 200);
    CHECK(page->body == k_page);
    CHECK(page->content_type == "text/html; charset=utf-8");
    CHECK(page->requested_url == server.url("/news/a.html"));
    CHECK(page->final_url == server.url("/news/a.html"));
    CHECK(page->x_robots_tag.empty());
  }
  SECTION("plain text") {
    const auto page = fetcher.get(server.url("/notes.txt"));
    REQUIRE(page.has_value());
    CHECK(page->body == "plain words\n");
    CHECK(page->content_type == "text/plain; charset=utf-8");
  }
}

TEST_CASE("a .headers fixture sets the content type and X-Robots-Tag values are joined", "[fetch]") {
  TempDir dir;
  dir.write("ru.html", "<html><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>");
  dir.write("ru.html.headers",
            "Content-Type: text/html; charset=windows-1251\nX-Robots-Tag: noindex\nX-Robots-Tag: nofollow\n");
  LoopbackServer server(dir.path());
  Fetcher fetcher;
  const auto page = fetcher.get(server.url("/ru.html"));
  REQUIRE(page.has_value());
  CHECK(page->content_type == "text/html; charset=windows-1251");
  CHECK(page->x_robots_tag == "noindex, nofollow");
  CHECK(page->body.find("\xcf\xf0\xe8\xe2\xe5\xf2") != std::string::npos); // raw bytes, not decoded
}

TEST_CASE("redirects are followed and final_url names where the page came from", "[fetch]") {
  TempDir dir;
  dir.write("target.html", k_page);
  LoopbackServer server(dir.path());
  Fetcher fetcher;

  SECTION("one redirect") {
    const std::string start = server.url("/_test/redirect?to=%2Ftarget.html");
    const auto page = fetcher.get(start);
    REQUIRE(page.has_value());
    CHECK(page->requested_url == start);
    CHECK(page->final_url == server.url("/target.html"));
    CHECK(page->http_status == 200);
    CHECK(page->body == k_page);
  }
  SECTION("a chain as long as the limit") {
    const auto page = fetcher.get(server.url("/_test/redirect-chain/10"));
    REQUIRE(page.has_value());
    CHECK(page->final_url == server.url("/_test/redirect-chain/0"));
  }
}

TEST_CASE("a redirect loop or a chain over the limit fails with redirect_loop", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());

  SECTION("loop") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/_test/redirect-loop"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::redirect_loop);
    CHECK(page.error().detail == "too many redirects (10)");
  }
  SECTION("chain one longer than max_redirects") {
    FetchOptions options;
    options.max_redirects = 3;
    Fetcher fetcher(options);
    CHECK(fetcher.get(server.url("/_test/redirect-chain/3")).has_value());
    const auto page = fetcher.get(server.url("/_test/redirect-chain/4"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::redirect_loop);
    CHECK(page.error().detail == "too many redirects (3)");
  }
}

TEST_CASE("HTTP error statuses fail with http_status and name the status", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  Fetcher fetcher;

  SECTION("missing file") {
    const std::string url = server.url("/missing.html");
    const auto page = fetcher.get(url);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::http_status);
    CHECK(page.error().detail == "HTTP 404 Not Found");
    CHECK(page.error().url == url);
    CHECK(syndcheck::fetch::describe(page.error()) == url + ": HTTP 404 Not Found");
  }
  SECTION("server error") {
    const auto page = fetcher.get(server.url("/_test/status/503"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::http_status);
    CHECK(page.error().detail.starts_with("HTTP 503"));
  }
  SECTION("a redirect to a missing page") {
    const auto page = fetcher.get(server.url("/_test/redirect?to=%2Fgone.html"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::http_status);
  }
}

TEST_CASE("a response slower than total_timeout fails with timeout, promptly", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  FetchOptions options;
  options.total_timeout = std::chrono::milliseconds(300);
  Fetcher fetcher(options);
  const auto start = std::chrono::steady_clock::now();
  const auto page = fetcher.get(server.url("/_test/slow?ms=5000"));
  const double elapsed = seconds_since(start);
  REQUIRE_FALSE(page.has_value());
  CHECK(page.error().failure == FetchFailure::timeout);
  CHECK(page.error().detail.starts_with("timeout after 300 ms"));
  CHECK(elapsed < 2.0);
}

TEST_CASE("a body over max_body_bytes fails with too_large while streaming", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());

  SECTION("50 MiB chunked against the default 10 MiB cap") {
    Fetcher fetcher;
    const auto start = std::chrono::steady_clock::now();
    const auto page = fetcher.get(server.url("/_test/big?mb=50"));
    const double elapsed = seconds_since(start);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::too_large);
    CHECK(page.error().detail == "body exceeds 10 MiB");
    CHECK(elapsed < 5.0); // 50 MiB would be read in full without the streaming cap.
  }
  SECTION("declared Content-Length over the cap is refused before the body") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/_test/big?mb=50&declared=1"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::too_large);
  }
  SECTION("a body exactly at the cap is accepted") {
    FetchOptions options;
    options.max_body_bytes = 2 * 1024 * 1024;
    Fetcher fetcher(options);
    const auto page = fetcher.get(server.url("/_test/big?mb=2"));
    REQUIRE(page.has_value());
    CHECK(page->body.size() == 2U * 1024 * 1024);
  }
  SECTION("the fetcher stays usable after an abandoned transfer") {
    dir.write("small.html", k_page);
    Fetcher fetcher;
    REQUIRE_FALSE(fetcher.get(server.url("/_test/big?mb=20")).has_value());
    const auto page = fetcher.get(server.url("/small.html"));
    REQUIRE(page.has_value());
    CHECK(page->body == k_page);
  }
}

TEST_CASE("non-text content types fail with unsupported_type when text is required", "[fetch]") {
  TempDir dir;
  dir.write("blob", std::string("\x00\x01\x02\x03 binary \x00\xff", 14));
  dir.write("words", "just words, served as application/octet-stream\n");
  LoopbackServer server(dir.path());

  SECTION("pdf") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/_test/pdf"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::unsupported_type);
    CHECK(page.error().detail == "unsupported content type application/pdf");
  }
  SECTION("pdf accepted when require_text is off") {
    FetchOptions options;
    options.require_text = false;
    Fetcher fetcher(options);
    const auto page = fetcher.get(server.url("/_test/pdf"));
    REQUIRE(page.has_value());
    CHECK(page->body.starts_with("%PDF-1.4"));
    CHECK(page->content_type == "application/pdf");
  }
  SECTION("octet-stream that sniffs as binary") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/blob"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::unsupported_type);
  }
  SECTION("octet-stream that sniffs as text is accepted") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/words"));
    REQUIRE(page.has_value());
    CHECK(page->content_type == "application/octet-stream");
  }
}

TEST_CASE("a gzip-encoded body arrives decoded", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());
  Fetcher fetcher;
  const auto page = fetcher.get(server.url("/_test/gzip"));
  REQUIRE(page.has_value());
  CHECK(page->body.starts_with("<!doctype html>"));
  CHECK(page->body.find("This page was sent gzip-encoded.") != std::string::npos);
}

TEST_CASE("requests carry the syndcheck User-Agent unless one is configured", "[fetch]") {
  TempDir dir;
  LoopbackServer server(dir.path());

  SECTION("default") {
    Fetcher fetcher;
    const auto page = fetcher.get(server.url("/_test/headers"));
    REQUIRE(page.has_value());
    CHECK(page->body.find("User-Agent: syndcheck/") != std::string::npos);
    CHECK(page->body.find("(+https://github.com/syndcheck)") != std::string::npos);
    CHECK(page->body.find("Accept-Encoding: ") != std::string::npos);
  }
  SECTION("configured") {
    FetchOptions options;
    options.user_agent = "TestAgent/1.0";
    Fetcher fetcher(options);
    const auto page = fetcher.get(server.url("/_test/headers"));
    REQUIRE(page.has_value());
    CHECK(page->body.find("User-Agent: TestAgent/1.0\n") != std::string::npos);
  }
}

TEST_CASE("a closed port fails with connect", "[fetch]") {
  TempDir dir;
  std::string url;
  {
    LoopbackServer server(dir.path()); // Take a port that was free, then free it again.
    url = server.url("/a.html");
  }
  Fetcher fetcher;
  const auto page = fetcher.get(url);
  REQUIRE_FALSE(page.has_value());
  CHECK(page.error().failure == FetchFailure::connect);
  CHECK_FALSE(page.error().detail.empty());
}

TEST_CASE("URLs that cannot be fetched fail with invalid_url", "[fetch]") {
  Fetcher fetcher;
  SECTION("other scheme") {
    const auto page = fetcher.get("ftp://example.org/file.html");
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
    CHECK(page.error().url == "ftp://example.org/file.html");
  }
  SECTION("mailto") {
    const auto page = fetcher.get("mailto:editor@example.org");
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
  SECTION("http without a host") {
    const auto page = fetcher.get("http://");
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
  SECTION("http with a single slash") {
    const auto page = fetcher.get("http:/example.org/a");
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
  SECTION("empty") {
    const auto page = fetcher.get("");
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
}

TEST_CASE("get() reads paths and file:// URLs from disk", "[fetch]") {
  TempDir dir;
  const auto file = dir.write("local.html", k_page);
  Fetcher fetcher;
  SECTION("path") {
    const auto page = fetcher.get(file.string());
    REQUIRE(page.has_value());
    CHECK(page->body == k_page);
    CHECK(page->http_status == 0);
    CHECK(page->final_url == "file://" + file.string());
  }
  SECTION("file URL") {
    const auto page = fetcher.get("file://" + file.string());
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/html");
  }
  SECTION("a path whose first segment looks like a scheme") {
    const auto odd = dir.write("notes:v2.html", k_page);
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    const auto page = fetcher.get("notes:v2.html");
    std::filesystem::current_path(cwd);
    REQUIRE(page.has_value());
    CHECK(page->final_url == "file://" + odd.string());
  }
}

TEST_CASE("a Fetcher keeps working after being moved", "[fetch]") {
  TempDir dir;
  dir.write("a.html", k_page);
  LoopbackServer server(dir.path());
  Fetcher first;
  REQUIRE(first.get(server.url("/a.html")).has_value());
  Fetcher second(std::move(first));
  REQUIRE(second.get(server.url("/a.html")).has_value());
  Fetcher third;
  third = std::move(second);
  CHECK(third.get(server.url("/a.html")).has_value());
}

TEST_CASE("is_http_url accepts http and https in any case only", "[fetch]") {
  using syndcheck::fetch::is_http_url;
  CHECK(is_http_url("http://example.org/"));
  CHECK(is_http_url("HTTPS://example.org/"));
  CHECK_FALSE(is_http_url("file:///tmp/a.html"));
  CHECK_FALSE(is_http_url("/tmp/http://x"));
  CHECK_FALSE(is_http_url("ftp://example.org/"));
  CHECK_FALSE(is_http_url("http:/example.org"));
}

TEST_CASE("describe() gives one line naming the URL", "[fetch]") {
  const syndcheck::fetch::FetchError error{FetchFailure::timeout, "https://example.org/a",
                                           "timeout after 30 s\n(detail)"};
  CHECK(syndcheck::fetch::describe(error) == "https://example.org/a: timeout after 30 s (detail)");
  CHECK(std::string(syndcheck::fetch::to_string(FetchFailure::too_large)) == "too-large");
}

TEST_CASE("the loopback server stops promptly with a slow response in flight", "[fetch]") {
  TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  {
    LoopbackServer server(dir.path());
    FetchOptions options;
    options.total_timeout = std::chrono::milliseconds(200);
    Fetcher fetcher(options);
    REQUIRE_FALSE(fetcher.get(server.url("/_test/slow?ms=20000")).has_value());
  } // ~LoopbackServer runs while the handler is still asleep (20 s).
  CHECK(seconds_since(start) < 4.0);
}

TEST_CASE("a server that never accepts the connection fails with a connect timeout", "[fetch]") {
  // A listener with a full accept queue: Linux drops further SYNs, so connect() hangs as it would
  // for a black-holed host, without leaving loopback.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), length) == 0);
  REQUIRE(::listen(listener, 0) == 0);
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) { // Enough to fill a backlog of 0 (Linux queues backlog + 1).
    const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    (void)::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
    fillers.push_back(s);
  }
  FetchOptions options;
  options.connect_timeout = std::chrono::milliseconds(300);
  options.total_timeout = std::chrono::milliseconds(5000);
  Fetcher fetcher(options);
  const auto start = std::chrono::steady_clock::now();
  const auto page = fetcher.get("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/a.html");
  const double elapsed = seconds_since(start);
  for (const int s : fillers) {
    ::close(s);
  }
  ::close(listener);
  REQUIRE_FALSE(page.has_value());
  CHECK(page.error().failure == FetchFailure::timeout);
  CHECK(page.error().detail.starts_with("connect timeout after 300 ms"));
  CHECK(elapsed < 3.0);
}
