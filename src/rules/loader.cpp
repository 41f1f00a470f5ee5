// rules/loader.cpp: rules/*.yaml -> PublisherRules, strictly, with file:line:col in every error.
//
// Rule: the only file that includes yaml-cpp, and no yaml-cpp exception leaves it. The schema is a
// public contract (docs/rules.md), so anything it does not name is an error, never ignored.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "rules/rule_set.hpp"

namespace syndcheck::rules {
namespace {

using Result = std::expected<void, RulesError>;

bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') {
    return false;
  }
  char previous = ' ';
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) {
      return false;
    }
    previous = c;
  }
  return true;
}

// A bare host name as it appears in URLs: no scheme, path, port, user or spaces.
bool is_bare_domain(std::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') {
    return false;
  }
  return domain.find_first_of("/:?#@ \t\\") == std::string_view::npos;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// One whole-file error (line 0): I/O problems and directory-level checks. Built field by field
// because GCC 12 at -O3 warns (-Wmaybe-uninitialized, falsely) on the braced temporaries.
std::unexpected<RulesError> file_error(RulesFailure failure, const std::string& file, std::string message) {
  RulesError error{};
  error.failure = failure;
  error.position.file = file;
  error.message = std::move(message);
  return std::unexpected(std::move(error));
}

std::unexpected<RulesError> positioned_error(RulesFailure failure, core::SourcePosition position, std::string message) {
  RulesError error{};
  error.failure = failure;
  error.position = std::move(position);
  error.message = std::move(message);
  return std::unexpected(std::move(error));
}

// Joins message parts; sidesteps GCC 12's false -Wrestrict on chains of std::string operator+.
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) {
    out.append(part);
  }
  return out;
}

// Walks one parsed document. Every check returns a RulesError value positioned at the node at
// fault; the caller turns any yaml-cpp exception that still escapes into the same kind of value.
class SchemaReader {
public:
  explicit SchemaReader(std::string file_name) : m_file(std::move(file_name)) {}

  core::SourcePosition position(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) {
      return {m_file, 0, 0};
    }
    return {m_file, mark.line + 1, mark.column + 1};
  }

  core::SourcePosition position(const YAML::Mark& mark) const {
    if (mark.line < 0) {
      return {m_file, 0, 0};
    }
    return {m_file, mark.line + 1, mark.column + 1};
  }

  RulesError error(const YAML::Node& node, std::string message, RulesFailure failure = RulesFailure::schema) const {
    return RulesError{failure, position(node), std::move(message)};
  }

  std::expected<PublisherRules, RulesError> read_file(const YAML::Node& root) const {
    if (!root.IsMap()) {
      RulesError e = error(root, "a rules file must be a mapping with 'publisher', 'domains' and 'rules'");
      if (e.position.line == 0) {
        e.position.line = 1;
        e.position.column = 1;
      }
      return std::unexpected(std::move(e));
    }
    PublisherRules out;
    bool have_name = false;
    bool have_aliases = false;
    std::set<std::string> seen;
    for (const auto& entry : root) {
      auto key = key_name(entry.first, seen, "at the top level");
      if (!key) {
        return std::unexpected(key.error());
      }
      const YAML::Node& value = entry.second;
      Result r;
      if (*key == "publisher") {
        r = read_id(value, "publisher", out.publisher);
        out.publisher_position = position(value);
      } else if (*key == "name") {
        r = read_string(value, "name", out.name, false);
        have_name = true;
      } else if (*key == "domains") {
        r = read_domains(value, "domains", out.domains, &out.domain_positions);
      } else if (*key == "aliases") {
        r = read_string_list(value, "aliases", out.aliases);
        have_aliases = true;
      } else if (*key == "terms") {
        r = read_terms(value, out);
      } else if (*key == "rules") {
        r = read_rules(value, out.rules);
      } else if (*key == "kinds") {
        r = read_kinds(value, out.kinds);
      } else if (*key == "licensees") {
        r = read_licensees(value, out.licensees);
      } else if (*key == "exclude") {
        r = read_exclude(value, out.exclude);
      } else if (*key == "advertisement_labels") {
        r = read_string_list(value, "advertisement_labels", out.advertisement_labels);
      } else {
        return std::unexpected(
            error(entry.first, "unknown key '" + *key +
                                   "' at the top level (keys: publisher, name, domains, aliases, "
                                   "terms, kinds, licensees, exclude, advertisement_labels, rules)"));
      }
      if (!r) {
        return std::unexpected(r.error());
      }
    }
    if (!seen.contains("publisher")) {
      return std::unexpected(error(root, "missing required key 'publisher'"));
    }
    if (!seen.contains("domains")) {
      return std::unexpected(error(root, "missing required key 'domains'"));
    }
    if (!have_name) {
      out.name = out.publisher;
    }
    if (!have_aliases) {
      out.aliases.push_back(out.name);
    }
    // Checked once the whole file is read: `terms` may come after `rules`.
    const std::string terms = collapse_whitespace(out.terms_text);
    for (const Rule& rule : out.rules) {
      if (!rule.source.empty() && terms.find(collapse_whitespace(rule.source)) == std::string::npos) {
        return positioned_error(RulesFailure::schema, rule.source_position,
                                "the source of rule '" + rule.id + "' is not quoted from terms.text");
      }
    }
    for (const Rule& rule : out.rules) {
      for (const std::string& kind : rule.conditions.kinds) {
        const bool known = kind == "news" || std::any_of(out.kinds.begin(), out.kinds.end(),
                                                         [&](const KindSpec& k) { return k.name == kind; });
        if (!known) {
          return positioned_error(RulesFailure::schema, rule.position,
                                  "rule '" + rule.id + "' names kind '" + kind + "', which 'kinds' does not define");
        }
      }
    }
    return out;
  }

