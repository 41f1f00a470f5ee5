// discover/discover.cpp: feeds and sitemaps through pugixml; the only file with <pugixml.hpp>.
//
// Rule: elements are matched by namespace URI + local name, never by prefix, so <image:loc> is
// never taken for a page's <loc> and a feed that picks its own prefixes still parses.
#include "discover/discover.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <unordered_set>

#include "model/url.hpp"

namespace syndcheck::discover {
namespace {

constexpr std::string_view k_ns_sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr std::string_view k_ns_news = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr std::string_view k_ns_atom = "http://www.w3.org/2005/Atom";
constexpr std::string_view k_ns_dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view k_ns_rss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view k_ns_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
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

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view local_name(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view prefix_of(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

// The namespace URI of an element: the nearest xmlns / xmlns:prefix declaration in scope.
std::string_view namespace_uri(pugi::xml_node node) {
  const std::string_view prefix = prefix_of(node.name());
  if (prefix == "xml") {
    return "http://www.w3.org/XML/1998/namespace";
  }
  const std::string attr = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (n.type() != pugi::node_element) {
      break;
    }
    if (const pugi::xml_attribute a = n.attribute(attr.c_str())) {
      return a.value();
    }
  }
  return {};
}

bool is_element(pugi::xml_node node, std::string_view ns, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local && namespace_uri(node) == ns;
}

pugi::xml_node child_element(pugi::xml_node parent, std::string_view ns, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (is_element(c, ns, local)) {
      return c;
    }
  }
  return {};
}

// Text of all PCDATA/CDATA under `node`, in document order (a title may mix CDATA and text).
void append_text(pugi::xml_node node, std::string& out, std::size_t cap) {
  for (pugi::xml_node c = node.first_child(); c && out.size() < cap; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      append_text(c, out, cap);
    }
  }
}

// Cuts `s` to at most `cap` bytes without splitting a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t cap) {
  if (s.size() <= cap) {
    return;
  }
  std::size_t end = cap;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0U) == 0x80U) {
    --end;
  }
  s.resize(end);
}

std::string collapsed_text(pugi::xml_node node, std::size_t cap) {
  std::string raw;
  if (node) {
    // Collected with headroom so whitespace collapsing still leaves up to `cap` bytes.
    append_text(node, raw, cap * 2 + 16);
  }
  std::string out;
  bool pending_space = false;
  for (const char c : raw) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  cut_utf8(out, cap);
  return out;
}

// A URL as written: trimmed, and with tabs/newlines inside removed (what browsers do).
std::string url_text(pugi::xml_node node, std::size_t cap) {
  std::string raw;
  if (node) {
    append_text(node, raw, cap + 1024);
  }
  std::string out;
  for (const char c : trim(raw)) {
    if (c != '\t' && c != '\n' && c != '\r') {
      out += c;
    }
  }
  return out;
}

// The base URL in effect at `node`: the document URL, then every xml:base from the root down.
std::string effective_base(pugi::xml_node node, std::string_view document_url) {
  std::vector<std::string_view> bases;
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute("xml:base")) {
      bases.emplace_back(a.value());
    }
  }
  std::string base(document_url);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    base = model::resolve_url(base, trim(*it));
  }
  return base;
}

bool is_http_url(std::string_view url) {
  const model::UrlParts parts = model::parse_url(url);
  return (parts.scheme == "http" || parts.scheme == "https") && !parts.host.empty();
}

std::string_view xml_lang(pugi::xml_node node) {
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute("xml:lang")) {
      return a.value();
    }
  }
  return {};
}

