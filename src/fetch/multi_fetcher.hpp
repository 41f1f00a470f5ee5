// fetch/multi_fetcher.hpp: fetch a batch of URLs concurrently and politely (libcurl multi).
//
// Rule: every URL gets exactly one FetchOutcome through the callback, whatever happens to its host
// (refused, slow, robots-disallowed, out of budget): a failing site never stops the batch. The
// callback runs on the calling thread, between transfers, as each URL completes.

#pragma once
#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fetch/fetcher.hpp"
#include "fetch/robots.hpp"

namespace syndcheck::fetch {

struct MultiFetchOptions {
  FetchOptions fetch; // Per-transfer body cap, timeouts, redirects, text check, user agent.
  // 16 transfers keep a 2-core machine busy on loopback (bench/scan) without tying up sockets;
  // per host, 2 is the long-standing politeness default of crawlers (RFC 2616 8.1.4's old limit).
  std::size_t max_concurrency = 16;
  std::size_t per_host_concurrency = 2;
  // Minimum time between two request starts on one host (origin). robots.txt Crawl-delay raises
  // it, up to max_crawl_delay (a site asking for more is treated as asking for that).
  std::chrono::milliseconds per_host_delay{1'000};
  std::chrono::milliseconds max_crawl_delay{30'000};
  // Retries after a 5xx, a 429 or a timeout: at most max_retries more attempts, waiting
  // retry_backoff, then 2x, 4x...; a Retry-After (seconds or HTTP-date) replaces the wait, capped.
  int max_retries = 2;
  std::chrono::milliseconds retry_backoff{1'000};
  std::chrono::milliseconds max_retry_after{120'000};
  // Wall time per host from its first request; what is still queued after it fails with
  // `timeout`, and running transfers are cut to what is left. Zero: no budget.
  std::chrono::milliseconds per_host_budget{600'000};
  bool check_robots = false; // Consult robots.txt (fetched once per origin) before each request.
  // Response header bytes kept per response: real servers send 1-8 KiB; more fails `too_large`.
  std::size_t max_header_bytes = 64 * 1024;
};

struct FetchRequest {
  std::string url;
  // Conditional GET: values from the previous fetch (FetchedPage::etag / last_modified).
  std::string if_none_match;
  std::string if_modified_since;
};

enum class OutcomeKind {
  fetched,      // result holds the page.
  not_modified, // 304 to a conditional GET: result holds a page with status 304, headers, no body.
  failed,       // result holds the error.
};
const char* to_string(OutcomeKind kind);

struct FetchOutcome {
  FetchRequest request;
  OutcomeKind kind = OutcomeKind::failed;
  std::expected<FetchedPage, FetchError> result;
  long http_status = 0; // Last status received (also for failures: 404, 503...); 0 if none.
  int attempts = 0;     // Requests made for this URL (0 if never sent: invalid, robots, budget).
};

// Owns a libcurl multi handle (connections are reused across batches) and the RobotsCache for the
// run. Movable, not thread-safe: one per thread.
class MultiFetcher {
public:
  using Callback = std::function<void(FetchOutcome)>;

  explicit MultiFetcher(MultiFetchOptions options = {});
  ~MultiFetcher();
  MultiFetcher(MultiFetcher&&) noexcept;
  MultiFetcher& operator=(MultiFetcher&&) noexcept;
  MultiFetcher(const MultiFetcher&) = delete;
  MultiFetcher& operator=(const MultiFetcher&) = delete;

  // Returns when every request has had its callback. Requests for the same URL are fetched once
  // each (no de-duplication: that is the caller's choice).
  void fetch_all(const std::vector<FetchRequest>& requests, const Callback& on_done);

  // Decisions cached so far (origins seen with check_robots on); callers may pre-seed it.
  RobotsCache& robots();
  const MultiFetchOptions& options() const { return m_options; }

private:
  struct Impl; // Keeps libcurl out of this header.
  MultiFetchOptions m_options;
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::fetch
