// fetch/fetcher.hpp: download one URL (or read one local file) into memory, within bounds.
//
// The only file that includes <curl/curl.h> is fetcher.cpp. Callers get `FetchedPage` values or
// `FetchError`s, never CURL handles, so extract/, rules/ and report/ are tested without a network.

#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syndcheck::fetch {

struct FetchOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};
  std::uint64_t max_body_bytes = 10 * 1024 * 1024; // Larger bodies fail with `too_large`, while streaming.
  long max_redirects = 10;
  bool require_text = true; // Refuse content types that are not HTML or plain text (PDF, images...).
  std::string user_agent;   // Empty: "syndcheck/<version>".
};

struct FetchedPage {
  std::string requested_url;
  std::string final_url;    // After redirects; file:// URL for local files.
  long http_status = 0;     // 0 for local files.
  std::string content_type; // As sent, e.g. "text/html; charset=windows-1251"; inferred for files.
  std::string x_robots_tag; // X-Robots-Tag header value(s), comma-joined; empty if none.
  std::string body;         // Raw bytes (decompressed); decoding is text/'s job.
  // Filled by MultiFetcher (evidence and conditional GET); Fetcher leaves them empty.
  std::vector<std::pair<std::string, std::string>> headers; // Final response's headers, in order.
  std::string etag;                                         // ETag as sent (with quotes), for If-None-Match next time.
  std::string last_modified;                                // Last-Modified as sent, for If-Modified-Since next time.
  std::string reason;                                       // Reason phrase of the final status line; empty on HTTP/2.
};

enum class FetchFailure {
  invalid_url,
  dns,
  connect,
  tls,
  timeout,
  too_large,
  redirect_loop,    // also "too many redirects"
  http_status,      // 4xx/5xx
  unsupported_type, // not HTML or text
  io,               // local file cannot be read
  other,
  robots_disallowed, // MultiFetcher with robots checking: robots.txt forbids this URL
};
const char* to_string(FetchFailure failure);

struct FetchError {
  FetchFailure failure;
  std::string url;
  std::string detail; // One line for humans, e.g. "HTTP 404 Not Found".
};

std::string describe(const FetchError& error); // "<url>: timeout after 30 s"

// Reads a local path or file:// URL. `.html`/`.htm` are text/html, `.txt` text/plain; other
// extensions are sniffed. The body cap applies.
std::expected<FetchedPage, FetchError> read_local(std::string_view path_or_file_url, const FetchOptions& options);

// True if `input` is an http(s) URL (case-insensitive scheme).
bool is_http_url(std::string_view input);

// Reuses connections across calls; movable, not thread-safe: one per worker.
class Fetcher {
public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(Fetcher&&) noexcept;
  Fetcher& operator=(Fetcher&&) noexcept;
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // http(s) URLs through libcurl; file:// URLs and paths through read_local().
  std::expected<FetchedPage, FetchError> get(std::string_view url_or_path);

private:
  struct Impl; // Keeps libcurl out of this header.
  FetchOptions m_options;
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::fetch
