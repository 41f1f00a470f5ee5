// fetch/fetcher.cpp: Fetcher over one reused libcurl easy handle; the only file with <curl/curl.h>.
//
// Rule: every bound (body size, redirects, time, protocols) is enforced by the transfer itself,
// while it runs: an oversized or unwanted body is abandoned from the callbacks, not after the fact.
#include "fetch/fetcher.hpp"
#include "fetch/curl_shared.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <vector>

#include "fetch/content_sniff.hpp"

#ifndef SYNDCHECK_VERSION
#define SYNDCHECK_VERSION "0.0.0"
#endif

namespace syndcheck::fetch {
namespace {

using detail::ensure_curl_global_init;
using detail::format_duration;
using detail::is_tls_error;
using detail::trim;

// X-Robots-Tag values kept per response: real pages send one or two; the cap only stops a
// hostile server from growing the string without bound.
constexpr std::size_t k_max_robots_bytes = 4096;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

// The scheme of `input` if it starts with one (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
// then ':'); empty otherwise. One-letter schemes are not taken as schemes ("C:" drive letters).
std::string scheme_of(std::string_view input) {
  const auto colon = input.find(':');
  if (colon == std::string_view::npos || colon < 2) {
    return {};
  }
  const std::string_view scheme = input.substr(0, colon);
  if (std::isalpha(static_cast<unsigned char>(scheme.front())) == 0) {
    return {};
  }
  for (const char c : scheme) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') {
      return {};
    }
  }
  std::string out(scheme);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Why the callbacks stopped a transfer (libcurl only reports CURLE_WRITE_ERROR).
enum class Abort { none, too_large, unsupported_type, http_status };

// State of one get(): reset at each call, and partly at each response of a redirect chain.
struct Transfer {
  CURL* handle = nullptr;
  const FetchOptions* options = nullptr;
  std::string body;
  std::string content_type;
  std::string x_robots_tag;
  std::string reason; // Reason phrase of the last status line ("Not Found"); empty on HTTP/2.
  bool has_location = false;
  bool has_content_encoding = false;
  Abort abort = Abort::none;
  long status = 0;
};

void on_header(Transfer& t, std::string_view line) {
  if (starts_with_ci(line, "HTTP/")) {
    // A new response: a redirect's headers must not leak into the final page's.
    t.content_type.clear();
    t.x_robots_tag.clear();
    t.reason.clear();
    t.has_location = false;
    t.has_content_encoding = false;
    // "HTTP/1.1 404 Not Found": the reason phrase is what follows the second space.
    const auto first = line.find(' ');
    const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second != std::string_view::npos) {
      t.reason = std::string(trim(line.substr(second + 1)));
    }
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return;
  }
  const std::string_view name = trim(line.substr(0, colon));
  const std::string_view value = trim(line.substr(colon + 1));
  const auto is = [&](std::string_view wanted) { return name.size() == wanted.size() && starts_with_ci(name, wanted); };
  if (is("Content-Type")) {
    t.content_type = std::string(value);
  } else if (is("X-Robots-Tag")) {
    if (!value.empty() && t.x_robots_tag.size() + value.size() + 2 <= k_max_robots_bytes) {
      if (!t.x_robots_tag.empty()) {
        t.x_robots_tag += ", ";
      }
      t.x_robots_tag += value;
    }
  } else if (is("Location")) {
    t.has_location = true;
  } else if (is("Content-Encoding")) {
    t.has_content_encoding = !value.empty() && !starts_with_ci(value, "identity");
  }
}

