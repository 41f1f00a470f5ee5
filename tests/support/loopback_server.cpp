// tests/support/loopback_server.cpp: the loopback HTTP server behind LoopbackServer (cpp-httplib).
//
// Static files under a root, with optional "<file>.headers" overrides, plus the /_test/ routes
// the fetch tests, CLI tests and golden runner rely on. Rule: nothing outside the root is served,
// and every long-running handler polls the stop flag so the destructor returns promptly.
#include "support/loopback_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

namespace syndcheck::testing {
namespace {

// Caps on what a request may make the server do. Chosen to cover every test need (the biggest
// fetch test streams 50 MiB; the slowest waits a few seconds) with room to spare, while keeping a
// typo in a test from tying up the machine.
constexpr long k_max_slow_ms = 20'000;
constexpr long k_max_big_mib = 100;
constexpr int k_max_redirect_chain = 100;
constexpr std::uintmax_t k_max_static_file_bytes = 256ULL * 1024 * 1024;
constexpr std::size_t k_max_headers_file_bytes = 64 * 1024;
// Granularity of sleeps that must notice the stop flag: short enough that ~Server waits little.
constexpr std::chrono::milliseconds k_stop_poll{10};
// Keep-alive idle time: 1 s (httplib's default is 5 s) so a client that keeps a connection open
// delays shutdown at most that long.
constexpr time_t k_keep_alive_seconds = 1;

std::string content_type_for(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") {
    return "text/html; charset=utf-8";
  }
  if (ext == ".txt") {
    return "text/plain; charset=utf-8";
  }
  if (ext == ".xml") {
    return "application/xml";
  }
  if (ext == ".pdf") {
    return "application/pdf";
  }
  return "application/octet-stream";
}

std::string small_html(std::string_view title) {
  std::string out = "<!doctype html><html><head><title>";
  out += title;
  out += "</title></head><body><p>";
  out += title;
  out += "</p></body></html>\n";
  return out;
}

// Reads at most `cap` bytes; returns false if the file cannot be read or is larger.
bool read_file_capped(const std::filesystem::path& path, std::uintmax_t cap, std::string& out) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > cap) {
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  out.assign(static_cast<std::size_t>(size), '\0');
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// Applies "Name: value" lines. The first line naming a header replaces what the server set; later
// lines with the same name add further values. Framing headers are httplib's business: ignored.
void apply_headers_file(const std::filesystem::path& path, httplib::Response& res) {
  std::string text;
  if (!read_file_capped(path, k_max_headers_file_bytes, text)) {
    return;
  }
  std::set<std::string, httplib::detail::ci> replaced;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string line = trim(std::string_view(text).substr(pos, end - pos));
    pos = end + 1;
    const std::size_t colon = line.find(':');
    if (line.empty() || line.front() == '#' || colon == std::string::npos || colon == 0) {
      continue;
    }
    const std::string name = trim(std::string_view(line).substr(0, colon));
    const std::string value = trim(std::string_view(line).substr(colon + 1));
    const httplib::detail::ci less;
    const auto same = [&](std::string_view other) {
      return !less(name, std::string(other)) && !less(std::string(other), name);
    };
    if (same("Content-Length") || same("Transfer-Encoding") || same("Connection")) {
      continue;
    }
    if (replaced.insert(name).second) {
      res.headers.erase(name);
    }
    res.headers.emplace(name, value);
  }
}

std::uint32_t crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) {
        c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1U) : c >> 1U;
      }
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const char ch : data) {
    crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (crc >> 8U);
  }
  return crc ^ 0xFFFFFFFFU;
}

void put_le(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    out += static_cast<char>((value >> (8 * i)) & 0xFFU);
  }
}

// A valid gzip member using stored (uncompressed) deflate blocks: every gzip decoder must accept
// it, and it needs no zlib. The test is about the client decoding, not about compression ratio.
std::string gzip_stored(std::string_view data) {
  std::string out = {'\x1f', '\x8b', '\x08', '\x00', '\x00', '\x00', '\x00', '\x00', '\x00', '\x03'};
  constexpr std::size_t k_max_block = 65535; // LEN is 16 bits (RFC 1951 3.2.4).
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min(k_max_block, data.size() - pos);
    const bool final_block = pos + n == data.size();
    out += final_block ? '\x01' : '\x00';
    const auto len = static_cast<std::uint32_t>(n);
    put_le(out, len, 2);
    put_le(out, ~len & 0xFFFFU, 2);
    out.append(data.substr(pos, n));
    pos += n;
  } while (pos < data.size());
  put_le(out, crc32(data), 4);
  put_le(out, static_cast<std::uint32_t>(data.size() & 0xFFFFFFFFU), 4);
  return out;
}