std::pair<int, int> line_column(std::string_view text, std::ptrdiff_t offset) {
  const std::size_t end = std::min(text.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::unexpected<DiscoverError> fail(DiscoverFailure failure, std::string_view url, std::string detail, int line = 0,
                                    int column = 0) {
  return std::unexpected(DiscoverError{failure, std::string(url), line, column, std::move(detail)});
}

// Collects entries with the caps and the per-document de-duplication.
class Collector {
public:
  Collector(std::string_view document_url, const DiscoverOptions& options)
      : m_document_url(document_url), m_options(options) {}

  // Returns false when the entry cap is exceeded (the caller turns that into an error).
  bool add(Entry entry, pugi::xml_node url_node, std::string raw_url) {
    if (raw_url.empty() || raw_url.size() > m_options.max_url_bytes) {
      return true;
    }
    entry.url = model::resolve_url(effective_base(url_node, m_document_url), raw_url);
    if (!is_http_url(entry.url) || !m_seen.insert(entry.url).second) {
      return true;
    }
    if (m_entries.size() >= m_options.max_entries) {
      return false;
    }
    if (!entry.published_text.empty()) {
      entry.published = parse_iso8601_date(entry.published_text);
      if (!entry.published) {
        entry.published = parse_rfc822_date(entry.published_text);
      }
    }
    if (!entry.lastmod_text.empty()) {
      entry.lastmod = parse_iso8601_date(entry.lastmod_text);
      if (!entry.lastmod) {
        entry.lastmod = parse_rfc822_date(entry.lastmod_text);
      }
    }
    m_entries.push_back(std::move(entry));
    return true;
  }

  std::vector<Entry> take() { return std::move(m_entries); }
  const DiscoverOptions& options() const { return m_options; }

private:
  std::string_view m_document_url;
  const DiscoverOptions& m_options;
  std::vector<Entry> m_entries;
  std::unordered_set<std::string> m_seen;
};

bool parse_sitemap(pugi::xml_node root, bool index, Collector& out, bool& google_news) {
  const std::string ns(namespace_uri(root)); // sitemaps.org, or none for sloppy generators.
  const std::string_view item_name = index ? "sitemap" : "url";
  const std::size_t title_cap = out.options().max_title_bytes;
  for (pugi::xml_node item = root.first_child(); item; item = item.next_sibling()) {
    if (!is_element(item, ns, item_name)) {
      continue;
    }
    const pugi::xml_node loc = child_element(item, ns, "loc");
    Entry entry;
    entry.kind = index ? EntryKind::sitemap : EntryKind::article;
    entry.lastmod_text = std::string(trim(collapsed_text(child_element(item, ns, "lastmod"), 64)));
    if (const pugi::xml_node news = child_element(item, k_ns_news, "news")) {
      google_news = true;
      entry.title = collapsed_text(child_element(news, k_ns_news, "title"), title_cap);
      entry.published_text = collapsed_text(child_element(news, k_ns_news, "publication_date"), 64);
      const pugi::xml_node publication = child_element(news, k_ns_news, "publication");
      entry.language = collapsed_text(child_element(publication, k_ns_news, "language"), 32);
    }
    if (!out.add(std::move(entry), loc, url_text(loc, out.options().max_url_bytes))) {
      return false;
    }
  }
  return true;
}

bool parse_atom(pugi::xml_node feed, Collector& out) {
  const std::size_t title_cap = out.options().max_title_bytes;
  for (pugi::xml_node item = feed.first_child(); item; item = item.next_sibling()) {
    if (!is_element(item, k_ns_atom, "entry")) {
      continue;
    }
    // rel="alternate" (the default) is the article; prefer an HTML one when several are given.
    pugi::xml_node chosen;
    for (pugi::xml_node link = item.first_child(); link; link = link.next_sibling()) {
      if (!is_element(link, k_ns_atom, "link")) {
        continue;
      }
      const std::string_view rel = trim(link.attribute("rel").value());
      if (!rel.empty() && rel != "alternate") {
        continue;
      }
      const std::string_view type = trim(link.attribute("type").value());
      if (!chosen || (type.find("html") != std::string_view::npos &&
                      std::string_view(chosen.attribute("type").value()).find("html") == std::string_view::npos)) {
        chosen = link;
      }
    }
    Entry entry;
    entry.title = collapsed_text(child_element(item, k_ns_atom, "title"), title_cap);
    entry.published_text = collapsed_text(child_element(item, k_ns_atom, "published"), 64);
    entry.lastmod_text = collapsed_text(child_element(item, k_ns_atom, "updated"), 64);
    entry.language = std::string(trim(xml_lang(item)));
    bool ok = true;
    if (chosen) {
      std::string href(trim(chosen.attribute("href").value()));
      ok = out.add(std::move(entry), chosen, std::move(href));
    } else {
      // No link: an <id> that is itself an http(s) URL is the next best thing.
      const pugi::xml_node id = child_element(item, k_ns_atom, "id");
      std::string raw = url_text(id, out.options().max_url_bytes);
      if (is_http_url(raw)) {
        ok = out.add(std::move(entry), id, std::move(raw));
      }
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

// RSS 2.0 items live under <channel>; RSS 1.0 items are siblings of <channel> under rdf:RDF.
bool parse_rss_items(pugi::xml_node parent, std::string_view ns, std::string_view language, Collector& out) {
  const std::size_t title_cap = out.options().max_title_bytes;
  for (pugi::xml_node item = parent.first_child(); item; item = item.next_sibling()) {
    if (!is_element(item, ns, "item")) {
      continue;
    }
    Entry entry;
    entry.title = collapsed_text(child_element(item, ns, "title"), title_cap);
    entry.published_text = collapsed_text(child_element(item, ns, "pubDate"), 64);
    if (entry.published_text.empty()) {
      entry.published_text = collapsed_text(child_element(item, k_ns_dc, "date"), 64);
    }
    entry.lastmod_text = collapsed_text(child_element(item, k_ns_atom, "updated"), 64);
    entry.language = std::string(language);
    pugi::xml_node url_node = child_element(item, ns, "link");
    std::string raw = url_text(url_node, out.options().max_url_bytes);
    if (raw.empty()) {
      // <guid> is the permalink unless isPermaLink="false" (RSS 2.0 spec).
      const pugi::xml_node guid = child_element(item, ns, "guid");
      if (guid && !iequals(trim(guid.attribute("isPermaLink").value()), "false")) {
        url_node = guid;
        raw = url_text(guid, out.options().max_url_bytes);
      }
    }
    if (raw.empty() && ns == k_ns_rss1) {
      url_node = item;
      raw = std::string(trim(item.attribute("rdf:about").value()));
    }
    if (!out.add(std::move(entry), url_node, std::move(raw))) {
      return false;
    }
  }
  return true;
}

int parse_int(std::string_view s, bool& ok) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  ok = ec == std::errc{} && ptr == s.data() + s.size() && !s.empty();
  return value;
}

std::optional<std::chrono::sys_seconds> make_time(int year, int month, int day, int hour, int minute, int second,
                                                  int offset_minutes) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (month < 1 || month > 12 || day < 1 || day > 31 || !ymd.ok() || hour < 0 || hour > 24 || minute < 0 ||
      minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  // A leap second (":60") is folded into the next minute; nothing here needs that precision.
  return sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second} - minutes{offset_minutes};
}

// "+0300", "-05:00", "+03": minutes east of UTC.
std::optional<int> parse_offset(std::string_view s) {
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) {
    return std::nullopt;
  }
  const int sign = s[0] == '-' ? -1 : 1;
  std::string digits;
  for (const char c : s.substr(1)) {
    if (c != ':') {
      digits += c;
    }
  }
  bool ok = false;
  if (digits.size() == 2) {
    const int h = parse_int(digits, ok);
    return ok && h <= 23 ? std::optional<int>(sign * h * 60) : std::nullopt;
  }
  if (digits.size() != 4) {
    return std::nullopt;
  }
  bool ok2 = false;
  const int h = parse_int(std::string_view(digits).substr(0, 2), ok);
  const int m = parse_int(std::string_view(digits).substr(2), ok2);
  if (!ok || !ok2 || h > 23 || m > 59) {
    return std::nullopt;
  }
  return sign * (h * 60 + m);
}

} // namespace

const char* to_string(EntryKind kind) {
  switch (kind) {
  case EntryKind::article: return "article";
  case EntryKind::sitemap: return "sitemap";
  }
  return "article";
}

const char* to_string(DocumentFormat format) {
  switch (format) {
  case DocumentFormat::rss: return "rss";
  case DocumentFormat::atom: return "atom";
  case DocumentFormat::sitemap: return "sitemap";
  case DocumentFormat::sitemap_index: return "sitemap-index";
  }
  return "rss";
}

const char* to_string(DiscoverFailure failure) {
  switch (failure) {
  case DiscoverFailure::empty: return "empty";
  case DiscoverFailure::too_large: return "too-large";
  case DiscoverFailure::malformed_xml: return "malformed-xml";
  case DiscoverFailure::unknown_format: return "unknown-format";
  case DiscoverFailure::too_many_entries: return "too-many-entries";
  }
  return "malformed-xml";
}

std::string describe(const DiscoverError& error) {
  std::string out = error.url.empty() ? std::string("(no url)") : error.url;
  if (error.line > 0) {
    out += ":" + std::to_string(error.line) + ":" + std::to_string(error.column);
  }
  out += ": ";
  out += error.detail.empty() ? std::string(to_string(error.failure)) : error.detail;
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::string declared_encoding(std::string_view xml) {
  std::string_view head = xml.substr(0, 512);
  if (head.starts_with("\xEF\xBB\xBF")) {
    head.remove_prefix(3);
  }
  if (!head.starts_with("<?xml")) {
    return {};
  }
  head = head.substr(0, head.find("?>"));
  const auto pos = head.find("encoding");
  if (pos == std::string_view::npos) {
    return {};
  }
  std::string_view rest = trim(head.substr(pos + 8));
  if (rest.empty() || rest.front() != '=') {
    return {};
  }
  rest = trim(rest.substr(1));
  if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) {
    return {};
  }
  const char quote = rest.front();
  rest.remove_prefix(1);
  const auto end = rest.find(quote);
  return end == std::string_view::npos ? std::string() : lower(trim(rest.substr(0, end)));
}

std::optional<std::chrono::sys_seconds> parse_iso8601_date(std::string_view text) {
  const std::string_view s = trim(text);
  bool ok = false;
  if (s.size() < 4) {
    return std::nullopt;
  }
  const int year = parse_int(s.substr(0, 4), ok);
  if (!ok) {
    return std::nullopt;
  }
  int month = 1;
  int day = 1;
  std::size_t pos = 4;
  // W3C Datetime allows "YYYY", "YYYY-MM" and "YYYY-MM-DD" before any time.
  if (pos < s.size()) {
    if (s[pos] != '-' || s.size() < pos + 3) {
      return std::nullopt;
    }
    month = parse_int(s.substr(pos + 1, 2), ok);
    if (!ok) {
      return std::nullopt;
    }
    pos += 3;
  }
  if (pos < s.size()) {
    if (s[pos] != '-' || s.size() < pos + 3) {
      return std::nullopt;
    }
    day = parse_int(s.substr(pos + 1, 2), ok);
    if (!ok) {
      return std::nullopt;
    }
    pos += 3;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset = 0;
  if (pos < s.size()) {
    if ((s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') || s.size() < pos + 6 || s[pos + 3] != ':') {
      return std::nullopt;
    }
    bool ok2 = false;
    hour = parse_int(s.substr(pos + 1, 2), ok);
    minute = parse_int(s.substr(pos + 4, 2), ok2);
    if (!ok || !ok2) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      second = parse_int(s.substr(pos + 1, 2), ok);
      if (!ok) {
        return std::nullopt;
      }
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos; // Fractions of a second are dropped: sitemaps and feeds never need them.
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) != 0) {
          ++pos;
        }
      }
    }
    const std::string_view zone = trim(s.substr(pos));
    if (zone == "Z" || zone == "z" || zone.empty()) {
      offset = 0; // No zone with a time is invalid W3C Datetime; UTC is the least surprising guess.
    } else if (const auto parsed = parse_offset(zone)) {
      offset = *parsed;
    } else {
      return std::nullopt;
    }
  }
  return make_time(year, month, day, hour, minute, second, offset);
}

