// fetch/multi_fetcher.cpp: a libcurl multi loop with per-host queues, politeness, retries and
// robots.txt, all on the calling thread.
//
// Rule: scheduling decisions (which URL starts when) are made only in schedule(), from plain
// per-host state; the curl callbacks only record what arrived, so limits cannot be bypassed by
// a transfer finishing early or late.
#include "fetch/multi_fetcher.hpp"
#include "fetch/curl_shared.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

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

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Longest single wait in the loop: bounds how late a newly ready host is noticed if curl has
// nothing to report. 100 ms is well under any politeness delay worth configuring.
constexpr milliseconds k_max_poll{100};
// robots.txt bodies above this are refused (the first 500 KiB of smaller ones are parsed); same
// reasoning as RobotsCache: 4x the parse limit.
constexpr std::uint64_t k_robots_fetch_cap = 4 * k_robots_max_bytes;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string one_line(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != '\r' && c != '\n') {
      out += c;
    }
  }
  return out;
}

enum class Abort { none, too_large, unsupported_type, http_status, headers_too_large };

// One easy handle in flight, for a URL or for an origin's robots.txt.
struct Transfer {
  CURL* easy = nullptr;
  curl_slist* request_headers = nullptr;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  const MultiFetchOptions* options = nullptr;
  std::uint64_t body_cap = 0;
  bool require_text = true;
  bool is_robots = false;
  bool budget_limited = false; // Its timeout was cut to the host's remaining budget.
  std::size_t pending = 0;     // Index into the batch's pending list (URL transfers).
  std::string origin;
  std::string url;
  // What arrived, reset at each response of a redirect chain.
  std::vector<std::pair<std::string, std::string>> headers;
  std::size_t header_bytes = 0;
  std::string body;
  std::string content_type;
  std::string reason;
  bool has_location = false;
  bool has_content_encoding = false;
  long status = 0;
  Abort abort = Abort::none;

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) {
      curl_easy_cleanup(easy);
    }
    if (request_headers != nullptr) {
      curl_slist_free_all(request_headers);
    }
  }

  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (iequals(key, name)) {
        return value;
      }
    }
    return {};
  }
};

bool on_headers_complete(Transfer& t) {
  long code = 0;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &code);
  t.status = code;
  if (code < 200 || (code >= 300 && code < 400 && t.has_location)) {
    return true; // Interim or redirect: libcurl goes on to the next response.
  }
  if (t.is_robots) {
    return code < 400; // A robots.txt status decides alone; its body matters only for 2xx.
  }
  if (code >= 400) {
    t.abort = Abort::http_status;
    return false;
  }
  if (code == 304) {
    return true;
  }
  const std::string media = detail::media_type(t.content_type);
  if (t.require_text && !detail::is_supported_text_type(media) && !detail::is_unknown_type(media)) {
    t.abort = Abort::unsupported_type;
    return false;
  }
  curl_off_t length = -1;
  curl_easy_getinfo(t.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (!t.has_content_encoding && length > 0) {
    if (static_cast<std::uint64_t>(length) > t.body_cap) {
      t.abort = Abort::too_large;
      return false;
    }
    t.body.reserve(static_cast<std::size_t>(length));
  }
  return true;
}

extern "C" std::size_t multi_header_callback(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (trim(line).empty()) {
    return on_headers_complete(t) ? n : 0;
  }
  if (line.size() >= 5 && iequals(line.substr(0, 5), "HTTP/")) {
    t.headers.clear();
    t.header_bytes = 0;
    t.content_type.clear();
    t.reason.clear();
    t.has_location = false;
    t.has_content_encoding = false;
    const auto first = line.find(' ');
    const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second != std::string_view::npos) {
      t.reason = std::string(trim(line.substr(second + 1)));
    }
    return n;
  }
  t.header_bytes += n;
  if (t.header_bytes > t.options->max_header_bytes) {
    t.abort = Abort::headers_too_large;
    return 0;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return n;
  }
  const std::string_view name = trim(line.substr(0, colon));
  const std::string_view value = trim(line.substr(colon + 1));
  t.headers.emplace_back(std::string(name), std::string(value));
  if (iequals(name, "Content-Type")) {
    t.content_type = std::string(value);
  } else if (iequals(name, "Location")) {
    t.has_location = true;
  } else if (iequals(name, "Content-Encoding")) {
    t.has_content_encoding = !value.empty() && !iequals(value, "identity");
  }
  return n;
}

extern "C" std::size_t multi_write_callback(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t.body.size() + n > t.body_cap) {
    t.abort = Abort::too_large;
    return CURL_WRITEFUNC_ERROR;
  }
  t.body.append(data, n);
  return n;
}

