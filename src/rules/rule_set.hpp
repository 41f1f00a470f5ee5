// rules/rule_set.hpp: the rule model (one PublisherRules per rules/*.yaml) and its loader.
//
// The only module that includes yaml-cpp. The YAML schema is a public contract (docs/rules.md):
// unknown keys, wrong types and unknown rule kinds are errors naming file:line:col.

#pragma once
#include <chrono>
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
#include "model/finding.hpp"

namespace syndcheck::rules {

// hyperlink.to
struct ToPublisher {};
struct ToArticle {};
struct ToCitedOutlets {};
struct ToDomains {
  std::vector<std::string> domains;
};
using LinkTarget = std::variant<ToPublisher, ToArticle, ToCitedOutlets, ToDomains>;

// hyperlink.anchor: what the link's anchor text must say.
enum class AnchorRequirement { any, alias, phrase };

struct HyperlinkRule {
  LinkTarget to;
  std::optional<int> max_paragraph; // 0 = above the body; absent = anywhere in the body
  bool follow = false;              // link must be open to search engines
  // Added by issue 5 (defaults keep the foundation schema's meaning):
  bool direct = false;                               // no redirector/shortener, href host is the target's
  AnchorRequirement anchor = AnchorRequirement::any; // anchor text requirement
  std::string anchor_phrase = {};                    // for AnchorRequirement::phrase
  bool or_sources_section = false;                   // `or_section: sources`: a link under "Sources" counts
  std::vector<int> review_paragraphs = {};           // a deciding link here is `needs-review` (ambiguous terms)
};

struct CreditRule {
  std::optional<int> max_paragraph;
  std::string phrase = {}; // empty: any alias; else a required phrase with {domain}/{name} placeholders
};

// reuse: how much of the original a copy may reproduce.
struct ReuseRule {
  std::optional<double> max_coverage;   // share of the original's words, 0..1
  std::optional<std::size_t> max_chars; // characters (code points) of the original reproduced
  bool full_reprint_forbidden = false;  // coverage >= k_full_reprint_coverage fails unless licensed
  bool licensees_only = false;          // any reuse fails unless the copier is a licensee (AP, Reuters)
};

// embargo: the copy may not appear before `after` from the original's publication time.
struct EmbargoRule {
  std::chrono::seconds after{0};
};

enum class Condition { always, original_cites_outlet };

// The mapping form of `when`: every condition present must hold. The flag form
// (`when: original.cites-outlet`) sets `cites_outlet` as well as Rule::when.
struct WhenConditions {
  std::optional<bool> cites_outlet;
  std::vector<std::string> kinds;         // original.kind: any of these
  std::optional<bool> advertisement;      // original.advertisement
  std::optional<bool> translated;         // copy.translated
  std::vector<model::Relation> relations; // relation: any of these
};

struct Rule {
  std::string id; // kebab-case, unique in its file
  Condition when = Condition::always;
  std::variant<HyperlinkRule, CreditRule, ReuseRule, EmbargoRule> kind;
  core::SourcePosition position;  // where the rule starts, for messages
  WhenConditions conditions = {}; // all of `when`
  std::string source = {};        // the sentence of terms.text the rule encodes
  core::SourcePosition source_position = {};
};

// kinds: how to tell an original's kind; the first match wins; default "news".
struct KindSpec {
  std::string name;
  std::vector<std::string> url;         // substrings of the original URL's path
  std::vector<std::string> jsonld_type; // any of the original's schema types
};

// licensees: copies on these domains (within the dates) are `licensed`, not violations.
struct Licensee {
  std::string domain;    // bare domain, subdomains included; or empty when `publisher` is used
  std::string publisher; // a publisher id of the directory whose domains are licensed
  std::string from;      // YYYY-MM-DD inclusive, or empty
  std::string until;     // YYYY-MM-DD inclusive, or empty
  core::SourcePosition position;
};

// Coverage at or above this is a full reprint: the similarity module calls >= 0.8 `verbatim`
// (docs/json.md), and the issue defines `full_reprint: forbidden` on the same threshold.
inline constexpr double k_full_reprint_coverage = 0.8;

struct PublisherRules {
  std::string publisher; // id, unique across the directory
  std::string name;
  std::vector<std::string> domains;
  std::vector<std::string> aliases;
  std::string terms_url;
  std::string terms_text;
  std::vector<Rule> rules;
  // Added by issue 5:
  std::vector<KindSpec> kinds = {};
  std::vector<Licensee> licensees = {};
  std::vector<std::string> exclude = {};              // flags: original.advertisement, ...
  std::vector<std::string> advertisement_labels = {}; // extra labels beyond the built-in ones
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

// Collapses runs of whitespace to one space and trims; how `source:` quotes are compared.
std::string collapse_whitespace(std::string_view text);

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

// `rules lint`: every problem in a file, or in every *.yaml/*.yml of a directory (each file's first
// error, then directory checks: duplicate publisher ids, domains claimed twice, licensees naming
// unknown publishers, `to: cited-outlets` with no other publisher to cite). Empty when clean.
std::vector<RulesError> lint_rules(const std::filesystem::path& file_or_dir);

} // namespace syndcheck::rules