std::optional<std::chrono::sys_seconds> parse_rfc822_date(std::string_view text) {
  std::vector<std::string_view> tokens;
  const std::string_view s = trim(text);
  std::size_t i = 0;
  while (i < s.size() && tokens.size() < 8) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != ',') {
      ++i;
    }
    if (i > start) {
      tokens.push_back(s.substr(start, i - start));
    }
  }
  std::size_t t = 0;
  if (t < tokens.size() && std::isalpha(static_cast<unsigned char>(tokens[t].front())) != 0) {
    ++t; // Day of the week: informative only.
  }
  if (tokens.size() < t + 4) {
    return std::nullopt;
  }
  bool ok = false;
  const int day = parse_int(tokens[t], ok);
  if (!ok) {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string month_name = lower(tokens[t + 1].substr(0, 3));
  const auto month_it = std::find(k_months.begin(), k_months.end(), month_name);
  if (month_it == k_months.end()) {
    return std::nullopt;
  }
  const int month = static_cast<int>(month_it - k_months.begin()) + 1;
  int year = parse_int(tokens[t + 2], ok);
  if (!ok) {
    return std::nullopt;
  }
  if (tokens[t + 2].size() == 2) {
    year += year < 50 ? 2000 : 1900; // RFC 2822 4.3: two-digit years.
  }
  const std::string_view time = tokens[t + 3];
  if (time.size() < 5 || time[2] != ':') {
    return std::nullopt;
  }
  bool ok2 = false;
  const int hour = parse_int(time.substr(0, 2), ok);
  const int minute = parse_int(time.substr(3, 2), ok2);
  if (!ok || !ok2) {
    return std::nullopt;
  }
  int second = 0;
  if (time.size() >= 8 && time[5] == ':') {
    second = parse_int(time.substr(6, 2), ok);
    if (!ok) {
      return std::nullopt;
    }
  }
  int offset = 0;
  if (tokens.size() > t + 4) {
    const std::string zone = lower(tokens[t + 4]);
    struct Named {
      std::string_view name;
      int minutes;
    };
    // RFC 822 5.1's named zones; military letters are ambiguous in practice and read as UTC.
    static constexpr std::array<Named, 11> k_zones = {{{"gmt", 0},
                                                       {"ut", 0},
                                                       {"utc", 0},
                                                       {"z", 0},
                                                       {"est", -300},
                                                       {"edt", -240},
                                                       {"cst", -360},
                                                       {"cdt", -300},
                                                       {"mst", -420},
                                                       {"mdt", -360},
                                                       {"pst", -480}}};
    if (const auto parsed = parse_offset(zone)) {
      offset = *parsed;
    } else if (zone == "pdt") {
      offset = -420;
    } else {
      const auto it =
          std::find_if(k_zones.begin(), k_zones.end(), [&](const Named& named) { return named.name == zone; });
      offset = it == k_zones.end() ? 0 : it->minutes;
    }
  }
  return make_time(year, month, day, hour, minute, second, offset);
}

