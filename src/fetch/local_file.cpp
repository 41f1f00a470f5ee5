// fetch/local_file.cpp: read_local() (paths and file:// URLs) and the content sniffing it shares
// with the HTTP path.
//
// Rule: a local file gets the same treatment as a download: the body cap is checked before
// reading and enforced while reading, and failures are FetchError values, never exceptions.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "fetch/content_sniff.hpp"
#include "fetch/fetcher.hpp"

namespace syndcheck::fetch {
namespace detail {
namespace {

// How much of a body the sniffer looks at: git's buffer_is_binary() looks at the first 8000
// bytes for a NUL; the same window is enough for the control-character ratio below.
constexpr std::size_t k_sniff_window = 8000;
// Share of C0 control bytes (other than whitespace and ESC) above which a NUL-free body is binary.
// Text in any charset (UTF-8, windows-125x, KOI8, ISO-2022 with ESC) has essentially none, while
// random or compressed data has ~11% (28 of 256 byte values); 5% sits between with margin.
constexpr double k_max_control_ratio = 0.05;

} // namespace

Sniffed sniff(std::string_view body) {
  const std::string_view window = body.substr(0, std::min(body.size(), k_sniff_window));
  std::size_t controls = 0;
  for (const char ch : window) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) {
      return Sniffed::binary;
    }
    const bool whitespace = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if ((c < 0x20 && !whitespace && c != 0x1b) || c == 0x7f) {
      ++controls;
    }
  }
  if (!window.empty() && static_cast<double>(controls) > k_max_control_ratio * static_cast<double>(window.size())) {
    return Sniffed::binary;
  }
  std::string_view rest = window;
  if (rest.starts_with("\xEF\xBB\xBF")) { // UTF-8 byte order mark
    rest.remove_prefix(3);
  }
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())) != 0) {
    rest.remove_prefix(1);
  }
  return !rest.empty() && rest.front() == '<' ? Sniffed::html : Sniffed::text;
}

std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front())) != 0) {
    type.remove_prefix(1);
  }
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back())) != 0) {
    type.remove_suffix(1);
  }
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_supported_text_type(std::string_view media) {
  return media == "text/html" || media == "application/xhtml+xml" || media == "text/plain";
}

bool is_unknown_type(std::string_view media) {
  return media.empty() || media == "application/octet-stream";
}

std::string format_bytes(std::uint64_t bytes) {
  constexpr std::uint64_t k_kib = 1024;
  constexpr std::uint64_t k_mib = 1024 * 1024;
  if (bytes >= k_mib && bytes % k_mib == 0) {
    return std::to_string(bytes / k_mib) + " MiB";
  }
  if (bytes >= k_kib && bytes % k_kib == 0) {
    return std::to_string(bytes / k_kib) + " KiB";
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

} // namespace detail

namespace {

std::unexpected<FetchError> fail(FetchFailure failure, std::string_view url, std::string detail) {
  return std::unexpected(FetchError{failure, std::string(url), std::move(detail)});
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Percent-decodes; a '%' not followed by two hex digits is kept literally (as browsers do).
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Encodes only what would change how the URL parses (space, '%', '?', '#', controls), so
// final_url round-trips through read_local() yet non-ASCII paths stay readable.
std::string file_url(const std::filesystem::path& absolute) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (const char ch : absolute.string()) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '%' || c == '?' || c == '#') {
      out += '%';
      out += k_hex[c >> 4U];
      out += k_hex[c & 0xFU];
    } else {
      out += ch;
    }
  }
  return out;
}

// Turns a file:// URL into a path (RFC 8089: "file:///p", "file://localhost/p", "file:/p").
std::expected<std::string, FetchError> file_url_path(std::string_view url) {
  std::string_view rest = url.substr(5); // after "file:"
  if (const auto cut = rest.find_first_of("?#"); cut != std::string_view::npos) {
    rest = rest.substr(0, cut);
  }
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    const auto slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    if (!host.empty() && !starts_with_ci(host, "localhost")) {
      return fail(FetchFailure::invalid_url, url, "file URL names a remote host");
    }
    if (slash == std::string_view::npos) {
      return fail(FetchFailure::invalid_url, url, "file URL has no path");
    }
    rest = rest.substr(slash);
  }
  if (rest.empty() || rest.front() != '/') {
    return fail(FetchFailure::invalid_url, url, "file URL path must be absolute");
  }
  std::string path = percent_decode(rest);
  if (path.find('\0') != std::string::npos) {
    return fail(FetchFailure::invalid_url, url, "file URL path contains a NUL byte");
  }
  return path;
}

std::string extension_lower(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

} // namespace

std::expected<FetchedPage, FetchError> read_local(std::string_view path_or_file_url, const FetchOptions& options) {
  const std::string_view input = path_or_file_url;
  if (input.empty()) {
    return fail(FetchFailure::invalid_url, input, "empty path");
  }
  std::string path_text;
  if (starts_with_ci(input, "file:")) {
    auto decoded = file_url_path(input);
    if (!decoded) {
      return std::unexpected(std::move(decoded.error()));
    }
    path_text = std::move(*decoded);
  } else {
    path_text = std::string(input);
  }
  const std::filesystem::path path(path_text);

  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return fail(FetchFailure::io, input, "cannot read: " + ec.message());
  }
  if (!std::filesystem::exists(status)) {
    return fail(FetchFailure::io, input, "no such file");
  }
  if (std::filesystem::is_directory(status)) {
    return fail(FetchFailure::io, input, "is a directory");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return fail(FetchFailure::io, input, "not a regular file");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    return fail(FetchFailure::io, input, "cannot read: " + ec.message());
  }
  const std::string cap_text = detail::format_bytes(options.max_body_bytes);
  if (size > options.max_body_bytes) {
    return fail(FetchFailure::too_large, input, "file exceeds " + cap_text + " (" + std::to_string(size) + " bytes)");
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(FetchFailure::io, input, std::string("cannot open: ") + std::strerror(errno));
  }
  FetchedPage page;
  page.requested_url = std::string(input);
  // Read at most cap + 1 bytes: a file that grew since file_size() still cannot exceed the cap.
  const std::uint64_t want = std::min<std::uint64_t>(options.max_body_bytes, size) + 1;
  page.body.resize(static_cast<std::size_t>(want));
  in.read(page.body.data(), static_cast<std::streamsize>(want));
  if (in.bad()) {
    return fail(FetchFailure::io, input, "read error");
  }
  page.body.resize(static_cast<std::size_t>(in.gcount()));
  if (page.body.size() > options.max_body_bytes) {
    return fail(FetchFailure::too_large, input, "file exceeds " + cap_text);
  }

  const std::string ext = extension_lower(path);
  if (ext == ".html" || ext == ".htm") {
    page.content_type = "text/html";
  } else if (ext == ".txt") {
    page.content_type = "text/plain";
  } else {
    switch (detail::sniff(page.body)) {
    case detail::Sniffed::html: page.content_type = "text/html"; break;
    case detail::Sniffed::text: page.content_type = "text/plain"; break;
    case detail::Sniffed::binary:
      if (options.require_text) {
        return fail(FetchFailure::unsupported_type, input, "unsupported content: binary data");
      }
      page.content_type = "application/octet-stream";
      break;
    }
  }
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  page.final_url = file_url((ec ? path : absolute).lexically_normal());
  page.http_status = 0;
  return page;
}

} // namespace syndcheck::fetch
