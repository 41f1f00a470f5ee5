// tests/unit/fetch/local_file_test.cpp: read_local() on paths and file:// URLs.
//
// Every case works in its own temporary directory; the body cap is exercised with small caps.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "fetch/fetcher.hpp"
#include "temp_dir.hpp"

using syndcheck::fetch::FetchFailure;
using syndcheck::fetch::FetchOptions;
using syndcheck::fetch::read_local;
using syndcheck::testing::TempDir;

TEST_CASE("read_local infers the content type from .html, .htm and .txt", "[fetch]") {
  TempDir dir;
  const FetchOptions options;
  SECTION(".html") {
    const auto file = dir.write("a.html", "<p>x</p>");
    const auto page = read_local(file.string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/html");
    CHECK(page->body == "<p>x</p>");
    CHECK(page->http_status == 0);
    CHECK(page->requested_url == file.string());
    CHECK(page->final_url == "file://" + file.string());
  }
  SECTION(".HTM in upper case") {
    const auto page = read_local(dir.write("B.HTM", "plain even so").string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/html");
  }
  SECTION(".txt") {
    const auto page = read_local(dir.write("c.txt", "<not html, the extension wins>").string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/plain");
  }
}

TEST_CASE("read_local sniffs other extensions", "[fetch]") {
  TempDir dir;
  FetchOptions options;
  SECTION("markup after a BOM and whitespace is html") {
    const auto page = read_local(dir.write("page.php", "\xEF\xBB\xBF \n <!doctype html><p>x</p>").string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/html");
  }
  SECTION("words are plain text, in any 8-bit charset") {
    const auto page = read_local(dir.write("story", "\xcf\xf0\xe8\xe2\xe5\xf2, words\n").string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "text/plain");
  }
  SECTION("binary is refused when text is required") {
    const auto file = dir.write("image.png", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16));
    const auto page = read_local(file.string(), options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::unsupported_type);
  }
  SECTION("binary is returned when text is not required") {
    options.require_text = false;
    const auto page =
        read_local(dir.write("image.png", std::string("\x89PNG\r\n\x1a\n\x00\x00", 10)).string(), options);
    REQUIRE(page.has_value());
    CHECK(page->content_type == "application/octet-stream");
    CHECK(page->body.size() == 10);
  }
}

TEST_CASE("read_local accepts file:// URLs and percent-decodes their path", "[fetch]") {
  TempDir dir;
  const FetchOptions options;
  const auto file = dir.write("with space/\xd1\x81.html", "<p>ok</p>");
  const std::string parent = (dir.path() / "with space").string();
  SECTION("file:///path with %20") {
    const auto page = read_local("file://" + dir.path().string() + "/with%20space/%D1%81.html", options);
    REQUIRE(page.has_value());
    CHECK(page->body == "<p>ok</p>");
    // final_url encodes the space so it parses as one URL, and leaves UTF-8 readable.
    CHECK(page->final_url == "file://" + dir.path().string() + "/with%20space/\xd1\x81.html");
  }
  SECTION("file://localhost/path") {
    CHECK(read_local("file://localhost" + dir.path().string() + "/with%20space/%D1%81.html", options).has_value());
  }
  SECTION("final_url reads back to the same file") {
    const auto first = read_local(file.string(), options);
    REQUIRE(first.has_value());
    const auto second = read_local(first->final_url, options);
    REQUIRE(second.has_value());
    CHECK(second->body == first->body);
  }
  SECTION("a remote host is refused") {
    const auto page = read_local("file://example.org/etc/hosts", options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
}

TEST_CASE("read_local reports missing files, directories and empty input", "[fetch]") {
  TempDir dir;
  const FetchOptions options;
  SECTION("missing") {
    const std::string missing = (dir.path() / "missing.html").string();
    const auto page = read_local(missing, options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::io);
    CHECK(page.error().url == missing);
    CHECK(syndcheck::fetch::describe(page.error()) == missing + ": no such file");
  }
  SECTION("directory") {
    const auto page = read_local(dir.path().string(), options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::io);
    CHECK(page.error().detail == "is a directory");
  }
  SECTION("empty") {
    const auto page = read_local("", options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::invalid_url);
  }
}

TEST_CASE("read_local applies the body cap", "[fetch]") {
  TempDir dir;
  FetchOptions options;
  options.max_body_bytes = 1024;
  SECTION("over the cap") {
    const auto page = read_local(dir.write("big.html", std::string(1025, 'x')).string(), options);
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().failure == FetchFailure::too_large);
    CHECK(page.error().detail.starts_with("file exceeds 1 KiB"));
  }
  SECTION("exactly at the cap") {
    const auto page = read_local(dir.write("fits.html", std::string(1024, 'x')).string(), options);
    REQUIRE(page.has_value());
    CHECK(page->body.size() == 1024);
  }
  SECTION("empty file") {
    const auto page = read_local(dir.write("empty.txt", "").string(), options);
    REQUIRE(page.has_value());
    CHECK(page->body.empty());
  }
}