long param_long(const httplib::Request& req, const char* name, long fallback, long min, long max) {
  if (!req.has_param(name)) {
    return fallback;
  }
  const std::string text = req.get_param_value(name);
  long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return fallback;
    }
    value = std::min(value * 10 + (c - '0'), max);
  }
  return std::clamp(value, min, max);
}

} // namespace

struct LoopbackServer::Impl {
  std::filesystem::path root;
  httplib::Server server;
  std::atomic<bool> stopping{false};
  std::thread thread;
  int port = 0;
  // Per-key state of /_test/flaky and /_test/concurrent; keys come from tests, a handful per run.
  std::mutex counters_mutex;
  std::map<std::string, long> counters;
  std::map<std::string, long> in_flight;
  std::map<std::string, long> max_in_flight;

  // Sleeps up to `duration`, waking early when the server stops. Returns false if it stopped.
  bool sleep_unless_stopping(std::chrono::milliseconds duration) const {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < deadline) {
      if (stopping.load()) {
        return false;
      }
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(k_stop_poll, deadline - std::chrono::steady_clock::now()));
    }
    return !stopping.load();
  }

  void serve_static(const httplib::Request& req, httplib::Response& res) const {
    const std::string& path = req.path;
    // httplib has already percent-decoded the path; refuse anything that could climb out.
    const bool bad = path.empty() || path.front() != '/' || path.find('\0') != std::string::npos ||
                     path.find('\\') != std::string::npos;
    bool has_dotdot = false;
    for (const auto& part : std::filesystem::path(path)) {
      if (part == "..") {
        has_dotdot = true;
      }
    }
    if (bad || has_dotdot) {
      res.status = 400;
      res.set_content(small_html("400 Bad Request"), "text/html; charset=utf-8");
      return;
    }
    std::filesystem::path file = root / std::filesystem::path(path.substr(1));
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
      file /= "index.html";
    }
    // Symlinks may point anywhere; only files whose real location is under root are served.
    const std::filesystem::path real = std::filesystem::weakly_canonical(file, ec);
    const std::filesystem::path real_root = std::filesystem::weakly_canonical(root, ec);
    const auto rel = real.lexically_relative(real_root);
    std::string body;
    if (ec || rel.empty() || *rel.begin() == ".." || !std::filesystem::is_regular_file(real, ec) ||
        !read_file_capped(real, k_max_static_file_bytes, body)) {
      res.status = 404;
      res.set_content(small_html("404 Not Found"), "text/html; charset=utf-8");
      return;
    }
    res.status = 200;
    res.set_content(body, content_type_for(file));
    std::filesystem::path headers_file = file;
    headers_file += ".headers";
    if (std::filesystem::is_regular_file(headers_file, ec)) {
      apply_headers_file(headers_file, res);
    }
  }

  void install_routes() {
    server.Get(R"(/_test/status/(\d{1,3}))", [](const httplib::Request& req, httplib::Response& res) {
      const int code = std::stoi(req.matches[1].str());
      if (code < 200 || code > 599) {
        res.status = 400;
        res.set_content(small_html("status must be 200-599"), "text/html; charset=utf-8");
        return;
      }
      res.status = code;
      if (req.has_param("retry-after")) {
        res.set_header("Retry-After", req.get_param_value("retry-after"));
      }
      res.set_content(small_html("status " + std::to_string(code)), "text/html; charset=utf-8");
    });
    // Fails the first `fail` requests for each `key` with `code` (default 503, optional
    // Retry-After), then answers 200: what a retrying client must get through.
    server.Get("/_test/flaky", [this](const httplib::Request& req, httplib::Response& res) {
      const long fail = param_long(req, "fail", 1, 0, 100);
      const long code = param_long(req, "code", 503, 200, 599);
      long seen = 0;
      {
        const std::lock_guard<std::mutex> lock(counters_mutex);
        seen = counters[req.get_param_value("key")]++;
      }
      if (seen < fail) {
        res.status = static_cast<int>(code);
        if (req.has_param("retry-after")) {
          res.set_header("Retry-After", req.get_param_value("retry-after"));
        }
        res.set_content(small_html("flaky failure " + std::to_string(seen + 1)), "text/html; charset=utf-8");
        return;
      }
      res.set_content(small_html("flaky ok after " + std::to_string(seen)), "text/html; charset=utf-8");
    });
    // How many requests /_test/flaky (or /_test/concurrent) saw for `key`, as plain text.
    server.Get("/_test/count", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard<std::mutex> lock(counters_mutex);
      const std::string key = req.get_param_value("key");
      res.set_content(std::to_string(counters[key]) + " " + std::to_string(max_in_flight[key]) + "\n",
                      "text/plain; charset=utf-8");
    });
    // Holds each request `ms` milliseconds and records the most requests in flight at once per
    // `key`, so a client's concurrency limits can be checked without timing.
    server.Get("/_test/concurrent", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string key = req.get_param_value("key");
      {
        const std::lock_guard<std::mutex> lock(counters_mutex);
        ++counters[key];
        max_in_flight[key] = std::max(max_in_flight[key], ++in_flight[key]);
      }
      const bool finished =
          sleep_unless_stopping(std::chrono::milliseconds(param_long(req, "ms", 200, 0, k_max_slow_ms)));
      {
        const std::lock_guard<std::mutex> lock(counters_mutex);
        --in_flight[key];
      }
      res.status = finished ? 200 : 503;
      res.set_content(small_html("concurrent"), "text/html; charset=utf-8");
    });
    // Conditional GET: ETag `etag` (default "v1") and a fixed Last-Modified; 304 when the request's
    // If-None-Match or If-Modified-Since matches them.
    server.Get("/_test/conditional", [](const httplib::Request& req, httplib::Response& res) {
      const std::string etag = "\"" + (req.has_param("etag") ? req.get_param_value("etag") : std::string("v1")) + "\"";
      const std::string last_modified = "Tue, 14 May 2024 10:00:00 GMT";
      res.set_header("ETag", etag);
      res.set_header("Last-Modified", last_modified);
      const bool etag_match = req.has_header("If-None-Match") && req.get_header_value("If-None-Match") == etag;
      const bool date_match = !req.has_header("If-None-Match") && req.has_header("If-Modified-Since") &&
                              req.get_header_value("If-Modified-Since") == last_modified;
      if (etag_match || date_match) {
        res.status = 304;
        return;
      }
      res.set_content(small_html("conditional " + etag), "text/html; charset=utf-8");
    });
    server.Get("/_test/redirect", [](const httplib::Request& req, httplib::Response& res) {
      const std::string to = req.get_param_value("to");
      if (to.empty()) {
        res.status = 400;
        res.set_content(small_html("missing ?to="), "text/html; charset=utf-8");
        return;
      }
      res.set_redirect(to, 302);
      res.set_content(small_html("redirect"), "text/html; charset=utf-8");
    });
    server.Get("/_test/redirect-loop", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/_test/redirect-loop", 302);
      res.set_content(small_html("redirect loop"), "text/html; charset=utf-8");
    });
    server.Get(R"(/_test/redirect-chain/(\d{1,6}))", [](const httplib::Request& req, httplib::Response& res) {
      const int n = std::min(std::stoi(req.matches[1].str()), k_max_redirect_chain);
      if (n > 0) {
        res.set_redirect("/_test/redirect-chain/" + std::to_string(n - 1), 302);
        res.set_content(small_html("redirect chain"), "text/html; charset=utf-8");
        return;
      }
      res.set_content(small_html("end of redirect chain"), "text/html; charset=utf-8");
    });
    server.Get("/_test/slow", [this](const httplib::Request& req, httplib::Response& res) {
      const long ms = param_long(req, "ms", 1000, 0, k_max_slow_ms);
      if (!sleep_unless_stopping(std::chrono::milliseconds(ms))) {
        res.status = 503;
        res.set_content(small_html("server stopping"), "text/html; charset=utf-8");
        return;
      }
      res.set_content(small_html("slow " + std::to_string(ms) + " ms"), "text/html; charset=utf-8");
    });
    server.Get("/_test/big", [this](const httplib::Request& req, httplib::Response& res) {
      const long mib = param_long(req, "mb", 1, 0, k_max_big_mib);
      const std::size_t total = static_cast<std::size_t>(mib) * 1024 * 1024;
      // One 64 KiB chunk of paragraphs, reused: cheap to produce, looks like HTML to a sniffer.
      auto chunk = std::make_shared<std::string>();
      while (chunk->size() < 64 * 1024) {
        *chunk += "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n";
      }
      chunk->resize(64 * 1024);
      if (req.get_param_value("declared") == "1") {
        // Content-Length sent up front, so a client can refuse before reading the body.
        res.set_content_provider(total, "text/html; charset=utf-8",
                                 [this, chunk](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                   (void)offset;
                                   if (stopping.load()) {
                                     return false;
                                   }
                                   return sink.write(chunk->data(), std::min(length, chunk->size()));
                                 });
        return;
      }
      res.set_chunked_content_provider("text/html; charset=utf-8",
                                       [this, chunk, total](std::size_t offset, httplib::DataSink& sink) {
                                         if (stopping.load()) {
                                           return false;
                                         }
                                         if (offset >= total) {
                                           sink.done();
                                           return true;
                                         }
                                         return sink.write(chunk->data(), std::min(chunk->size(), total - offset));
                                       });
    });
    server.Get("/_test/pdf", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
                      "application/pdf");
    });
    server.Get("/_test/gzip", [](const httplib::Request&, httplib::Response& res) {
      const std::string html = small_html("gzip body") + "<p>This page was sent gzip-encoded.</p>\n";
      // Sent through a sized content provider: httplib compresses plain bodies itself when the
      // client accepts gzip, and would encode this one a second time.
      auto body = std::make_shared<std::string>(gzip_stored(html));
      res.set_content_provider(body->size(), "text/html; charset=utf-8",
                               [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, std::min(length, body->size() - offset));
                               });
      res.set_header("Content-Encoding", "gzip");
    });
    server.Get("/_test/binary", [](const httplib::Request&, httplib::Response& res) {
      std::mt19937 rng(42); // Fixed seed: the same bytes every run.
      std::string body(4096, '\0');
      for (char& c : body) {
        c = static_cast<char>(rng() & 0xFFU);
      }
      res.set_content(body, "text/html");
    });
    // Echoes the request headers, one "Name: value" per line, so tests can see what a client sent.
    server.Get("/_test/headers", [](const httplib::Request& req, httplib::Response& res) {
      std::string body;
      for (const auto& [name, value] : req.headers) {
        body += name + ": " + value + "\n";
      }
      res.set_content(body, "text/plain; charset=utf-8");
    });
    server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { serve_static(req, res); });
  }
};