private:
  std::string m_file;

  std::expected<std::string, RulesError> key_name(const YAML::Node& key, std::set<std::string>& seen,
                                                  std::string_view where) const {
    if (!key.IsScalar()) {
      return std::unexpected(error(key, "expected a key name " + std::string(where)));
    }
    std::string name = key.Scalar();
    if (!seen.insert(name).second) {
      return std::unexpected(error(key, "duplicate key '" + name + "' " + std::string(where)));
    }
    return name;
  }

  Result read_string(const YAML::Node& node, std::string_view what, std::string& out, bool allow_empty) const {
    if (!node.IsScalar()) {
      return std::unexpected(error(node, concat({"'", what, "' must be a string"})));
    }
    out = node.Scalar();
    if (!allow_empty && out.empty()) {
      return std::unexpected(error(node, concat({"'", what, "' must not be empty"})));
    }
    return {};
  }

  Result read_id(const YAML::Node& node, std::string_view what, std::string& out) const {
    if (auto r = read_string(node, what, out, false); !r) {
      return r;
    }
    if (!is_kebab_case(out)) {
      return std::unexpected(
          error(node, concat({"'", what, "' must be kebab-case (a-z, 0-9, '-'), got '"}) + out + "'"));
    }
    return {};
  }

  Result read_string_list(const YAML::Node& node, std::string_view what, std::vector<std::string>& out) const {
    const std::string bad = concat({"'", what, "' must be a list of non-empty strings"});
    if (!node.IsSequence()) {
      return std::unexpected(error(node, bad));
    }
    for (const auto& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        return std::unexpected(error(item, bad));
      }
      out.push_back(item.Scalar());
    }
    return {};
  }

  Result read_domains(const YAML::Node& node, std::string_view what, std::vector<std::string>& out,
                      std::vector<core::SourcePosition>* positions) const {
    if (!node.IsSequence()) {
      return std::unexpected(error(node, concat({"'", what, "' must be a list of domains"})));
    }
    if (node.size() == 0) {
      return std::unexpected(error(node, concat({"'", what, "' lists no domains"})));
    }
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        return std::unexpected(error(item, concat({"'", what, "' must be a list of domains"})));
      }
      const std::string domain = ascii_lower(item.Scalar());
      if (!is_bare_domain(domain)) {
        return std::unexpected(
            error(item, "'" + item.Scalar() + "' is not a bare domain such as example.org (no scheme, path or port)"));
      }
      if (std::find(out.begin(), out.end(), domain) != out.end()) {
        return std::unexpected(error(item, "domain '" + domain + "' is listed twice", RulesFailure::duplicate));
      }
      out.push_back(domain);
      if (positions != nullptr) {
        positions->push_back(position(item));
      }
    }
    return {};
  }

  // max_paragraph: a plain (unquoted) non-negative integer.
  Result read_max_paragraph(const YAML::Node& node, std::optional<int>& out) const {
    const std::string bad = "'max_paragraph' must be a non-negative integer";
    if (!node.IsScalar() || node.Tag() == "!") {
      return std::unexpected(error(node, bad));
    }
    const std::string& text = node.Scalar();
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end) {
      return std::unexpected(error(node, concat({bad, ", got '", text, "'"})));
    }
    if (value < 0) {
      return std::unexpected(error(node, concat({bad, ", got ", text})));
    }
    out = value;
    return {};
  }

  Result read_bool(const YAML::Node& node, std::string_view what, bool& out) const {
    const std::string bad = concat({"'", what, "' must be true or false"});
    if (!node.IsScalar() || node.Tag() == "!") {
      return std::unexpected(error(node, bad));
    }
    const std::string& text = node.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") {
      out = true;
    } else if (text == "false" || text == "False" || text == "FALSE") {
      out = false;
    } else {
      return std::unexpected(error(node, concat({bad, ", got '", text, "'"})));
    }
    return {};
  }

  Result read_terms(const YAML::Node& node, PublisherRules& out) const {
    if (!node.IsMap()) {
      return std::unexpected(error(node, "'terms' must be a mapping with 'url' and 'text'"));
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in terms");
      if (!key) {
        return std::unexpected(key.error());
      }
      Result r;
      if (*key == "url") {
        r = read_string(entry.second, "terms.url", out.terms_url, false);
      } else if (*key == "text") {
        r = read_string(entry.second, "terms.text", out.terms_text, true);
      } else {
        return std::unexpected(error(entry.first, "unknown key '" + *key + "' in terms (keys: url, text)"));
      }
      if (!r) {
        return r;
      }
    }
    return {};
  }

  Result read_hyperlink(const YAML::Node& node, HyperlinkRule& out) const {
    if (!node.IsMap()) {
      return std::unexpected(error(node, "'hyperlink' must be a mapping with 'to'"));
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in hyperlink");
      if (!key) {
        return std::unexpected(key.error());
      }
      const YAML::Node& value = entry.second;
      Result r;
      if (*key == "to") {
        r = read_target(value, out.to);
      } else if (*key == "max_paragraph") {
        r = read_max_paragraph(value, out.max_paragraph);
      } else if (*key == "follow") {
        r = read_bool(value, "follow", out.follow);
      } else if (*key == "direct") {
        r = read_bool(value, "direct", out.direct);
      } else if (*key == "anchor") {
        r = read_anchor(value, out);
      } else if (*key == "or_section") {
        std::string section;
        r = read_string(value, "or_section", section, false);
        if (r && section != "sources") {
          return std::unexpected(error(value, "unknown section '" + section + "' in 'or_section' (expected sources)"));
        }
        out.or_sources_section = true;
      } else if (*key == "review_paragraphs") {
        r = read_paragraph_list(value, out.review_paragraphs);
      } else {
        return std::unexpected(
            error(entry.first, "unknown key '" + *key +
                                   "' in hyperlink (keys: to, max_paragraph, follow, direct, anchor, "
                                   "or_section, review_paragraphs)"));
      }
      if (!r) {
        return r;
      }
    }
    if (!seen.contains("to")) {
      return std::unexpected(
          error(node, "hyperlink needs 'to' (publisher, article, cited-outlets or a list of domains)"));
    }
    return {};
  }

  Result read_target(const YAML::Node& node, LinkTarget& out) const {
    if (node.IsSequence()) {
      ToDomains domains;
      if (auto r = read_domains(node, "to", domains.domains, nullptr); !r) {
        return r;
      }
      out = std::move(domains);
      return {};
    }
    if (node.IsScalar()) {
      const std::string& name = node.Scalar();
      if (name == "publisher") {
        out = ToPublisher{};
        return {};
      }
      if (name == "article") {
        out = ToArticle{};
        return {};
      }
      if (name == "cited-outlets") {
        out = ToCitedOutlets{};
        return {};
      }
      return std::unexpected(error(node, "unknown hyperlink target '" + name +
                                             "' (expected publisher, article, cited-outlets or a list of domains)"));
    }
    return std::unexpected(error(node, "'to' must be publisher, article, cited-outlets or a list of domains"));
  }

  Result read_credit(const YAML::Node& node, CreditRule& out) const {
    if (node.IsNull()) {
      return {}; // `credit:` with nothing after it means the same as `credit: {}`.
    }
    if (!node.IsMap()) {
      return std::unexpected(error(node, "'credit' must be a mapping (possibly empty: credit: {})"));
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in credit");
      if (!key) {
        return std::unexpected(key.error());
      }
      if (*key == "phrase") {
        if (auto r = read_string(entry.second, "phrase", out.phrase, false); !r) {
          return r;
        }
        continue;
      }
      if (*key != "max_paragraph") {
        return std::unexpected(
            error(entry.first, "unknown key '" + *key + "' in credit (keys: max_paragraph, phrase)"));
      }
      if (auto r = read_max_paragraph(entry.second, out.max_paragraph); !r) {
        return r;
      }
    }
    return {};
  }

  // A mapping of known keys; `reader` handles one key and returns false for an unknown one.
  template <typename KeyReader>
  Result read_mapping(const YAML::Node& node, std::string_view where, std::string_view keys, KeyReader reader) const {
    if (!node.IsMap()) {
      return std::unexpected(error(node, concat({"'", where, "' must be a mapping (keys: ", keys, ")"})));
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in " + std::string(where));
      if (!key) {
        return std::unexpected(key.error());
      }
      bool known = true;
      if (auto r = reader(*key, entry.second, known); !r) {
        return r;
      }
      if (!known) {
        return std::unexpected(
            error(entry.first, concat({"unknown key '", *key, "' in ", where, " (keys: ", keys, ")"})));
      }
    }
    return {};
  }

  // One string or a list of strings.
  Result read_one_or_list(const YAML::Node& node, std::string_view what, std::vector<std::string>& out) const {
    if (node.IsScalar() && !node.Scalar().empty()) {
      out.push_back(node.Scalar());
      return {};
    }
    return read_string_list(node, what, out);
  }

  Result read_paragraph_list(const YAML::Node& node, std::vector<int>& out) const {
    if (!node.IsSequence()) {
      return std::unexpected(error(node, "'review_paragraphs' must be a list of non-negative integers"));
    }
    for (const auto& item : node) {
      std::optional<int> value;
      if (auto r = read_max_paragraph(item, value); !r) {
        return r;
      }
      out.push_back(*value);
    }
    return {};
  }

  Result read_anchor(const YAML::Node& node, HyperlinkRule& out) const {
    if (!node.IsScalar() || node.Scalar().empty()) {
      return std::unexpected(error(node, "'anchor' must be alias or {phrase: \"...\"}"));
    }
    if (node.Scalar() == "alias") {
      out.anchor = AnchorRequirement::alias;
      return {};
    }
    if (node.Scalar() == "any") {
      out.anchor = AnchorRequirement::any;
      return {};
    }
    // Any other string is the phrase itself.
    out.anchor = AnchorRequirement::phrase;
    out.anchor_phrase = node.Scalar();
    return {};
  }

  // A plain number, or a percentage written "30%".
  Result read_share(const YAML::Node& node, std::string_view what, std::optional<double>& out) const {
    const std::string bad = concat({"'", what, "' must be a share between 0 and 1 (or a percentage such as 30%)"});
    if (!node.IsScalar() || node.Tag() == "!" || node.Scalar().empty()) {
      return std::unexpected(error(node, bad));
    }
    std::string text = node.Scalar();
    double scale = 1.0;
    if (text.back() == '%') {
      text.pop_back();
      scale = 100.0;
    }
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || text.empty()) {
      return std::unexpected(error(node, concat({bad, ", got '", node.Scalar(), "'"})));
    }
    value /= scale;
    if (!(value >= 0.0 && value <= 1.0)) {
      return std::unexpected(error(node, concat({bad, ", got ", node.Scalar()})));
    }
    out = value;
    return {};
  }

  Result read_count(const YAML::Node& node, std::string_view what, std::optional<std::size_t>& out) const {
    const std::string bad = concat({"'", what, "' must be a positive integer"});
    if (!node.IsScalar() || node.Tag() == "!") {
      return std::unexpected(error(node, bad));
    }
    const std::string& text = node.Scalar();
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value == 0) {
      return std::unexpected(error(node, concat({bad, ", got '", text, "'"})));
    }
    out = value;
    return {};
  }

  Result read_reuse(const YAML::Node& node, ReuseRule& out) const {
    auto r = read_mapping(node, "reuse", "max_coverage, max_chars, full_reprint, licensees_only",
                          [&](const std::string& key, const YAML::Node& value, bool& known) -> Result {
                            if (key == "max_coverage") {
                              return read_share(value, "max_coverage", out.max_coverage);
                            }
                            if (key == "max_chars") {
                              return read_count(value, "max_chars", out.max_chars);
                            }
                            if (key == "licensees_only") {
                              return read_bool(value, "licensees_only", out.licensees_only);
                            }
                            if (key == "full_reprint") {
                              std::string text;
                              if (auto s = read_string(value, "full_reprint", text, false); !s) {
                                return s;
                              }
                              if (text != "forbidden" && text != "allowed") {
                                return std::unexpected(
                                    error(value, "'full_reprint' must be forbidden or allowed, got '" + text + "'"));
                              }
                              out.full_reprint_forbidden = text == "forbidden";
                              return {};
                            }
                            known = false;
                            return {};
                          });
    if (!r) {
      return r;
    }
    if (!out.max_coverage && !out.max_chars && !out.full_reprint_forbidden && !out.licensees_only) {
      return std::unexpected(
          error(node, "'reuse' needs max_coverage, max_chars, full_reprint: forbidden or licensees_only: true"));
    }
    return {};
  }

  // "2h", "30m", "1d", "45s".
  Result read_duration(const YAML::Node& node, std::chrono::seconds& out) const {
    const std::string bad = "'after' must be a duration such as 30m, 2h or 1d";
    if (!node.IsScalar() || node.Scalar().size() < 2) {
      return std::unexpected(error(node, bad));
    }
    const std::string& text = node.Scalar();
    long long value = 0;
    const char* end = text.data() + text.size() - 1;
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    long long unit = 0;
    switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: break;
    }
    // A year is far beyond any embargo; larger values are surely a typo.
    constexpr long long k_max_embargo_seconds = 366LL * 86400;
    if (ec != std::errc{} || ptr != end || unit == 0 || value <= 0 || value > k_max_embargo_seconds / unit) {
      return std::unexpected(error(node, concat({bad, ", got '", text, "'"})));
    }
    out = std::chrono::seconds(value * unit);
    return {};
  }

  Result read_embargo(const YAML::Node& node, EmbargoRule& out) const {
    bool have_after = false;
    auto r = read_mapping(node, "embargo", "after",
                          [&](const std::string& key, const YAML::Node& value, bool& known) -> Result {
                            if (key == "after") {
                              have_after = true;
                              return read_duration(value, out.after);
                            }
                            known = false;
                            return {};
                          });
    if (!r) {
      return r;
    }
    if (!have_after) {
      return std::unexpected(error(node, "'embargo' needs 'after'"));
    }
    return {};
  }

  Result read_flag_value(const YAML::Node& value, std::string_view name, std::optional<bool>& out) const {
    bool flag = false;
    if (auto r = read_bool(value, name, flag); !r) {
      return r;
    }
    out = flag;
    return {};
  }

  Result read_when(const YAML::Node& node, Rule& out) const {
    if (node.IsScalar()) {
      std::string condition;
      if (auto r = read_string(node, "when", condition, false); !r) {
        return r;
      }
      if (condition == "original.cites-outlet") {
        out.when = Condition::original_cites_outlet;
        out.conditions.cites_outlet = true;
      } else if (condition == "original.advertisement") {
        out.conditions.advertisement = true;
      } else if (condition == "copy.translated") {
        out.conditions.translated = true;
      } else {
        return std::unexpected(error(node, "unknown condition '" + condition +
                                               "' in 'when' (expected original.cites-outlet, original.advertisement, "
                                               "copy.translated or a mapping)"));
      }
      return {};
    }
    return read_mapping(
        node, "when", "original.cites-outlet, original.kind, original.advertisement, copy.translated, relation",
        [&](const std::string& key, const YAML::Node& value, bool& known) -> Result {
          if (key == "original.cites-outlet") {
            auto r = read_flag_value(value, key, out.conditions.cites_outlet);
            if (r && *out.conditions.cites_outlet) {
              out.when = Condition::original_cites_outlet;
            }
            return r;
          }
          if (key == "original.advertisement") {
            return read_flag_value(value, key, out.conditions.advertisement);
          }
          if (key == "copy.translated") {
            return read_flag_value(value, key, out.conditions.translated);
          }
          if (key == "original.kind") {
            return read_one_or_list(value, key, out.conditions.kinds);
          }
          if (key == "relation") {
            std::vector<std::string> names;
            if (auto r = read_one_or_list(value, key, names); !r) {
              return r;
            }
            for (const std::string& name : names) {
              bool found = false;
              for (const model::Relation relation :
                   {model::Relation::none, model::Relation::excerpt, model::Relation::partial,
                    model::Relation::verbatim, model::Relation::rewrite, model::Relation::translation}) {
                if (name == model::to_string(relation)) {
                  out.conditions.relations.push_back(relation);
                  found = true;
                }
              }
              if (!found) {
                return std::unexpected(
                    error(value, "unknown relation '" + name +
                                     "' (expected excerpt, partial, verbatim, rewrite or translation)"));
              }
            }
            return {};
          }
          known = false;
          return {};
        });
  }

  Result read_kinds(const YAML::Node& node, std::vector<KindSpec>& out) const {
    if (!node.IsMap()) {
      return std::unexpected(
          error(node, "'kinds' must be a mapping from kind name to {url: [...], jsonld_type: [...]}"));
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in kinds");
      if (!key) {
        return std::unexpected(key.error());
      }
      KindSpec spec;
      if (auto r = read_id(entry.first, "kind", spec.name); !r) {
        return r;
      }
      auto r = read_mapping(entry.second, "kind '" + spec.name + "'", "url, jsonld_type",
                            [&](const std::string& k, const YAML::Node& value, bool& known) -> Result {
                              if (k == "url") {
                                return read_one_or_list(value, "url", spec.url);
                              }
                              if (k == "jsonld_type") {
                                return read_one_or_list(value, "jsonld_type", spec.jsonld_type);
                              }
                              known = false;
                              return {};
                            });
      if (!r) {
        return r;
      }
      if (spec.url.empty() && spec.jsonld_type.empty()) {
        return std::unexpected(error(entry.second, "kind '" + spec.name + "' needs 'url' or 'jsonld_type'"));
      }
      out.push_back(std::move(spec));
    }
    return {};
  }

  static bool is_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
      return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
        return false;
      }
    }
    return true;
  }

  Result read_date(const YAML::Node& node, std::string_view what, std::string& out) const {
    if (!node.IsScalar() || !is_date(node.Scalar())) {
      return std::unexpected(error(node, concat({"'", what, "' must be a date YYYY-MM-DD"})));
    }
    out = node.Scalar();
    return {};
  }

  Result read_licensees(const YAML::Node& node, std::vector<Licensee>& out) const {
    if (!node.IsSequence()) {
      return std::unexpected(error(node, "'licensees' must be a list of {domain: ..., from: ..., until: ...}"));
    }
    for (const auto& item : node) {
      Licensee licensee;
      licensee.position = position(item);
      auto r = read_mapping(item, "licensee", "domain, publisher, from, until",
                            [&](const std::string& key, const YAML::Node& value, bool& known) -> Result {
                              if (key == "domain") {
                                const std::string domain = value.IsScalar() ? ascii_lower(value.Scalar()) : "";
                                if (!is_bare_domain(domain)) {
                                  return std::unexpected(
                                      error(value, "licensee 'domain' must be a bare domain such as example.org"));
                                }
                                licensee.domain = domain;
                                return {};
                              }
                              if (key == "publisher") {
                                return read_id(value, "publisher", licensee.publisher);
                              }
                              if (key == "from") {
                                return read_date(value, "from", licensee.from);
                              }
                              if (key == "until") {
                                return read_date(value, "until", licensee.until);
                              }
                              known = false;
                              return {};
                            });
      if (!r) {
        return r;
      }
      if (licensee.domain.empty() == licensee.publisher.empty()) {
        return std::unexpected(error(item, "a licensee needs exactly one of 'domain' or 'publisher'"));
      }
      if (!licensee.from.empty() && !licensee.until.empty() && licensee.until < licensee.from) {
        return std::unexpected(error(item, "licensee 'until' is before 'from'"));
      }
      out.push_back(std::move(licensee));
    }
    return {};
  }

  Result read_exclude(const YAML::Node& node, std::vector<std::string>& out) const {
    if (auto r = read_string_list(node, "exclude", out); !r) {
      return r;
    }
    std::size_t i = 0;
    for (const auto& item : node) {
      const std::string& flag = out[i++];
      if (flag != "original.advertisement" && flag != "original.cites-outlet" && flag != "copy.translated") {
        return std::unexpected(error(item, "unknown condition '" + flag +
                                               "' in 'exclude' (expected original.advertisement, "
                                               "original.cites-outlet or copy.translated)"));
      }
    }
    return {};
  }

  Result read_rule(const YAML::Node& node, Rule& out) const {
    if (!node.IsMap()) {
      return std::unexpected(error(node, "a rule must be a mapping with 'id' and one kind (hyperlink or credit)"));
    }
    out.position = position(node);
    // The id first, so that every later message can name the rule.
    std::string label = "rule";
    if (const YAML::Node id = node["id"]; id) {
      if (auto r = read_id(id, "id", out.id); !r) {
        return r;
      }
      label = "rule '" + out.id + "'";
    }
    std::set<std::string> seen;
    std::string kind_key;
    for (const auto& entry : node) {
      auto key = key_name(entry.first, seen, "in " + label);
      if (!key) {
        return std::unexpected(key.error());
      }
      const YAML::Node& value = entry.second;
      if (*key == "id") {
        continue;
      }
      if (*key == "when") {
        if (auto r = read_when(value, out); !r) {
          return r;
        }
        continue;
      }
      if (*key == "source") {
        if (auto r = read_string(value, "source", out.source, false); !r) {
          return r;
        }
        out.source_position = position(value);
        continue;
      }
      if (*key != "hyperlink" && *key != "credit" && *key != "reuse" && *key != "embargo") {
        return std::unexpected(error(entry.first, "unknown key '" + *key + "' in " + label +
                                                      " (keys: id, when, source; rule kinds: hyperlink, credit, reuse, "
                                                      "embargo)"));
      }
      if (!kind_key.empty()) {
        return std::unexpected(error(entry.first, label + " has two kinds, '" + kind_key + "' and '" + *key +
                                                      "'; write one rule per kind"));
      }
      kind_key = *key;
      if (*key == "hyperlink") {
        HyperlinkRule hyperlink;
        if (auto r = read_hyperlink(value, hyperlink); !r) {
          return r;
        }
        out.kind = std::move(hyperlink);
      } else if (*key == "credit") {
        CreditRule credit;
        if (auto r = read_credit(value, credit); !r) {
          return r;
        }
        out.kind = std::move(credit);
      } else if (*key == "reuse") {
        ReuseRule reuse;
        if (auto r = read_reuse(value, reuse); !r) {
          return r;
        }
        out.kind = reuse;
      } else {
        EmbargoRule embargo;
        if (auto r = read_embargo(value, embargo); !r) {
          return r;
        }
        out.kind = embargo;
      }
    }
    if (out.id.empty()) {
      return std::unexpected(error(node, "rule has no 'id'"));
    }
    if (kind_key.empty()) {
      return std::unexpected(error(node, label + " has no kind (expected hyperlink, credit, reuse or embargo)"));
    }
    return {};
  }

  Result read_rules(const YAML::Node& node, std::vector<Rule>& out) const {
    if (!node.IsSequence()) {
      return std::unexpected(error(node, "'rules' must be a list of rules"));
    }
    std::map<std::string, core::SourcePosition> ids;
    for (const auto& item : node) {
      Rule rule;
      if (auto r = read_rule(item, rule); !r) {
        return r;
      }
      const auto [it, inserted] = ids.emplace(rule.id, position(item["id"]));
      if (!inserted) {
        return std::unexpected(
            error(item["id"], "duplicate rule id '" + rule.id + "' (first at " + core::describe(it->second) + ")",
                  RulesFailure::duplicate));
      }
      out.push_back(std::move(rule));
    }
    return {};
  }
};

} // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(c);
  }
  return out;
}

