// model/url.cpp: URL parsing, resolution and normalisation for comparisons.
//
// Deliberately small: it handles the absolute http(s)/file URLs and relative hrefs found in news
// pages. It is not a validator; fetch/ (libcurl) is the judge of what can be retrieved.
#include "model/url.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace syndcheck::model {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Tracking parameters that never change which article a URL names. Chosen from the parameters
// that analytics and social sites append (Google, Facebook, Yandex, Mailchimp, Microsoft).
bool is_tracking_param(std::string_view name) {
  static constexpr std::string_view k_exact[] = {"fbclid",  "gclid",   "dclid",  "gbraid", "wbraid", "yclid",
                                                 "msclkid", "mc_cid",  "mc_eid", "_ga",    "_gl",    "igshid",
                                                 "ref",     "ref_src", "spm",    "cmpid",  "ocid"};
  const std::string n = lower(name);
  if (n.starts_with("utm_")) {
    return true;
  }
  return std::find(std::begin(k_exact), std::end(k_exact), n) != std::end(k_exact);
}

// Removes "." and ".." segments (RFC 3986 5.2.4).
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  const bool absolute = !path.empty() && path[0] == '/';
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) {
      j = path.size();
    }
    std::string_view seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) {
        out.pop_back();
      }
      if (j == path.size()) {
        out.emplace_back();
      }
    } else if (seg == ".") {
      if (j == path.size()) {
        out.emplace_back();
      }
    } else if (!(seg.empty() && i == 0 && absolute)) {
      out.emplace_back(seg);
    }
    i = j + 1;
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (k > 0) {
      result += '/';
    }
    result += out[k];
  }
  return result;
}

} // namespace

UrlParts parse_url(std::string_view url) {
  UrlParts parts;
  // Trim surrounding whitespace, which hrefs often carry.
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front())) != 0) {
    url.remove_prefix(1);
  }
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back())) != 0) {
    url.remove_suffix(1);
  }
  if (const auto hash = url.find('#'); hash != std::string_view::npos) {
    parts.fragment = std::string(url.substr(hash + 1));
    url = url.substr(0, hash);
  }
  if (const auto q = url.find('?'); q != std::string_view::npos) {
    parts.query = std::string(url.substr(q + 1));
    url = url.substr(0, q);
  }
  const auto colon = url.find(':');
  const auto first_slash = url.find('/');
  if (colon != std::string_view::npos && colon > 0 && (first_slash == std::string_view::npos || colon < first_slash)) {
    parts.scheme = lower(url.substr(0, colon));
    url = url.substr(colon + 1);
  }
  if (url.starts_with("//")) {
    url.remove_prefix(2);
    const auto end = url.find('/');
    std::string_view authority = url.substr(0, end);
    url = end == std::string_view::npos ? std::string_view{} : url.substr(end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
      authority = authority.substr(at + 1);
    }
    if (const auto pc = authority.rfind(':');
        pc != std::string_view::npos && authority.find(']') == std::string_view::npos) {
      parts.port = std::string(authority.substr(pc + 1));
      authority = authority.substr(0, pc);
    }
    parts.host = lower(authority);
    while (!parts.host.empty() && parts.host.back() == '.') {
      parts.host.pop_back();
    }
  }
  parts.path = url.empty() ? "/" : std::string(url);
  return parts;
}

std::string url_host(std::string_view url) {
  const UrlParts parts = parse_url(url);
  if (parts.scheme != "http" && parts.scheme != "https") {
    return {};
  }
  return parts.host;
}

bool host_in_domain(std::string_view host, std::string_view domain) {
  if (host.empty() || domain.empty()) {
    return false;
  }
  const std::string h = lower(host);
  const std::string d = lower(domain);
  if (h == d) {
    return true;
  }
  return h.size() > d.size() && h.ends_with(d) && h[h.size() - d.size() - 1] == '.';
}

std::string normalise_article_url(std::string_view url) {
  const UrlParts parts = parse_url(url);
  std::string host = parts.host;
  if (host.starts_with("www.")) {
    host = host.substr(4);
  }
  std::string path = remove_dot_segments(parts.path);
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  if (path == "/") {
    path.clear();
  }
  std::vector<std::string> params;
  std::size_t i = 0;
  while (i < parts.query.size()) {
    std::size_t j = parts.query.find('&', i);
    if (j == std::string::npos) {
      j = parts.query.size();
    }
    const std::string param = parts.query.substr(i, j - i);
    const std::string name = param.substr(0, param.find('='));
    if (!param.empty() && !is_tracking_param(name)) {
      params.push_back(param);
    }
    i = j + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out = host;
  const bool default_port = parts.port.empty() || parts.port == "80" || parts.port == "443";
  if (!default_port) {
    out += ":" + parts.port;
  }
  out += path;
  for (std::size_t k = 0; k < params.size(); ++k) {
    out += (k == 0 ? '?' : '&');
    out += params[k];
  }
  return out;
}

std::string resolve_url(std::string_view base, std::string_view href) {
  std::string_view h = href;
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front())) != 0) {
    h.remove_prefix(1);
  }
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back())) != 0) {
    h.remove_suffix(1);
  }
  const UrlParts ref = parse_url(h);
  if (!ref.scheme.empty()) {
    return std::string(h); // Already absolute (http:, mailto:, javascript: ...).
  }
  const UrlParts b = parse_url(base);
  if (b.scheme.empty()) {
    return std::string(h);
  }
  std::string authority =
      b.host.empty() && b.scheme != "file" ? "" : "//" + b.host + (b.port.empty() ? "" : ":" + b.port);
  if (h.starts_with("//")) {
    return b.scheme + ":" + std::string(h);
  }
  std::string path;
  std::string query;
  const auto qpos = h.find('?');
  const auto fpos = h.find('#');
  const std::string_view ref_path = h.substr(0, std::min(qpos, fpos));
  if (ref_path.empty()) {
    path = b.path;
    query = qpos != std::string_view::npos
                ? std::string(h.substr(qpos, fpos == std::string_view::npos ? std::string_view::npos : fpos - qpos))
                : (b.query.empty() ? "" : "?" + b.query);
  } else {
    if (ref_path.front() == '/') {
      path = remove_dot_segments(ref_path);
    } else {
      const auto slash = b.path.rfind('/');
      const std::string dir = slash == std::string::npos ? "/" : b.path.substr(0, slash + 1);
      path = remove_dot_segments(dir + std::string(ref_path));
    }
    if (qpos != std::string_view::npos) {
      query = std::string(h.substr(qpos, fpos == std::string_view::npos ? std::string_view::npos : fpos - qpos));
    }
  }
  const std::string fragment = fpos != std::string_view::npos ? std::string(h.substr(fpos)) : "";
  return b.scheme + ":" + authority + path + query + fragment;
}

} // namespace syndcheck::model
