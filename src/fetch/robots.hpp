// fetch/robots.hpp: robots.txt per RFC 9309 — parse once, then answer "may we fetch this path?".
//
// Rule: the answer is always a decision, never "unknown": an unreachable or 5xx robots.txt means
// disallow all (RFC 9309 2.3.1.4), a 4xx means allow all (2.3.1.3), and a parsed file decides by
// the longest matching rule, Allow winning ties (2.2.2).

#pragma once
#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/fetcher.hpp"

namespace syndcheck::fetch {

// The product token we look for in User-agent lines (case-insensitive).
inline constexpr std::string_view k_robots_token = "syndcheck";

// RFC 9309 2.5: crawlers MUST parse at least 500 KiB; bytes after that are ignored.
inline constexpr std::size_t k_robots_max_bytes = 500 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern; // Percent-encoding normalised; may contain '*' and a final '$'.
};

class RobotsTxt {
public:
  // Why this decision exists, for logs and reports.
  enum class Source { parsed, unavailable_4xx, unreachable };

  // Parses `body` (only the first k_robots_max_bytes) and keeps the group(s) for `token`, or the
  // '*' group(s) when none names it. Never fails: lines that do not parse are ignored (RFC 9309 2.2).
  static RobotsTxt parse(std::string_view body, std::string_view token = k_robots_token);
  static RobotsTxt allow_all();    // 4xx: "no robots.txt".
  static RobotsTxt disallow_all(); // 5xx, network failure, or a robots.txt we could not read.

  // `path` is the URL's path and query ("/a/b?c=d"); a full http(s) URL is also accepted.
  bool allowed(std::string_view path) const;
  // Crawl-delay of the chosen group, if it gave a valid one (non-standard, honoured by convention).
  std::optional<std::chrono::milliseconds> crawl_delay() const { return m_crawl_delay; }
  // Sitemap: lines (they belong to no group), absolute URLs as written.
  const std::vector<std::string>& sitemaps() const { return m_sitemaps; }
  Source source() const { return m_source; }
  bool matched_specific_group() const { return m_specific; } // True if a group named our token.
  const std::vector<RobotsRule>& rules() const { return m_rules; }

private:
  std::vector<RobotsRule> m_rules;
  std::optional<std::chrono::milliseconds> m_crawl_delay;
  std::vector<std::string> m_sitemaps;
  Source m_source = Source::parsed;
  bool m_specific = false;
  bool m_disallow_everything = false;
};

// "scheme://host[:port]" of an http(s) URL, lower-cased, default ports dropped; error for
// anything else. The cache key for robots.txt and the politeness key for MultiFetcher.
std::expected<std::string, FetchError> url_origin(std::string_view url);
// Path and query of a URL ("/" if empty), as RobotsTxt::allowed wants it.
std::string url_path_and_query(std::string_view url);

// What fetching /robots.txt gave: a body (2xx), a status that decides alone (4xx, 5xx), or a
// transport failure (treated like 5xx).
struct RobotsResponse {
  long http_status = 0; // 0 if no response at all.
  std::string body;
};
RobotsTxt robots_from_response(const RobotsResponse& response, std::string_view token = k_robots_token);

// Fetches /robots.txt once per origin and remembers the decision for the run. Not thread-safe:
// one per worker or per MultiFetcher.
class RobotsCache {
public:
  // How robots.txt bytes are obtained; tests and MultiFetcher supply their own.
  using Source = std::function<RobotsResponse(std::string_view robots_url)>;

  // Fetches through a Fetcher built from `options` (text check off, body cap raised so a large
  // file is truncated at 500 KiB rather than refused).
  explicit RobotsCache(FetchOptions options = {}, std::string token = std::string(k_robots_token));
  RobotsCache(Source source, std::string token);

  // The decision for `url`'s origin, fetching robots.txt on first use. Error only for a URL that
  // has no http(s) origin.
  std::expected<bool, FetchError> allowed(std::string_view url);
  std::expected<std::reference_wrapper<const RobotsTxt>, FetchError> rules_for(std::string_view url);

  // For callers (MultiFetcher) that fetch robots.txt themselves: store and look up by origin.
  void store(const std::string& origin, RobotsTxt robots);
  bool contains(const std::string& origin) const;
  const RobotsTxt& get(const std::string& origin) const; // Precondition: contains(origin).
  const std::string& token() const { return m_token; }
  std::size_t size() const { return m_by_origin.size(); }

private:
  Source m_source;
  std::string m_token;
  std::map<std::string, RobotsTxt> m_by_origin;
};

} // namespace syndcheck::fetch