std::expected<PublisherRules, RulesError> parse_rules(std::string_view yaml, const std::filesystem::path& file_name) {
  const std::string file = file_name.string();
  const SchemaReader reader(file);
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml));
    if (documents.size() > 1) {
      return std::unexpected(reader.error(documents[1], "a rules file holds one YAML document; this is a second one"));
    }
    const YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
    auto rules = reader.read_file(root);
    if (rules) {
      rules->file = file_name;
    }
    return rules;
  } catch (const YAML::Exception& e) {
    // ParserException (syntax) and anything yaml-cpp raises while we walk the tree.
    const RulesFailure failure =
        dynamic_cast<const YAML::ParserException*>(&e) != nullptr ? RulesFailure::syntax : RulesFailure::schema;
    const std::string what = failure == RulesFailure::syntax ? "YAML syntax error: " : "cannot read YAML: ";
    return positioned_error(failure, reader.position(e.mark), what + e.msg);
  } catch (const std::exception& e) {
    return file_error(RulesFailure::io, file, std::string("cannot read rules: ") + e.what());
  }
}

std::expected<PublisherRules, RulesError> load_rules_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) {
    return file_error(RulesFailure::io, name, "cannot read rules file: " + ec.message());
  }
  if (size > k_max_rules_file_bytes) {
    return file_error(RulesFailure::io, name,
                      "rules file is " + std::to_string(size) + " bytes; the limit is " +
                          std::to_string(k_max_rules_file_bytes));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return file_error(RulesFailure::io, name, "cannot open rules file");
  }
  // Read at most the cap plus one byte, in case the file grew since file_size().
  std::string text(static_cast<std::size_t>(k_max_rules_file_bytes) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    return file_error(RulesFailure::io, name, "cannot read rules file");
  }
  if (text.size() > k_max_rules_file_bytes) {
    return file_error(RulesFailure::io, name, "rules file grew past the size limit");
  }
  return parse_rules(text, file);
}

