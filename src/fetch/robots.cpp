// fetch/robots.cpp: RFC 9309 robots.txt parsing and matching, and the per-origin cache.
//
// Rule: follow the RFC where it speaks (grouping, longest match, Allow on ties, 4xx/5xx
// handling, 500 KiB) and Google's documented behaviour where it is silent (Crawl-delay, the
// product token taken up to the first character outside [A-Za-z_-]).
#include "fetch/robots.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>

namespace syndcheck::fetch {
namespace {

// Crawl-delay above this is read as this: a site asking for more than a day per request is, for
// an hourly scanner, the same as "never"; the cap only keeps the arithmetic bounded.
constexpr double k_max_crawl_delay_seconds = 86'400.0;
// A Fetcher for robots.txt refuses bodies above this (the first 500 KiB are parsed). Chosen as 4x
// the parse limit: larger robots.txt files are pathological and are treated as unreachable.
constexpr std::uint64_t k_robots_fetch_cap = 4 * k_robots_max_bytes;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The product token of a User-agent value: "Googlebot/2.1 (+http://...)" -> "googlebot".
std::string agent_token(std::string_view value) {
  std::size_t n = 0;
  while (n < value.size() && (std::isalpha(static_cast<unsigned char>(value[n])) != 0 || value[n] == '_' ||
                              value[n] == '-' || value[n] == '*')) {
    ++n;
  }
  return lower(value.substr(0, n));
}

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// RFC 9309 2.2.2: compare in percent-encoded form. Bytes outside printable US-ASCII are encoded
// and existing escapes upper-cased, so "/ä", "/%c3%a4" and "/%C3%A4" are one path.
std::string normalise_path(std::string_view s) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      i += 2;
    } else if (c <= 0x20U || c >= 0x7FU) {
      out += '%';
      out += k_hex[c >> 4U];
      out += k_hex[c & 0x0FU];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// '*' matches any run of bytes; a final '$' anchors at the end; otherwise a prefix match.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) {
    pattern.remove_suffix(1);
  }
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) {
        return true;
      }
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) {
      return false;
    }
    p = star + 1;
    s = ++star_s;
  }
}

std::optional<std::chrono::milliseconds> parse_crawl_delay(std::string_view value) {
  double seconds = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc{} || ptr != value.data() + value.size() || !(seconds >= 0)) {
    return std::nullopt;
  }
  seconds = std::min(seconds, k_max_crawl_delay_seconds);
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

struct Group {
  std::vector<std::string> agents;
  std::vector<RobotsRule> rules;
  std::optional<std::chrono::milliseconds> crawl_delay;
  bool has_directives = false;
};

} // namespace

RobotsTxt RobotsTxt::allow_all() {
  RobotsTxt out;
  out.m_source = Source::unavailable_4xx;
  return out;
}

RobotsTxt RobotsTxt::disallow_all() {
  RobotsTxt out;
  out.m_source = Source::unreachable;
  out.m_disallow_everything = true;
  return out;
}

RobotsTxt RobotsTxt::parse(std::string_view body, std::string_view token) {
  if (body.size() > k_robots_max_bytes) {
    body = body.substr(0, k_robots_max_bytes);
  }
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
  }
  const std::string wanted = lower(token);
  std::vector<Group> groups;
  RobotsTxt out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    const std::string key = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (groups.empty() || groups.back().has_directives) {
        groups.emplace_back();
      }
      groups.back().agents.push_back(agent_token(value));
    } else if (key == "allow" || key == "disallow") {
      if (groups.empty()) {
        continue; // A rule before any User-agent belongs to no group.
      }
      groups.back().has_directives = true;
      if (!value.empty()) { // "Disallow:" with no path allows everything: no rule needed.
        groups.back().rules.push_back(RobotsRule{key == "allow", normalise_path(value)});
      }
    } else if (key == "crawl-delay") {
      if (!groups.empty()) {
        groups.back().has_directives = true;
        if (!groups.back().crawl_delay) {
          groups.back().crawl_delay = parse_crawl_delay(value);
        }
      }
    } else if (key == "sitemap") {
      if (!value.empty()) {
        out.m_sitemaps.emplace_back(value);
      }
    }
  }
  // RFC 9309 2.2.1: every group naming our token applies, merged; only without one, the '*' groups.
  const auto names = [](const Group& g, std::string_view name) {
    return std::find(g.agents.begin(), g.agents.end(), name) != g.agents.end();
  };
  bool specific = std::any_of(groups.begin(), groups.end(), [&](const Group& g) { return names(g, wanted); });
  const std::string_view chosen = specific ? std::string_view(wanted) : std::string_view("*");
  for (const Group& g : groups) {
    if (!names(g, chosen)) {
      continue;
    }
    out.m_rules.insert(out.m_rules.end(), g.rules.begin(), g.rules.end());
    if (!out.m_crawl_delay && g.crawl_delay) {
      out.m_crawl_delay = g.crawl_delay;
    }
  }
  out.m_specific = specific;
  out.m_source = Source::parsed;
  return out;
}