// Called at the blank line that ends a response's headers. Returns false to abandon the
// transfer before its body is read.
bool on_headers_complete(Transfer& t) {
  long code = 0;
  curl_easy_getinfo(t.handle, CURLINFO_RESPONSE_CODE, &code);
  t.status = code;
  if (code < 200 || (code < 400 && code >= 300 && t.has_location)) {
    return true; // Interim or redirect response: libcurl goes on to the next one.
  }
  if (code >= 400) {
    t.abort = Abort::http_status;
    return false;
  }
  const std::string media = detail::media_type(t.content_type);
  if (t.options->require_text && !detail::is_supported_text_type(media) && !detail::is_unknown_type(media)) {
    t.abort = Abort::unsupported_type;
    return false;
  }
  // With a Content-Encoding the length is of the compressed bytes; the streaming check decides.
  curl_off_t length = -1;
  curl_easy_getinfo(t.handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (!t.has_content_encoding && length > 0) {
    if (static_cast<std::uint64_t>(length) > t.options->max_body_bytes) {
      t.abort = Abort::too_large;
      return false;
    }
    t.body.reserve(static_cast<std::size_t>(length)); // Within the cap: one allocation, not ~20.
  }
  return true;
}

extern "C" std::size_t header_callback(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (trim(line).empty()) {
    return on_headers_complete(t) ? n : 0;
  }
  on_header(t, line);
  return n;
}

extern "C" std::size_t write_callback(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t.body.size() + n > t.options->max_body_bytes) {
    t.abort = Abort::too_large;
    return CURL_WRITEFUNC_ERROR;
  }
  t.body.append(data, n);
  return n;
}

std::unexpected<FetchError> fail(FetchFailure failure, std::string_view url, std::string detail) {
  return std::unexpected(FetchError{failure, std::string(url), std::move(detail)});
}

} // namespace

const char* to_string(FetchFailure failure) {
  switch (failure) {
  case FetchFailure::invalid_url: return "invalid-url";
  case FetchFailure::dns: return "dns";
  case FetchFailure::connect: return "connect";
  case FetchFailure::tls: return "tls";
  case FetchFailure::timeout: return "timeout";
  case FetchFailure::too_large: return "too-large";
  case FetchFailure::redirect_loop: return "redirect-loop";
  case FetchFailure::http_status: return "http-status";
  case FetchFailure::unsupported_type: return "unsupported-type";
  case FetchFailure::io: return "io";
  case FetchFailure::other: return "other";
  case FetchFailure::robots_disallowed: return "robots-disallowed";
  }
  return "other";
}

