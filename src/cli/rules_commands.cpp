// cli/rules_commands.cpp: `syndcheck rules lint|explain|draft`, printing only; the work is in
// rules/ (lint_rules, explain, draft_rules), so it is unit-tested there.
//
// Rule: problems go to stdout as `file:line:col: message` (lint) and the draft to stdout as YAML;
// only errors go to stderr, as "syndcheck: error: ...".
#include "cli/rules_commands.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "core/error.hpp"
#include "pipeline/check.hpp"
#include "rules/draft.hpp"
#include "rules/explain.hpp"
#include "rules/rule_set.hpp"

namespace syndcheck::cli {
namespace {

void print_error(const std::string& message) {
  std::cerr << "syndcheck: error: " << message << '\n';
}

int run_lint(const RawRulesArgs& raw) {
  const std::filesystem::path path = raw.path.empty() ? pipeline::default_rules_dir() : std::filesystem::path(raw.path);
  const std::vector<rules::RulesError> problems = rules::lint_rules(path);
  for (const rules::RulesError& problem : problems) {
    std::cout << rules::describe(problem) << '\n';
  }
  if (problems.empty()) {
    std::cout << "rules lint: " << path.string() << ": no problems\n";
    return core::k_exit_ok;
  }
  std::cout << "rules lint: " << problems.size() << " problem" << (problems.size() == 1 ? "" : "s") << '\n';
  return core::k_exit_violation;
}

int run_explain(const RawRulesArgs& raw) {
  const std::filesystem::path dir =
      raw.rules_dir.empty() ? pipeline::default_rules_dir() : std::filesystem::path(raw.rules_dir);
  auto set = rules::load_rules_dir(dir);
  if (!set) {
    print_error(rules::describe(set.error()));
    return core::k_exit_error;
  }
  const rules::PublisherRules* publisher = set->find(raw.publisher);
  if (publisher == nullptr) {
    publisher = set->publisher_for_url("https://" + raw.publisher + "/");
  }
  if (publisher == nullptr) {
    print_error("no rule file in " + dir.string() + " for publisher '" + raw.publisher + "'");
    return core::k_exit_error;
  }
  std::cout << rules::explain(*set, *publisher);
  return core::k_exit_ok;
}

// The terms as text: a local file as it is, a URL through the pipeline's fetch and extraction.
std::expected<std::string, std::string> read_terms(const std::string& terms, std::size_t cap) {
  if (terms.starts_with("http://") || terms.starts_with("https://")) {
    fetch::Fetcher fetcher;
    auto document = pipeline::load_document(fetcher, terms, extract::ExtractOptions{});
    if (!document) {
      return std::unexpected(document.error().message);
    }
    return document->article.body_text();
  }
  std::ifstream in(terms, std::ios::binary);
  if (!in) {
    return std::unexpected(terms + ": cannot open the terms file");
  }
  std::string text(cap + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

int run_draft(const RawRulesArgs& raw) {
  if (!raw.language.empty() && raw.language != "uk" && raw.language != "ru" && raw.language != "en" &&
      raw.language != "be") {
    print_error("--lang: '" + raw.language + "' is not one of uk, ru, en, be");
    return core::k_exit_error;
  }
  rules::DraftOptions options;
  options.language = raw.language;
  options.publisher = raw.publisher;
  if (options.publisher.empty()) {
    options.publisher = std::filesystem::path(raw.terms).stem().string();
  }
  if (raw.terms.starts_with("http")) {
    options.url = raw.terms;
  }
  auto terms = read_terms(raw.terms, options.max_terms_bytes);
  if (!terms) {
    print_error(terms.error());
    return core::k_exit_error;
  }
  auto draft = rules::draft_rules(*terms, options);
  if (!draft) {
    print_error(raw.terms + ": " + draft.error().message);
    return core::k_exit_error;
  }
  if (raw.compare.empty()) {
    std::cout << draft->yaml;
    return core::k_exit_ok;
  }
  // --compare: is the draft, rule for rule, the library's file for the same domain?
  auto drafted = rules::parse_rules(draft->yaml, "draft.yaml");
  if (!drafted) {
    print_error("the draft does not load: " + rules::describe(drafted.error()));
    return core::k_exit_error;
  }
  auto library = rules::load_rules_dir(raw.compare);
  if (!library) {
    print_error(rules::describe(library.error()));
    return core::k_exit_error;
  }
  const rules::PublisherRules* match =
      drafted->domains.empty() ? nullptr : library->publisher_for_url("https://" + drafted->domains.front() + "/");
  if (match == nullptr) {
    std::cout << raw.terms << ": no library file claims " << (drafted->domains.empty() ? "" : drafted->domains.front())
              << '\n';
    return core::k_exit_violation;
  }
  const std::vector<std::string> differences = rules::compare_rules(*drafted, *match);
  std::cout << (differences.empty() ? "equal    " : "differs  ") << raw.terms << " -> " << match->file.string() << '\n';
  for (const std::string& d : differences) {
    std::cout << "    " << d << '\n';
  }
  return differences.empty() ? core::k_exit_ok : core::k_exit_violation;
}

} // namespace

void add_rules_commands(CLI::App& app, RawRulesArgs& raw, std::string& command) {
  CLI::App* rules = app.add_subcommand("rules", "Tools for rule files: lint, explain, draft");
  rules->require_subcommand(1);
  rules->callback([&command] { command = "rules"; });

  CLI::App* lint = rules->add_subcommand("lint", "Validate rule files; print file:line:col: message for each problem");
  lint->callback([&raw] { raw.action = "lint"; });
  lint->add_option("PATH", raw.path, "A rules file or directory (default: the shipped rules/)");

  CLI::App* explain = rules->add_subcommand("explain", "Print a publisher's terms in plain English, rule by rule");
  explain->callback([&raw] { raw.action = "explain"; });
  explain->add_option("PUBLISHER", raw.publisher, "Publisher id or domain")->required();
  explain->add_option("--rules", raw.rules_dir, "Directory of publisher rule files (default: the shipped rules/)");

  CLI::App* draft = rules->add_subcommand("draft", "Draft a rules file (YAML on stdout) from a terms page");
  draft->callback([&raw] { raw.action = "draft"; });
  draft->add_option("--terms", raw.terms, "The terms: a local file (text or ../shared/terms Markdown) or a URL")
      ->required();
  draft->add_option("--lang", raw.language, "Language of the terms: uk, ru, en or be");
  draft->add_option("--publisher", raw.publisher, "Publisher id of the draft (default: the file name)");
  draft->add_option("--compare", raw.compare,
                    "Instead of printing, compare the draft with the file in DIR that claims the same domain");
}

int run_rules_command(const RawRulesArgs& raw) {
  if (raw.action == "lint") {
    return run_lint(raw);
  }
  if (raw.action == "explain") {
    return run_explain(raw);
  }
  if (raw.action == "draft") {
    return run_draft(raw);
  }
  print_error("rules: expected lint, explain or draft");
  return core::k_exit_error;
}

} // namespace syndcheck::cli
