// extract/credits.cpp: credits from JSON-LD, a date in a URL path, same-site hosts.
//
// The JSON-LD reader is a small tolerant parser into a capped value tree, then a walk over the
// entities. Not std::regex (it backtracks badly on big blocks) and not a JSON library (extract/
// depends on libxml2 only).
#include "extract/credits.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "extract/whitespace.hpp"
#include "model/url.hpp"

namespace syndcheck::extract {
namespace {

using detail::is_ascii_space;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Collapses whitespace runs (including the "\n" of decoded escapes) and trims.
std::string collapse(std::string_view s) {
  std::string out;
  detail::append_collapsed(out, s);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A capped JSON value tree. Nodes live in one vector and refer to each other by index.

struct JsonNode {
  enum class Kind { null, scalar, string, object, array } kind = Kind::null;
  std::string text;                                         // string (decoded) or scalar (as written)
  std::vector<std::pair<std::string, std::size_t>> members; // object
  std::vector<std::size_t> items;                           // array
};

// Keys are schema.org property names ("copyrightHolder" is 15 bytes); a longer key matches none.
constexpr std::size_t k_max_key_bytes = 64;

class JsonParser {
public:
  JsonParser(std::string_view json, const JsonLdLimits& limits)
      : m_json(json.substr(0, limits.max_bytes)), m_limits(limits) {}

  // Index of the root, or nullopt when not even one value could be read.
  std::optional<std::size_t> parse() {
    skip_space();
    return value(0);
  }
  const std::vector<JsonNode>& nodes() const { return m_nodes; }

private:
  void skip_space() {
    while (m_at < m_json.size() && is_ascii_space(m_json[m_at])) {
      ++m_at;
    }
  }

  bool at(char c) {
    skip_space();
    return m_at < m_json.size() && m_json[m_at] == c;
  }

  std::optional<std::size_t> add(JsonNode node) {
    if (m_nodes.size() >= m_limits.max_values) {
      m_failed = true;
      return std::nullopt;
    }
    m_nodes.push_back(std::move(node));
    return m_nodes.size() - 1;
  }

  // Appends `bytes` unless the string cap was reached: from the first sequence that does not fit,
  // the rest of the string is dropped, so a cut value is always a prefix of whole characters.
  void append_capped(std::string& out, std::string_view bytes) {
    if (m_cut || out.size() + bytes.size() > m_string_cap) {
      m_cut = true;
      return;
    }
    out.append(bytes);
  }

  void append_utf8(std::string& out, std::uint32_t cp) {
    char buf[4];
    std::size_t n = 0;
    if (cp < 0x80) {
      buf[n++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    append_capped(out, std::string_view(buf, n));
  }

  std::optional<std::uint32_t> hex4() {
    if (m_at + 4 > m_json.size()) {
      return std::nullopt;
    }
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = m_json[m_at + k];
      v <<= 4;
      if (is_digit(c)) {
        v |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    m_at += 4;
    return v;
  }

  // After the opening quote; leaves m_at after the closing one. Raw bytes are copied as they are
  // (the page is UTF-8 already), one whole UTF-8 sequence at a time.
  std::optional<std::string> string_body(std::size_t cap) {
    std::string out;
    m_cut = false;
    m_string_cap = cap;
    while (m_at < m_json.size()) {
      const char c = m_json[m_at++];
      if (c == '"') {
        return out;
      }
      if (c != '\\') {
        // Copy a whole UTF-8 sequence or nothing.
        std::size_t len = 1;
        const auto lead = static_cast<unsigned char>(c);
        if (lead >= 0xF0) {
          len = 4;
        } else if (lead >= 0xE0) {
          len = 3;
        } else if (lead >= 0xC0) {
          len = 2;
        }
        len = std::min(len, m_json.size() - m_at + 1);
        append_capped(out, m_json.substr(m_at - 1, len));
        m_at += len - 1;
        continue;
      }
      if (m_at >= m_json.size()) {
        break;
      }
      const char e = m_json[m_at++];
      switch (e) {
      case 'n': append_utf8(out, '\n'); break;
      case 't': append_utf8(out, '\t'); break;
      case 'r': append_utf8(out, '\r'); break;
      case 'b':
      case 'f': append_utf8(out, ' '); break;
      case 'u': {
        std::optional<std::uint32_t> cp = hex4();
        if (!cp) {
          return std::nullopt;
        }
        if (*cp >= 0xD800 && *cp < 0xDC00 && m_at + 1 < m_json.size() && m_json[m_at] == '\\' &&
            m_json[m_at + 1] == 'u') {
          m_at += 2;
          const std::optional<std::uint32_t> low = hex4();
          if (!low || *low < 0xDC00 || *low >= 0xE000) {
            return std::nullopt;
          }
          cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        } else if (*cp >= 0xD800 && *cp < 0xE000) {
          cp = 0xFFFD; // a lone surrogate
        }
        append_utf8(out, *cp);
        break;
      }
      default: append_utf8(out, static_cast<unsigned char>(e)); break; // \" \\ \/ and lenient others
      }
    }
    return std::nullopt; // unterminated: a cut block or malformed JSON
  }

  std::optional<std::size_t> value(std::size_t depth) {
    skip_space();
    if (m_failed || depth > m_limits.max_depth || m_at >= m_json.size()) {
      m_failed = true;
      return std::nullopt;
    }
    const char c = m_json[m_at];
    if (c == '"') {
      ++m_at;
      std::optional<std::string> s = string_body(m_limits.max_string_bytes);
      if (!s) {
        m_failed = true;
        return std::nullopt;
      }
      JsonNode node;
      node.kind = JsonNode::Kind::string;
      node.text = std::move(*s);
      return add(std::move(node));
    }
    if (c == '{' || c == '[') {
      ++m_at;
      JsonNode node;
      node.kind = c == '{' ? JsonNode::Kind::object : JsonNode::Kind::array;
      const std::optional<std::size_t> self = add(std::move(node));
      if (!self) {
        return std::nullopt;
      }
      const char close = c == '{' ? '}' : ']';
      while (!m_failed) {
        if (at(close)) {
          ++m_at;
          return self;
        }
        std::string key;
        if (c == '{') {
          if (!at('"')) {
            break;
          }
          ++m_at;
          std::optional<std::string> k = string_body(k_max_key_bytes);
          if (!k || !at(':')) {
            break;
          }
          ++m_at;
          key = std::move(*k);
        }
        const std::optional<std::size_t> child = value(depth + 1);
        if (!child) {
          break;
        }
        // Index again: add() may have moved the vector.
        if (c == '{') {
          m_nodes[*self].members.emplace_back(std::move(key), *child);
        } else {
          m_nodes[*self].items.push_back(*child);
        }
        if (at(',')) {
          ++m_at;
        }
      }
      m_failed = true;
      return self; // what was read before the fault stays usable
    }
    // Scalars: number, true, false, null. Kept as written; only strings matter for credits.
    const std::size_t begin = m_at;
    while (m_at < m_json.size() && !is_ascii_space(m_json[m_at]) && m_json[m_at] != ',' && m_json[m_at] != '}' &&
           m_json[m_at] != ']') {
      ++m_at;
    }
    if (m_at == begin) {
      m_failed = true;
      return std::nullopt;
    }
    JsonNode node;
    node.kind = JsonNode::Kind::scalar;
    node.text = std::string(m_json.substr(begin, std::min<std::size_t>(m_at - begin, 32)));
    return add(std::move(node));
  }

  std::string_view m_json;
  const JsonLdLimits& m_limits;
  std::vector<JsonNode> m_nodes;
  std::size_t m_at = 0;
  bool m_failed = false;
  bool m_cut = false;           // the string being read reached its cap
  std::size_t m_string_cap = 0; // cap of the string being read
};

// ---------------------------------------------------------------------------------------------
// Entities.

class CreditReader {
public:
  CreditReader(const std::vector<JsonNode>& nodes, const JsonLdLimits& limits) : m_nodes(nodes), m_limits(limits) {}

  void read(std::size_t root, JsonLdCredits& out) {
    const auto chosen = entity(root);
    if (!chosen) {
      return;
    }
    const std::size_t e = *chosen;
    if (out.authors.empty()) {
      names(member(e, "author"), out.authors, 0);
    }
    if (out.publisher.empty()) {
      out.publisher = first_name(member(e, "publisher"));
    }
    if (out.is_based_on.empty()) {
      references(member(e, "isBasedOn"), out.is_based_on, 0);
      if (out.is_based_on.empty()) {
        references(member(e, "isBasedOnUrl"), out.is_based_on, 0); // the older property name
      }
    }
    if (out.credit_text.empty()) {
      out.credit_text = first_text(member(e, "creditText"));
    }
    if (out.copyright_holder.empty()) {
      out.copyright_holder = first_name(member(e, "copyrightHolder"));
    }
    if (out.license.empty()) {
      std::vector<std::string> licenses;
      references(member(e, "license"), licenses, 0);
      if (!licenses.empty()) {
        out.license = licenses.front();
      }
    }
  }

  std::string article_body(std::size_t root) {
    const auto chosen = entity(root);
    if (!chosen) {
      return {};
    }
    const std::optional<std::size_t> body = member(*chosen, "articleBody");
    return body && is_string(*body) ? m_nodes[*body].text : std::string();
  }

private:
  // The article entity of the block, with the @id index built for reference resolution.
  std::optional<std::size_t> entity(std::size_t root) {
    collect_entities(root, true);
    for (const std::size_t e : m_entities) {
      if (const std::optional<std::size_t> id = member(e, "@id"); id && is_string(*id)) {
        m_by_id.emplace_back(m_nodes[*id].text, e);
      }
    }
    return choose();
  }

  bool is_string(std::size_t n) const { return m_nodes[n].kind == JsonNode::Kind::string; }

  std::optional<std::size_t> member(std::size_t object, std::string_view key) const {
    if (m_nodes[object].kind != JsonNode::Kind::object) {
      return std::nullopt;
    }
    for (const auto& [k, v] : m_nodes[object].members) {
      if (k == key) {
        return v;
      }
    }
    return std::nullopt;
  }

  // Entities: the top-level object(s), the members of "@graph", and a WebPage's "mainEntity".
  void collect_entities(std::size_t n, bool top) {
    const JsonNode& node = m_nodes[n];
    if (node.kind == JsonNode::Kind::array && top) {
      for (const std::size_t item : node.items) {
        collect_entities(item, false);
      }
      return;
    }
    if (node.kind != JsonNode::Kind::object) {
      return;
    }
    m_entities.push_back(n);
    if (const std::optional<std::size_t> graph = member(n, "@graph")) {
      if (m_nodes[*graph].kind == JsonNode::Kind::array) {
        for (const std::size_t item : m_nodes[*graph].items) {
          collect_entities(item, false);
        }
      }
    }
    if (const std::optional<std::size_t> main = member(n, "mainEntity")) {
      if (m_nodes[*main].kind == JsonNode::Kind::object) {
        m_entities.push_back(*main);
      }
    }
  }

  // "https://schema.org/NewsArticle" -> "NewsArticle".
  static std::string_view type_name(std::string_view value) {
    const std::size_t cut = value.find_last_of("/:#");
    return cut == std::string_view::npos ? value : value.substr(cut + 1);
  }

  bool has_type(std::size_t entity, bool (*wanted)(std::string_view)) const {
    const std::optional<std::size_t> type = member(entity, "@type");
    if (!type) {
      return false;
    }
    if (is_string(*type)) {
      return wanted(type_name(m_nodes[*type].text));
    }
    const std::vector<std::size_t>& items = m_nodes[*type].items;
    return std::any_of(items.begin(), items.end(),
                       [&](std::size_t i) { return is_string(i) && wanted(type_name(m_nodes[i].text)); });
  }

  static bool article_type(std::string_view t) { return t.ends_with("Article") || t.ends_with("Posting"); }
  static bool page_type(std::string_view t) { return t.ends_with("Page"); }

  std::optional<std::size_t> choose() const {
    for (bool (*wanted)(std::string_view) : {&article_type, &page_type}) {
      for (const std::size_t e : m_entities) {
        if (has_type(e, wanted)) {
          return e;
        }
      }
    }
    return std::nullopt;
  }

  // {"@id": "..."} alone stands for the entity of that @id elsewhere in the block.
  std::size_t resolve(std::size_t n) const {
    const JsonNode& node = m_nodes[n];
    if (node.kind != JsonNode::Kind::object || member(n, "name") || member(n, "url")) {
      return n;
    }
    const std::optional<std::size_t> id = member(n, "@id");
    if (!id || !is_string(*id)) {
      return n;
    }
    for (const auto& [key, entity] : m_by_id) {
      if (key == m_nodes[*id].text && entity != n) {
        return entity;
      }
    }
    return n;
  }

  std::string text_of(std::optional<std::size_t> n) const {
    return n && is_string(*n) ? collapse(m_nodes[*n].text) : std::string();
  }

  // A string, or the first string of an array ("creditText": ["AP", "Reuters"] keeps "AP").
  std::string first_text(std::optional<std::size_t> n) const {
    if (!n) {
      return {};
    }
    if (m_nodes[*n].kind == JsonNode::Kind::array) {
      for (const std::size_t item : m_nodes[*n].items) {
        if (std::string s = text_of(item); !s.empty()) {
          return s;
        }
      }
      return {};
    }
    return text_of(n);
  }

  // A person's or organisation's name: a string as is, an object's name (or given + family name).
  std::string name_of(std::size_t n) const {
    n = resolve(n);
    if (is_string(n)) {
      return collapse(m_nodes[n].text);
    }
    if (std::string name = first_text(member(n, "name")); !name.empty()) {
      return name;
    }
    const std::string given = text_of(member(n, "givenName"));
    const std::string family = text_of(member(n, "familyName"));
    return collapse(given + " " + family);
  }

  std::string first_name(std::optional<std::size_t> n) const {
    std::vector<std::string> out;
    names(n, out, 0);
    return out.empty() ? std::string() : out.front();
  }

  void add(std::vector<std::string>& out, std::string value) const {
    if (!value.empty() && out.size() < m_limits.max_list && std::find(out.begin(), out.end(), value) == out.end()) {
      out.push_back(std::move(value));
    }
  }

  void names(std::optional<std::size_t> n, std::vector<std::string>& out, int depth) const {
    if (!n) {
      return;
    }
    if (m_nodes[*n].kind == JsonNode::Kind::array) {
      if (depth == 0) { // an array of arrays is not a list of people
        for (const std::size_t item : m_nodes[*n].items) {
          names(item, out, depth + 1);
        }
      }
      return;
    }
    add(out, name_of(*n));
  }

  // A creative work or licence: a string as is, an object's url, else its @id, else its name.
  void references(std::optional<std::size_t> n, std::vector<std::string>& out, int depth) const {
    if (!n) {
      return;
    }
    if (m_nodes[*n].kind == JsonNode::Kind::array) {
      if (depth == 0) {
        for (const std::size_t item : m_nodes[*n].items) {
          references(item, out, depth + 1);
        }
      }
      return;
    }
    const std::size_t r = resolve(*n);
    if (is_string(r)) {
      add(out, collapse(m_nodes[r].text));
      return;
    }
    for (const std::string_view key : {"url", "@id", "name"}) {
      if (std::string s = first_text(member(r, key)); !s.empty()) {
        add(out, std::move(s));
        return;
      }
    }
  }

  const std::vector<JsonNode>& m_nodes;
  const JsonLdLimits& m_limits;
  std::vector<std::size_t> m_entities;
  std::vector<std::pair<std::string, std::size_t>> m_by_id;
};

// Days in `month` of `year` (Gregorian).
int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

// News archives on the web start in the 1990s, and a "year" past 2099 is an id, not a date.
constexpr int k_min_url_year = 1990;
constexpr int k_max_url_year = 2099;

std::string format_date(int year, int month, int day) {
  if (year < k_min_url_year || year > k_max_url_year || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return {};
  }
  std::string out = std::to_string(year) + "-";
  out += (month < 10 ? "0" : "") + std::to_string(month) + "-";
  out += (day < 10 ? "0" : "") + std::to_string(day);
  return out;
}

// The number of `width` digits at `at`, or -1.
int digits_at(std::string_view s, std::size_t at, std::size_t width) {
  if (at + width > s.size()) {
    return -1;
  }
  int v = 0;
  for (std::size_t k = 0; k < width; ++k) {
    if (!is_digit(s[at + k])) {
      return -1;
    }
    v = v * 10 + (s[at + k] - '0');
  }
  return v;
}

// A run of digits of exactly `width` at `at`, not touching other digits.
bool digit_run(std::string_view s, std::size_t at, std::size_t width) {
  return digits_at(s, at, width) >= 0 && (at == 0 || !is_digit(s[at - 1])) &&
         (at + width == s.size() || !is_digit(s[at + width]));
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    if (j > i) {
      out.push_back(path.substr(i, j - i));
    }
    i = j + 1;
  }
  return out;
}

int short_number(std::string_view s) {
  if (s.empty() || s.size() > 2 || !std::all_of(s.begin(), s.end(), is_digit)) {
    return -1;
  }
  return s.size() == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
}

} // namespace

void read_json_ld_credits(std::string_view json, JsonLdCredits& out, const JsonLdLimits& limits) {
  JsonParser parser(json, limits);
  const std::optional<std::size_t> root = parser.parse();
  if (!root) {
    return;
  }
  CreditReader(parser.nodes(), limits).read(*root, out);
}

std::string read_json_ld_article_body(std::string_view json, std::size_t max_body_bytes, const JsonLdLimits& limits) {
  JsonLdLimits body_limits = limits;
  body_limits.max_string_bytes = std::max(limits.max_string_bytes, max_body_bytes);
  JsonParser parser(json, body_limits);
  const std::optional<std::size_t> root = parser.parse();
  if (!root) {
    return {};
  }
  return CreditReader(parser.nodes(), body_limits).article_body(*root);
}

std::string date_from_url(std::string_view url) {
  const model::UrlParts parts = model::parse_url(url);
  if (parts.path.empty()) {
    return {};
  }
  // A path of a few hundred bytes is plenty; a longer one is not worth scanning byte by byte.
  constexpr std::size_t k_max_path_bytes = 2'048;
  const std::string_view path = std::string_view(parts.path).substr(0, k_max_path_bytes);
  // "/2025/01/06/" (month and day may be unpadded); the day segment may not carry a slug.
  const std::vector<std::string_view> segments = split_path(path);
  for (std::size_t i = 0; i + 2 < segments.size(); ++i) {
    if (segments[i].size() == 4 && digits_at(segments[i], 0, 4) >= 0) {
      const std::string date =
          format_date(digits_at(segments[i], 0, 4), short_number(segments[i + 1]), short_number(segments[i + 2]));
      if (!date.empty()) {
        return date;
      }
    }
  }
  // "2025-01-06" or "20250106" anywhere in the path, not touching other digits.
  for (std::size_t i = 0; i + 8 <= path.size(); ++i) {
    if (digit_run(path, i, 4) && i + 10 <= path.size() && path[i + 4] == '-' && path[i + 7] == '-' &&
        digit_run(path, i + 5, 2) && digit_run(path, i + 8, 2)) {
      if (std::string date = format_date(digits_at(path, i, 4), digits_at(path, i + 5, 2), digits_at(path, i + 8, 2));
          !date.empty()) {
        return date;
      }
    }
    if (digit_run(path, i, 8)) {
      if (std::string date = format_date(digits_at(path, i, 4), digits_at(path, i + 4, 2), digits_at(path, i + 6, 2));
          !date.empty()) {
        return date;
      }
    }
  }
  return {};
}

bool same_site(std::string_view a, std::string_view b) {
  if (a.starts_with("www.")) {
    a.remove_prefix(4);
  }
  if (b.starts_with("www.")) {
    b.remove_prefix(4);
  }
  return model::host_in_domain(a, b) || model::host_in_domain(b, a);
}

} // namespace syndcheck::extract
