// rules/rule_set.hpp: the rule model (one PublisherRules per rules/*.yaml) and its loader.
//
// The only module that includes yaml-cpp. The YAML schema is a public contract (docs/rules.md):
// unknown keys, wrong types and unknown rule kinds are errors naming file:line:col.

#pragma once
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace syndcheck::rules {

// hyperlink.to
struct ToPublisher {};
struct ToArticle {};
struct ToCitedOutlets {};
struct ToDomains {
  std::vector<std::string> domains;
};
using LinkTarget = std::variant<ToPublisher, ToArticle, ToCitedOutlets, ToDomains>;

struct HyperlinkRule {
  LinkTarget to;
  std::optional<int> max_paragraph; // 0 = above the body; absent = anywhere in the body
  bool follow = false;              // link must be open to search engines
};

struct CreditRule {
  std::optional<int> max_paragraph;
};

enum class Condition { always, original_cites_outlet };

struct Rule {
  std::string id; // kebab-case, unique in its file
  Condition when = Condition::always;
  std::variant<HyperlinkRule, CreditRule> kind;
  core::SourcePosition position; // where the rule starts, for messages
};

struct PublisherRules {
  std::string publisher; // id, unique across the directory
  std::string name;
  std::vector<std::string> domains;
  std::vector<std::string> aliases;
  std::string terms_url;
  std::string terms_text;
  std::vector<Rule> rules;
  std::filesystem::path file;
  core::SourcePosition publisher_position;            // where the id is, for duplicate-id messages
  std::vector<core::SourcePosition> domain_positions; // parallel to `domains`, for the same reason
};

// Caps on what a rules directory may make us read. Shipped files are under 2 KiB and there are
// two of them; the caps leave hundreds of times that headroom while bounding a hostile --rules.
inline constexpr std::uintmax_t k_max_rules_file_bytes = 1024 * 1024;
inline constexpr std::size_t k_max_rules_files = 1000;

enum class RulesFailure { io, syntax, schema, duplicate };

struct RulesError {
  RulesFailure failure;
  core::SourcePosition position; // file:line:col (line 0 when the whole file is at fault)
  std::string message;
};

std::string describe(const RulesError& error); // "rules/x.yaml:12:3: unknown key 'maxparagraph'"

class RuleSet {
public:
  RuleSet() = default;
  explicit RuleSet(std::vector<PublisherRules> publishers);

  const std::vector<PublisherRules>& publishers() const { return m_publishers; }
  // The publisher whose domains contain the URL's host, if any.
  const PublisherRules* publisher_for_url(std::string_view url) const;
  const PublisherRules* find(std::string_view publisher_id) const;

private:
  std::vector<PublisherRules> m_publishers;
};

std::expected<PublisherRules, RulesError> load_rules_file(const std::filesystem::path& file);
std::expected<PublisherRules, RulesError> parse_rules(std::string_view yaml, const std::filesystem::path& file_name);
// Every *.yaml / *.yml in `dir`, sorted by name; the first error wins.
std::expected<RuleSet, RulesError> load_rules_dir(const std::filesystem::path& dir);

} // namespace syndcheck::rules
