// rules/lint.cpp: `rules lint`: every problem in a rules file or directory, each with file:line:col.
//
// Rule: report, never stop at the first problem of the directory: a rights desk fixing files wants
// the whole list in one run. Each file still contributes only its first error, because a YAML
// error makes the rest of that file's positions meaningless.
#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "rules/rule_set.hpp"

namespace syndcheck::rules {
namespace {

RulesError problem(RulesFailure failure, core::SourcePosition position, std::string message) {
  RulesError error{};
  error.failure = failure;
  error.position = std::move(position);
  error.message = std::move(message);
  return error;
}

bool uses_cited_outlets(const PublisherRules& publisher) {
  return std::any_of(publisher.rules.begin(), publisher.rules.end(), [](const Rule& rule) {
    const auto* link = std::get_if<HyperlinkRule>(&rule.kind);
    return link != nullptr && std::holds_alternative<ToCitedOutlets>(link->to);
  });
}

} // namespace

std::vector<RulesError> lint_rules(const std::filesystem::path& file_or_dir) {
  std::vector<RulesError> problems;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(file_or_dir, ec)) {
    for (std::filesystem::directory_iterator it(file_or_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string extension = it->path().extension().string();
      std::error_code type_ec;
      if ((extension == ".yaml" || extension == ".yml") && it->is_regular_file(type_ec)) {
        if (files.size() >= k_max_rules_files) {
          problems.push_back(problem(RulesFailure::io, {file_or_dir.string(), 0, 0},
                                     "more than " + std::to_string(k_max_rules_files) + " rule files"));
          return problems;
        }
        files.push_back(it->path());
      }
    }
    if (ec) {
      problems.push_back(
          problem(RulesFailure::io, {file_or_dir.string(), 0, 0}, "cannot read rules directory: " + ec.message()));
      return problems;
    }
    if (files.empty()) {
      problems.push_back(
          problem(RulesFailure::io, {file_or_dir.string(), 0, 0}, "no rule files (*.yaml) in the directory"));
      return problems;
    }
  } else {
    files.push_back(file_or_dir);
  }
  std::sort(files.begin(), files.end());

  std::vector<PublisherRules> loaded;
  for (const std::filesystem::path& file : files) {
    auto rules = load_rules_file(file);
    if (!rules) {
      problems.push_back(rules.error());
    } else {
      loaded.push_back(std::move(*rules));
    }
  }
  std::map<std::string, const PublisherRules*> ids;
  std::map<std::string, const PublisherRules*> domains;
  for (const PublisherRules& publisher : loaded) {
    const auto [it, inserted] = ids.emplace(publisher.publisher, &publisher);
    if (!inserted) {
      problems.push_back(
          problem(RulesFailure::duplicate, publisher.publisher_position,
                  "duplicate publisher id '" + publisher.publisher + "' (also in " + it->second->file.string() + ")"));
    }
    for (std::size_t i = 0; i < publisher.domains.size(); ++i) {
      const auto [d, fresh] = domains.emplace(publisher.domains[i], &publisher);
      if (!fresh) {
        const core::SourcePosition where =
            i < publisher.domain_positions.size() ? publisher.domain_positions[i] : publisher.publisher_position;
        problems.push_back(problem(RulesFailure::duplicate, where,
                                   "domain '" + publisher.domains[i] + "' is also claimed by publisher '" +
                                       d->second->publisher + "' (" + d->second->file.string() + ")"));
      }
    }
  }
  // References across files only make sense when a directory was linted.
  const bool whole_directory = files.size() > 1 || std::filesystem::is_directory(file_or_dir, ec);
  for (const PublisherRules& publisher : loaded) {
    for (const Licensee& licensee : publisher.licensees) {
      if (!licensee.publisher.empty() && whole_directory && !ids.contains(licensee.publisher)) {
        problems.push_back(
            problem(RulesFailure::schema, licensee.position,
                    "licensee publisher '" + licensee.publisher + "' has no rule file in the directory"));
      }
    }
    if (whole_directory && uses_cited_outlets(publisher) && loaded.size() < 2) {
      problems.push_back(problem(RulesFailure::schema, publisher.publisher_position,
                                 "a rule links to cited-outlets, but no other publisher is known to be cited"));
    }
  }
  return problems;
}

} // namespace syndcheck::rules