LoopbackServer::LoopbackServer(std::filesystem::path root) : LoopbackServer(std::move(root), 0) {}

LoopbackServer::LoopbackServer(std::filesystem::path root, int port) : m_impl(std::make_unique<Impl>()) {
  m_impl->root = std::move(root);
  m_impl->server.set_keep_alive_timeout(k_keep_alive_seconds);
  m_impl->install_routes();
  if (port == 0) {
    m_impl->port = m_impl->server.bind_to_any_port("127.0.0.1");
  } else {
    m_impl->port = m_impl->server.bind_to_port("127.0.0.1", port) ? port : -1;
  }
  if (m_impl->port <= 0) {
    throw std::runtime_error("LoopbackServer: cannot bind 127.0.0.1:" + std::to_string(port));
  }
  Impl* impl = m_impl.get();
  m_impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  // The socket is already bound, but stop() is a no-op until the accept loop runs: wait for it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!m_impl->server.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!m_impl->server.is_running()) {
    m_impl->stopping = true;
    m_impl->thread.join();
    throw std::runtime_error("LoopbackServer: listener did not start");
  }
}

LoopbackServer::~LoopbackServer() {
  m_impl->stopping = true;
  m_impl->server.stop();
  if (m_impl->thread.joinable()) {
    m_impl->thread.join();
  }
}

int LoopbackServer::port() const {
  return m_impl->port;
}

std::string LoopbackServer::url(std::string_view path) const {
  std::string out = "http://127.0.0.1:" + std::to_string(m_impl->port);
  out += path;
  return out;
}

} // namespace syndcheck::testing