bool RobotsTxt::allowed(std::string_view path) const {
  if (path.starts_with("http://") || path.starts_with("https://")) {
    return allowed(url_path_and_query(path));
  }
  const std::string normalised = normalise_path(path.empty() ? std::string_view("/") : path);
  if (normalised == "/robots.txt") {
    return true; // RFC 9309 2.2.2: implicitly allowed.
  }
  if (m_disallow_everything) {
    return false;
  }
  // Longest pattern wins; on equal length Allow wins (the least restrictive rule).
  std::size_t best_length = 0;
  bool best_allow = true;
  bool any = false;
  for (const RobotsRule& rule : m_rules) {
    if (!pattern_matches(rule.pattern, normalised)) {
      continue;
    }
    const std::size_t length = rule.pattern.size();
    if (!any || length > best_length) {
      best_length = length;
      best_allow = rule.allow;
      any = true;
    } else if (length == best_length && rule.allow) {
      best_allow = true;
    }
  }
  return best_allow;
}

std::expected<std::string, FetchError> url_origin(std::string_view url) {
  const auto bad = [&](std::string detail) {
    return std::unexpected(FetchError{FetchFailure::invalid_url, std::string(url), std::move(detail)});
  };
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) {
    return bad("not an absolute URL");
  }
  const std::string scheme = lower(url.substr(0, sep));
  if (scheme != "http" && scheme != "https") {
    return bad("not an http(s) URL");
  }
  std::string_view rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  std::string_view host = rest;
  std::string_view port;
  const auto bracket = rest.find(']');
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) {
    return bad("URL has no host");
  }
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return bad("bad port");
  }
  std::string out = scheme + "://" + lower(host);
  if (!port.empty() && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443")) {
    out += ":";
    out += port;
  }
  return out;
}

std::string url_path_and_query(std::string_view url) {
  const auto sep = url.find("://");
  std::string_view rest = sep == std::string_view::npos ? url : url.substr(sep + 3);
  if (sep != std::string_view::npos) {
    const auto slash = rest.find_first_of("/?#");
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  }
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() == '?') {
    return "/" + std::string(rest);
  }
  return std::string(rest);
}

RobotsTxt robots_from_response(const RobotsResponse& response, std::string_view token) {
  if (response.http_status >= 200 && response.http_status < 300) {
    return RobotsTxt::parse(response.body, token);
  }
  if (response.http_status >= 400 && response.http_status < 500) {
    return RobotsTxt::allow_all(); // RFC 9309 2.3.1.3 (including 401/403).
  }
  return RobotsTxt::disallow_all(); // 2.3.1.4: 5xx, unreachable, or redirects that never ended.
}

namespace {

// Fetcher reports 4xx/5xx as FetchFailure::http_status with "HTTP <code> ..." in detail.
long status_from_error(const FetchError& error) {
  if (error.failure != FetchFailure::http_status || !error.detail.starts_with("HTTP ")) {
    return 0;
  }
  long code = 0;
  const std::string_view digits = std::string_view(error.detail).substr(5, 3);
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
  return ec == std::errc{} && ptr == digits.data() + digits.size() ? code : 0;
}

} // namespace

RobotsCache::RobotsCache(FetchOptions options, std::string token) : m_token(std::move(token)) {
  options.require_text = false; // robots.txt is often served as application/octet-stream.
  options.max_body_bytes = k_robots_fetch_cap;
  auto fetcher = std::make_shared<Fetcher>(std::move(options));
  m_source = [fetcher](std::string_view robots_url) {
    auto page = fetcher->get(robots_url);
    if (page) {
      return RobotsResponse{page->http_status, std::move(page->body)};
    }
    return RobotsResponse{status_from_error(page.error()), {}};
  };
}

RobotsCache::RobotsCache(Source source, std::string token) : m_source(std::move(source)), m_token(std::move(token)) {}

std::expected<std::reference_wrapper<const RobotsTxt>, FetchError> RobotsCache::rules_for(std::string_view url) {
  auto origin = url_origin(url);
  if (!origin) {
    return std::unexpected(origin.error());
  }
  auto it = m_by_origin.find(*origin);
  if (it == m_by_origin.end()) {
    const RobotsResponse response = m_source(*origin + "/robots.txt");
    it = m_by_origin.emplace(*origin, robots_from_response(response, m_token)).first;
  }
  return std::cref(it->second);
}

std::expected<bool, FetchError> RobotsCache::allowed(std::string_view url) {
  auto rules = rules_for(url);
  if (!rules) {
    return std::unexpected(rules.error());
  }
  return rules->get().allowed(url_path_and_query(url));
}

void RobotsCache::store(const std::string& origin, RobotsTxt robots) {
  m_by_origin.insert_or_assign(origin, std::move(robots));
}

bool RobotsCache::contains(const std::string& origin) const {
  return m_by_origin.contains(origin);
}

const RobotsTxt& RobotsCache::get(const std::string& origin) const {
  const auto it = m_by_origin.find(origin);
  assert(it != m_by_origin.end() && "RobotsCache::get without contains()");
  return it->second;
}

} // namespace syndcheck::fetch
