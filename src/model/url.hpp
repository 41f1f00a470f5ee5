// model/url.hpp: the small URL algebra that rules and pipeline share (host, domain tests,
// normalisation for "is this the article's own URL"). Pure string work, no network, no libcurl.
//
// Rule: never throws; malformed input yields empty parts, which match nothing.

#pragma once
#include <string>
#include <string_view>

namespace syndcheck::model {

struct UrlParts {
  std::string scheme; // lower-cased
  std::string host;   // lower-cased, no port, no trailing dot
  std::string port;
  std::string path;  // "/" if empty
  std::string query; // without '?'
  std::string fragment;
};

UrlParts parse_url(std::string_view url);

// Host of an absolute http(s) URL, lower-cased; empty if there is none.
std::string url_host(std::string_view url);

// True if `host` is `domain` or a subdomain of it ("www.ukrinform.net" in "ukrinform.net").
bool host_in_domain(std::string_view host, std::string_view domain);

// Normalised form for comparing article URLs: no scheme, no "www.", no trailing slash, no
// fragment, no tracking parameters (utm_*, fbclid, gclid, yclid, mc_cid, mc_eid, _ga, ref...),
// remaining parameters sorted. Host lower-cased; path case kept.
std::string normalise_article_url(std::string_view url);

// Resolves `href` against `base` (RFC 3986 section 5.2, enough for the web's real hrefs).
std::string resolve_url(std::string_view base, std::string_view href);

} // namespace syndcheck::model