std::expected<RuleSet, RulesError> load_rules_dir(const std::filesystem::path& dir) {
  const std::string name = dir.string();
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    return file_error(RulesFailure::io, name, "cannot read rules directory: " + ec.message());
  }
  for (const std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
    const std::filesystem::path& path = it->path();
    const std::string extension = path.extension().string();
    std::error_code type_ec; // a dangling symlink is skipped, not a directory read failure
    if ((extension == ".yaml" || extension == ".yml") && it->is_regular_file(type_ec)) {
      if (files.size() >= k_max_rules_files) {
        return file_error(RulesFailure::io, name, "more than " + std::to_string(k_max_rules_files) + " rule files");
      }
      files.push_back(path);
    }
  }
  if (ec) {
    return file_error(RulesFailure::io, name, "cannot read rules directory: " + ec.message());
  }
  if (files.empty()) {
    return file_error(RulesFailure::io, name, "no rule files (*.yaml) in the directory");
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });

  std::vector<PublisherRules> publishers;
  for (const std::filesystem::path& file : files) {
    auto rules = load_rules_file(file);
    if (!rules) {
      return std::unexpected(rules.error());
    }
    for (const PublisherRules& earlier : publishers) {
      if (earlier.publisher == rules->publisher) {
        return positioned_error(
            RulesFailure::duplicate, rules->publisher_position,
            concat({"duplicate publisher id '", rules->publisher, "' (also in ", earlier.file.string(), ")"}));
      }
      for (std::size_t i = 0; i < rules->domains.size(); ++i) {
        const std::string& domain = rules->domains[i];
        if (std::find(earlier.domains.begin(), earlier.domains.end(), domain) != earlier.domains.end()) {
          const core::SourcePosition where =
              i < rules->domain_positions.size() ? rules->domain_positions[i] : rules->publisher_position;
          return positioned_error(RulesFailure::duplicate, where,
                                  concat({"domain '", domain, "' is also claimed by publisher '", earlier.publisher,
                                          "' (", earlier.file.string(), ")"}));
        }
      }
    }
    publishers.push_back(std::move(*rules));
  }
  return RuleSet(std::move(publishers));
}

} // namespace syndcheck::rules
