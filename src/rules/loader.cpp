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
      } else {
        return std::unexpected(
            error(entry.first, "unknown key '" + *key + "' at the top level (keys: publisher, name, domains, aliases, "
                                                        "terms, rules)"));
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
      return std::unexpected(error(node, concat({"'", what, "' must be kebab-case (a-z, 0-9, '-'), got '"}) +
                                             out + "'"));
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
      } else {
        return std::unexpected(
            error(entry.first, "unknown key '" + *key + "' in hyperlink (keys: to, max_paragraph, follow)"));
      }
      if (!r) {
        return r;
      }
    }
    if (!seen.contains("to")) {
      return std::unexpected(error(node, "hyperlink needs 'to' (publisher, article, cited-outlets or a list of domains)"));
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
      if (*key != "max_paragraph") {
        return std::unexpected(error(entry.first, "unknown key '" + *key + "' in credit (keys: max_paragraph)"));
      }
      if (auto r = read_max_paragraph(entry.second, out.max_paragraph); !r) {
        return r;
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
        std::string condition;
        if (auto r = read_string(value, "when", condition, false); !r) {
          return r;
        }
        if (condition != "original.cites-outlet") {
          return std::unexpected(
              error(value, "unknown condition '" + condition + "' in 'when' (expected original.cites-outlet)"));
        }
        out.when = Condition::original_cites_outlet;
        continue;
      }
      if (*key != "hyperlink" && *key != "credit") {
        return std::unexpected(error(entry.first, "unknown key '" + *key + "' in " + label +
                                                      " (keys: id, when; rule kinds: hyperlink, credit)"));
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
      } else {
        CreditRule credit;
        if (auto r = read_credit(value, credit); !r) {
          return r;
        }
        out.kind = credit;
      }
    }
    if (out.id.empty()) {
      return std::unexpected(error(node, "rule has no 'id'"));
    }
    if (kind_key.empty()) {
      return std::unexpected(error(node, label + " has no kind (expected hyperlink or credit)"));
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
        return std::unexpected(error(item["id"],
                                     "duplicate rule id '" + rule.id + "' (first at " + core::describe(it->second) + ")",
                                     RulesFailure::duplicate));
      }
      out.push_back(std::move(rule));
    }
    return {};
  }
};

} // namespace

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
    return file_error(RulesFailure::io, name, "rules file is " + std::to_string(size) + " bytes; the limit is " +
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
        return positioned_error(RulesFailure::duplicate, rules->publisher_position,
                                concat({"duplicate publisher id '", rules->publisher, "' (also in ",
                                        earlier.file.string(), ")"}));
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