std::string describe(const FetchError& error) {
  std::string out = error.url.empty() ? std::string("(no url)") : error.url;
  out += ": ";
  out += error.detail.empty() ? std::string(to_string(error.failure)) : error.detail;
  // One line, whatever the library or server put in the detail.
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

bool is_http_url(std::string_view input) {
  return starts_with_ci(input, "http://") || starts_with_ci(input, "https://");
}

struct Fetcher::Impl {
  CURL* handle = nullptr;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (handle != nullptr) {
      curl_easy_cleanup(handle);
    }
  }

  // Creates and configures the handle once; options that never change per call are set here.
  bool init(const FetchOptions& options) {
    ensure_curl_global_init();
    handle = curl_easy_init();
    if (handle == nullptr) {
      return false;
    }
    const std::string agent = options.user_agent.empty() ? "syndcheck/" SYNDCHECK_VERSION
                                                           " (+https://github.com/syndcheck)"
                                                         : options.user_agent;
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
    curl_easy_setopt(handle, CURLOPT_USERAGENT, agent.c_str()); // libcurl copies strings.
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(handle, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, ""); // Every encoding this libcurl decodes.
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    if (options.max_body_bytes <= static_cast<std::uint64_t>(INT64_MAX)) {
      // Belt and braces: libcurl also refuses a declared Content-Length above the cap.
      curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
    }
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, header_callback);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_callback);
    return true;
  }

  std::expected<FetchedPage, FetchError> get(std::string_view url, const FetchOptions& options) {
    Transfer transfer;
    transfer.handle = handle;
    transfer.options = &options;
    const std::string url_text(url);
    error_buffer[0] = '\0';
    curl_easy_setopt(handle, CURLOPT_URL, url_text.c_str());
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    const CURLcode code = curl_easy_perform(handle);
    // The callbacks' pointer dies with this frame; never leave it set on the reused handle.
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, nullptr);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, nullptr);

    const std::string curl_detail =
        error_buffer[0] != '\0' ? std::string(error_buffer.data()) : curl_easy_strerror(code);
    const std::string cap = detail::format_bytes(options.max_body_bytes);
    switch (transfer.abort) {
    case Abort::too_large: return fail(FetchFailure::too_large, url, "body exceeds " + cap);
    case Abort::unsupported_type:
      return fail(FetchFailure::unsupported_type, url,
                  "unsupported content type " + detail::media_type(transfer.content_type));
    case Abort::http_status:
      return fail(FetchFailure::http_status, url,
                  "HTTP " + std::to_string(transfer.status) + (transfer.reason.empty() ? "" : " " + transfer.reason));
    case Abort::none: break;
    }
    switch (code) {
    case CURLE_OK: break;
    case CURLE_TOO_MANY_REDIRECTS:
      return fail(FetchFailure::redirect_loop, url,
                  "too many redirects (" + std::to_string(options.max_redirects) + ")");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return fail(FetchFailure::dns, url, curl_detail);
    case CURLE_COULDNT_CONNECT: return fail(FetchFailure::connect, url, curl_detail);
    case CURLE_OPERATION_TIMEDOUT: {
      // libcurl reports both limits with one code; no connect time means the connect phase ran out.
      curl_off_t connect_time = 0;
      curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_time);
      const std::string what = connect_time == 0 && options.connect_timeout < options.total_timeout
                                   ? "connect timeout after " + format_duration(options.connect_timeout)
                                   : "timeout after " + format_duration(options.total_timeout);
      return fail(FetchFailure::timeout, url, what + " (" + curl_detail + ")");
    }
    case CURLE_FILESIZE_EXCEEDED: return fail(FetchFailure::too_large, url, "body exceeds " + cap);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return fail(FetchFailure::invalid_url, url, curl_detail);
    default:
      if (is_tls_error(code)) {
        return fail(FetchFailure::tls, url, curl_detail);
      }
      return fail(FetchFailure::other, url, curl_detail);
    }

    FetchedPage page;
    page.requested_url = url_text;
    char* effective = nullptr;
    curl_easy_getinfo(handle, CURLINFO_EFFECTIVE_URL, &effective);
    page.final_url = effective != nullptr ? effective : url_text;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &page.http_status);
    if (page.http_status >= 400) { // Headers callback normally catches these first.
      return fail(FetchFailure::http_status, url, "HTTP " + std::to_string(page.http_status));
    }
    page.content_type = std::move(transfer.content_type);
    page.x_robots_tag = std::move(transfer.x_robots_tag);
    page.body = std::move(transfer.body);
    if (options.require_text && detail::is_unknown_type(detail::media_type(page.content_type)) &&
        detail::sniff(page.body) == detail::Sniffed::binary) {
      const std::string shown = page.content_type.empty() ? std::string("(none)") : page.content_type;
      return fail(FetchFailure::unsupported_type, url, "unsupported content type " + shown + ": binary data");
    }
    return page;
  }
};

Fetcher::Fetcher(FetchOptions options) : m_options(std::move(options)) {}
Fetcher::~Fetcher() = default;
Fetcher::Fetcher(Fetcher&&) noexcept = default;
Fetcher& Fetcher::operator=(Fetcher&&) noexcept = default;

std::expected<FetchedPage, FetchError> Fetcher::get(std::string_view url_or_path) {
  const std::string_view input = trim(url_or_path);
  if (input.empty()) {
    return fail(FetchFailure::invalid_url, url_or_path, "empty URL");
  }
  if (is_http_url(input)) {
    if (!m_impl) {
      // Created lazily (and again after a move) so construction cannot fail.
      auto impl = std::make_unique<Impl>();
      if (!impl->init(m_options)) {
        return fail(FetchFailure::other, input, "cannot create a libcurl handle");
      }
      m_impl = std::move(impl);
    }
    return m_impl->get(input, m_options);
  }
  const std::string scheme = scheme_of(input);
  std::error_code ec;
  // "notes:v2.html" looks like a scheme but may be a file in the current directory.
  if (scheme.empty() || scheme == "file" || std::filesystem::exists(std::filesystem::path(input), ec)) {
    return read_local(input, m_options);
  }
  if (scheme == "http" || scheme == "https") {
    return fail(FetchFailure::invalid_url, input, "malformed URL: expected " + scheme + "://host/...");
  }
  return fail(FetchFailure::invalid_url, input,
              "unsupported URL scheme \"" + scheme + "\" (http, https and file only)");
}

} // namespace syndcheck::fetch