// Retry-After: delta-seconds or an HTTP-date (RFC 9110 10.2.3); nullopt if absent or unparsable.
std::optional<milliseconds> parse_retry_after(std::string_view value) {
  value = trim(value);
  if (value.empty()) {
    return std::nullopt;
  }
  long long seconds = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc{} && ptr == value.data() + value.size()) {
    return milliseconds(std::max(0LL, std::min(seconds, 86'400LL)) * 1000);
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) {
    return std::nullopt;
  }
  const auto now = std::chrono::system_clock::now();
  const auto target = std::chrono::system_clock::from_time_t(when);
  return target <= now ? milliseconds(0) : std::chrono::duration_cast<milliseconds>(target - now);
}

} // namespace

const char* to_string(OutcomeKind kind) {
  switch (kind) {
  case OutcomeKind::fetched: return "fetched";
  case OutcomeKind::not_modified: return "not-modified";
  case OutcomeKind::failed: return "failed";
  }
  return "failed";
}

struct MultiFetcher::Impl {
  CURLM* multi = nullptr;
  RobotsCache robots;

  explicit Impl(const FetchOptions& fetch_options) : robots(fetch_options) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (multi != nullptr) {
      curl_multi_cleanup(multi);
    }
  }

  struct Pending {
    FetchRequest request;
    std::string origin;
    int attempts = 0;
    Clock::time_point ready_at{};
    long last_status = 0;
  };

  struct Host {
    std::deque<std::size_t> queue; // Indices into `pending`, in arrival order.
    std::size_t active = 0;
    Clock::time_point next_start{};
    Clock::time_point last_start{};
    std::optional<Clock::time_point> deadline; // Set when the first request starts.
    milliseconds delay{0};
    bool robots_in_flight = false;
  };

  // State of one fetch_all() call.
  struct Batch {
    const MultiFetchOptions* options = nullptr;
    const Callback* on_done = nullptr;
    std::vector<Pending> pending;
    std::map<std::string, Host> hosts;
    std::map<CURL*, std::unique_ptr<Transfer>> running;
    std::size_t remaining = 0; // URLs without an outcome yet.
  };

  std::string user_agent(const FetchOptions& o) const {
    return o.user_agent.empty() ? std::string("syndcheck/" SYNDCHECK_VERSION " (+https://github.com/syndcheck)")
                                : o.user_agent;
  }

  void deliver(Batch& batch, std::size_t index, OutcomeKind kind, std::expected<FetchedPage, FetchError> result,
               long status) {
    Pending& p = batch.pending[index];
    FetchOutcome outcome{p.request, kind, std::move(result), status, p.attempts};
    --batch.remaining;
    (*batch.on_done)(std::move(outcome));
  }

  void fail(Batch& batch, std::size_t index, FetchFailure failure, std::string detail) {
    const std::string url = batch.pending[index].request.url;
    deliver(batch, index, OutcomeKind::failed, std::unexpected(FetchError{failure, url, std::move(detail)}),
            batch.pending[index].last_status);
  }

  std::unique_ptr<Transfer> make_transfer(const MultiFetchOptions& o, const std::string& url,
                                          milliseconds total_timeout) {
    auto t = std::make_unique<Transfer>();
    t->easy = curl_easy_init();
    if (t->easy == nullptr) {
      return nullptr;
    }
    t->options = &o;
    t->url = url;
    t->body_cap = o.fetch.max_body_bytes;
    t->require_text = o.fetch.require_text;
    CURL* e = t->easy;
    const std::string agent = user_agent(o.fetch);
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer.data());
    curl_easy_setopt(e, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o.fetch.max_redirects);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.fetch.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(1, total_timeout.count())));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, multi_header_callback);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, multi_write_callback);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    return t;
  }

  milliseconds transfer_timeout(const MultiFetchOptions& o, const Host& host, Clock::time_point now) const {
    milliseconds timeout = o.fetch.total_timeout;
    if (host.deadline) {
      timeout = std::min(timeout, std::chrono::duration_cast<milliseconds>(*host.deadline - now));
    }
    return timeout;
  }

  void start_robots(Batch& batch, const std::string& origin, Host& host, Clock::time_point now) {
    const MultiFetchOptions& o = *batch.options;
    auto t = make_transfer(o, origin + "/robots.txt", std::min(o.fetch.total_timeout, transfer_timeout(o, host, now)));
    if (!t) {
      robots.store(origin, RobotsTxt::disallow_all());
      return;
    }
    t->is_robots = true;
    t->origin = origin;
    t->require_text = false;
    t->body_cap = k_robots_fetch_cap;
    host.robots_in_flight = true;
    ++host.active;
    host.last_start = now;
    host.next_start = now + host.delay;
    CURL* easy = t->easy;
    batch.running.emplace(easy, std::move(t));
    curl_multi_add_handle(multi, easy);
  }

  void start_url(Batch& batch, std::size_t index, Host& host, Clock::time_point now) {
    const MultiFetchOptions& o = *batch.options;
    Pending& p = batch.pending[index];
    if (!host.deadline && o.per_host_budget.count() > 0) {
      host.deadline = now + o.per_host_budget;
    }
    const milliseconds timeout = transfer_timeout(o, host, now);
    auto t = make_transfer(o, p.request.url, timeout);
    if (!t) {
      fail(batch, index, FetchFailure::other, "cannot create a libcurl handle");
      return;
    }
    t->budget_limited = timeout < o.fetch.total_timeout;
    t->pending = index;
    t->origin = p.origin;
    if (!p.request.if_none_match.empty()) {
      t->request_headers =
          curl_slist_append(t->request_headers, ("If-None-Match: " + one_line(p.request.if_none_match)).c_str());
    }
    if (!p.request.if_modified_since.empty()) {
      t->request_headers = curl_slist_append(t->request_headers,
                                             ("If-Modified-Since: " + one_line(p.request.if_modified_since)).c_str());
    }
    if (t->request_headers != nullptr) {
      curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->request_headers);
    }
    ++p.attempts;
    ++host.active;
    host.last_start = now;
    host.next_start = now + host.delay;
    CURL* easy = t->easy;
    batch.running.emplace(easy, std::move(t));
    curl_multi_add_handle(multi, easy);
  }

  std::size_t active_total(const Batch& batch) const { return batch.running.size(); }

  // Starts whatever the limits allow now; returns how long until something else may start.
  milliseconds schedule(Batch& batch) {
    const MultiFetchOptions& o = *batch.options;
    const Clock::time_point now = Clock::now();
    milliseconds wait = k_max_poll;
    for (auto& [origin, host] : batch.hosts) {
      if (host.queue.empty()) {
        continue;
      }
      if (host.deadline && now >= *host.deadline) {
        // Budget spent: everything still queued for this host fails now.
        while (!host.queue.empty()) {
          const std::size_t index = host.queue.front();
          host.queue.pop_front();
          fail(batch, index, FetchFailure::timeout,
               "per-host time budget of " + format_duration(o.per_host_budget) + " exhausted for " + origin);
        }
        continue;
      }
      const bool can_start_now = [&] {
        return active_total(batch) < o.max_concurrency &&
               host.active < std::max<std::size_t>(1, o.per_host_concurrency) && now >= host.next_start;
      }();
      if (o.check_robots && !robots.contains(origin)) {
        if (!host.robots_in_flight && can_start_now) {
          start_robots(batch, origin, host, now);
        }
        continue;
      }
      if (o.check_robots) {
        // Apply robots.txt to everything queued, and adopt its Crawl-delay once.
        const RobotsTxt& rules = robots.get(origin);
        if (const auto crawl = rules.crawl_delay()) {
          host.delay = std::max(host.delay, std::min(*crawl, o.max_crawl_delay));
          host.next_start = std::max(host.next_start, host.last_start + host.delay);
        }
        for (auto it = host.queue.begin(); it != host.queue.end();) {
          const std::size_t index = *it;
          if (rules.allowed(url_path_and_query(batch.pending[index].request.url))) {
            ++it;
            continue;
          }
          it = host.queue.erase(it);
          const char* why = rules.source() == RobotsTxt::Source::unreachable
                                ? "robots.txt unreachable or 5xx: everything disallowed (RFC 9309 2.3.1.4)"
                                : "disallowed by robots.txt";
          fail(batch, index, FetchFailure::robots_disallowed, why);
        }
      }
      while (!host.queue.empty() && active_total(batch) < o.max_concurrency &&
             host.active < std::max<std::size_t>(1, o.per_host_concurrency) && now >= host.next_start) {
        const auto ready = std::find_if(host.queue.begin(), host.queue.end(),
                                        [&](std::size_t i) { return batch.pending[i].ready_at <= now; });
        if (ready == host.queue.end()) {
          break;
        }
        const std::size_t index = *ready;
        host.queue.erase(ready);
        start_url(batch, index, host, now);
      }
      // When could this host start something next? At its concurrency limit, only a finished
      // transfer frees a slot, and that wakes curl_multi_poll by itself: a timed wake-up would
      // spin (and scan the queue) every millisecond for nothing.
      const bool at_capacity =
          active_total(batch) >= o.max_concurrency || host.active >= std::max<std::size_t>(1, o.per_host_concurrency);
      if (!host.queue.empty() && !at_capacity) {
        Clock::time_point earliest = Clock::time_point::max();
        for (const std::size_t i : host.queue) {
          earliest = std::min(earliest, batch.pending[i].ready_at);
        }
        earliest = std::max(earliest, host.next_start);
        if (host.deadline) {
          earliest = std::min(earliest, *host.deadline);
        }
        wait = std::min(wait, std::chrono::duration_cast<milliseconds>(earliest - now) + milliseconds(1));
      }
    }
    return std::max(wait, milliseconds(0));
  }

  void complete_robots(Batch& batch, Transfer& t, CURLcode code) {
    Host& host = batch.hosts[t.origin];
    host.robots_in_flight = false;
    RobotsResponse response;
    if (code == CURLE_OK || t.status >= 400) {
      response.http_status = t.status;
      response.body = std::move(t.body);
    }
    robots.store(t.origin, robots_from_response(response, robots.token()));
  }

  void complete_url(Batch& batch, Transfer& t, CURLcode code) {
    const MultiFetchOptions& o = *batch.options;
    Pending& p = batch.pending[t.pending];
    Host& host = batch.hosts[t.origin];
    p.last_status = t.status;
    const std::string& url = p.request.url;
    const std::string curl_detail =
        t.error_buffer[0] != '\0' ? std::string(t.error_buffer.data()) : curl_easy_strerror(code);
    const std::string cap = detail::format_bytes(t.body_cap);

    if (t.abort == Abort::none && code == CURLE_OPERATION_TIMEDOUT && t.budget_limited) {
      // curl's clock and ours differ by a millisecond or two: a transfer cut to the budget that
      // timed out has used the budget up, whatever our clock says.
      host.deadline = Clock::now();
      fail(batch, t.pending, FetchFailure::timeout,
           "per-host time budget of " + format_duration(o.per_host_budget) + " exhausted for " + t.origin);
      return;
    }
    // Retry on 5xx, 429 and timeouts while attempts remain and the host budget allows.
    const bool retryable_status = t.abort == Abort::http_status && (t.status >= 500 || t.status == 429);
    const bool timed_out = t.abort == Abort::none && code == CURLE_OPERATION_TIMEDOUT;
    if ((retryable_status || timed_out) && p.attempts <= o.max_retries) {
      milliseconds wait = o.retry_backoff * (1LL << std::min(p.attempts - 1, 20));
      if (const auto retry_after = parse_retry_after(t.header("Retry-After")); retry_after && retryable_status) {
        wait = std::min(*retry_after, o.max_retry_after);
      }
      const Clock::time_point ready = Clock::now() + wait;
      if (!host.deadline || ready < *host.deadline) {
        p.ready_at = ready;
        host.queue.push_back(t.pending);
        return;
      }
    }

    const auto failed = [&](FetchFailure failure, std::string detail) {
      fail(batch, t.pending, failure, std::move(detail));
    };
    switch (t.abort) {
    case Abort::too_large: return failed(FetchFailure::too_large, "body exceeds " + cap);
    case Abort::headers_too_large:
      return failed(FetchFailure::too_large, "response headers exceed " + detail::format_bytes(o.max_header_bytes));
    case Abort::unsupported_type:
      return failed(FetchFailure::unsupported_type, "unsupported content type " + detail::media_type(t.content_type));
    case Abort::http_status:
      return failed(FetchFailure::http_status,
                    "HTTP " + std::to_string(t.status) + (t.reason.empty() ? "" : " " + t.reason) +
                        (p.attempts > 1 ? " (after " + std::to_string(p.attempts) + " attempts)" : ""));
    case Abort::none: break;
    }
    switch (code) {
    case CURLE_OK: break;
    case CURLE_TOO_MANY_REDIRECTS:
      return failed(FetchFailure::redirect_loop, "too many redirects (" + std::to_string(o.fetch.max_redirects) + ")");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return failed(FetchFailure::dns, curl_detail);
    case CURLE_COULDNT_CONNECT: return failed(FetchFailure::connect, curl_detail);
    case CURLE_OPERATION_TIMEDOUT:
      return failed(FetchFailure::timeout,
                    "timeout (" + curl_detail + ")" +
                        (p.attempts > 1 ? " after " + std::to_string(p.attempts) + " attempts" : ""));
    case CURLE_FILESIZE_EXCEEDED: return failed(FetchFailure::too_large, "body exceeds " + cap);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return failed(FetchFailure::invalid_url, curl_detail);
    default:
      if (is_tls_error(code)) {
        return failed(FetchFailure::tls, curl_detail);
      }
      return failed(FetchFailure::other, curl_detail);
    }

    FetchedPage page;
    page.requested_url = url;
    char* effective = nullptr;
    curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
    page.final_url = effective != nullptr ? effective : url;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &page.http_status);
    page.content_type = t.content_type;
    page.reason = t.reason;
    page.etag = t.header("ETag");
    page.last_modified = t.header("Last-Modified");
    std::string robots_tag;
    for (const auto& [name, value] : t.headers) {
      if (iequals(name, "X-Robots-Tag") && !value.empty()) {
        robots_tag += (robots_tag.empty() ? "" : ", ") + value;
      }
    }
    page.x_robots_tag = std::move(robots_tag);
    page.headers = std::move(t.headers);
    page.body = std::move(t.body);
    if (page.http_status == 304) {
      deliver(batch, t.pending, OutcomeKind::not_modified, std::move(page), 304);
      return;
    }
    if (o.fetch.require_text && detail::is_unknown_type(detail::media_type(page.content_type)) &&
        detail::sniff(page.body) == detail::Sniffed::binary) {
      const std::string shown = page.content_type.empty() ? std::string("(none)") : page.content_type;
      return failed(FetchFailure::unsupported_type, "unsupported content type " + shown + ": binary data");
    }
    const long status = page.http_status;
    deliver(batch, t.pending, OutcomeKind::fetched, std::move(page), status);
  }

  void drain_messages(Batch& batch) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      curl_multi_remove_handle(multi, easy);
      auto node = batch.running.extract(easy);
      if (node.empty()) {
        continue;
      }
      Transfer& t = *node.mapped();
      Host& host = batch.hosts[t.origin];
      --host.active;
      if (t.is_robots) {
        complete_robots(batch, t, code);
      } else {
        complete_url(batch, t, code);
      }
    }
  }
};