std::expected<Document, DiscoverError> parse_document(std::string_view xml, std::string_view document_url,
                                                      const DiscoverOptions& options) {
  if (xml.size() > options.max_input_bytes) {
    return fail(DiscoverFailure::too_large, document_url,
                "document of " + std::to_string(xml.size()) + " bytes exceeds the cap of " +
                    std::to_string(options.max_input_bytes) + " bytes");
  }
  if (trim(xml).empty()) {
    return fail(DiscoverFailure::empty, document_url, "empty document");
  }
  pugi::xml_document doc;
  // parse_default keeps CDATA as its own node type (append_text reads both); pugixml never loads
  // external entities or DTDs, so a hostile feed cannot reach the file system or the network.
  const pugi::xml_parse_result result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) {
    const auto [line, column] = line_column(xml, result.offset);
    return fail(DiscoverFailure::malformed_xml, document_url, std::string("malformed XML: ") + result.description(),
                line, column);
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = local_name(root.name());
  const std::string_view root_ns = namespace_uri(root);
  Document out;
  Collector collector(document_url, options);
  bool ok = true;
  if (root_name == "urlset" && (root_ns == k_ns_sitemap || root_ns.empty())) {
    out.format = DocumentFormat::sitemap;
    ok = parse_sitemap(root, false, collector, out.google_news);
  } else if (root_name == "sitemapindex" && (root_ns == k_ns_sitemap || root_ns.empty())) {
    out.format = DocumentFormat::sitemap_index;
    ok = parse_sitemap(root, true, collector, out.google_news);
  } else if (root_name == "feed" && root_ns == k_ns_atom) {
    out.format = DocumentFormat::atom;
    ok = parse_atom(root, collector);
  } else if (root_name == "rss" && root_ns.empty()) {
    out.format = DocumentFormat::rss;
    const pugi::xml_node channel = child_element(root, "", "channel");
    const std::string language = collapsed_text(child_element(channel, "", "language"), 32);
    ok = parse_rss_items(channel, "", language, collector);
  } else if (root_name == "RDF" && root_ns == k_ns_rdf) {
    out.format = DocumentFormat::rss;
    const pugi::xml_node channel = child_element(root, k_ns_rss1, "channel");
    const std::string language = collapsed_text(child_element(channel, k_ns_dc, "language"), 32);
    ok = parse_rss_items(root, k_ns_rss1, language, collector);
  } else {
    const auto [line, column] = line_column(xml, root.offset_debug());
    return fail(DiscoverFailure::unknown_format, document_url,
                "not a feed or sitemap: root element <" + std::string(root.name()) + ">" +
                    (root_ns.empty() ? std::string() : " in namespace " + std::string(root_ns)),
                line, column);
  }
  if (!ok) {
    return fail(DiscoverFailure::too_many_entries, document_url,
                "more than " + std::to_string(options.max_entries) + " entries");
  }
  out.entries = collector.take();
  return out;
}

} // namespace syndcheck::discover