MultiFetcher::MultiFetcher(MultiFetchOptions options)
    : m_options(std::move(options)), m_impl(std::make_unique<Impl>(m_options.fetch)) {}
MultiFetcher::~MultiFetcher() = default;
MultiFetcher::MultiFetcher(MultiFetcher&&) noexcept = default;
MultiFetcher& MultiFetcher::operator=(MultiFetcher&&) noexcept = default;

RobotsCache& MultiFetcher::robots() {
  return m_impl->robots;
}

void MultiFetcher::fetch_all(const std::vector<FetchRequest>& requests, const Callback& on_done) {
  Impl& impl = *m_impl;
  Impl::Batch batch;
  batch.options = &m_options;
  batch.on_done = &on_done;
  batch.pending.reserve(requests.size());
  for (const FetchRequest& request : requests) {
    batch.pending.push_back(Impl::Pending{request, {}, 0, {}, 0});
  }
  batch.remaining = batch.pending.size();
  for (std::size_t i = 0; i < batch.pending.size(); ++i) {
    auto origin = url_origin(trim(batch.pending[i].request.url));
    if (!origin) {
      impl.fail(batch, i, FetchFailure::invalid_url, origin.error().detail);
      continue;
    }
    batch.pending[i].origin = *origin;
    Impl::Host& host = batch.hosts[*origin];
    host.delay = m_options.per_host_delay;
    host.queue.push_back(i);
  }
  if (batch.remaining == 0) {
    return;
  }
  if (impl.multi == nullptr) {
    ensure_curl_global_init();
    impl.multi = curl_multi_init();
    if (impl.multi == nullptr) {
      for (auto& [origin, host] : batch.hosts) {
        for (const std::size_t index : host.queue) {
          impl.fail(batch, index, FetchFailure::other, "cannot create a libcurl multi handle");
        }
      }
      return;
    }
  }
  while (batch.remaining > 0) {
    const milliseconds wait = impl.schedule(batch);
    if (batch.remaining == 0) {
      break;
    }
    int running = 0;
    curl_multi_perform(impl.multi, &running);
    impl.drain_messages(batch);
    if (batch.remaining == 0) {
      break;
    }
    int events = 0;
    curl_multi_poll(impl.multi, nullptr, 0, static_cast<int>(std::min(wait, k_max_poll).count()), &events);
    curl_multi_perform(impl.multi, &running);
    impl.drain_messages(batch);
  }
}

} // namespace syndcheck::fetch
