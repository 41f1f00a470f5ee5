// cli/rules_commands.hpp: `syndcheck rules lint|explain|draft`: tools for writing rule files.
//
// Rule: like `check`, two stages: CLI11 fills RawRulesArgs, run_rules_command validates and runs.
// Exit status: 0 clean, 1 problems found (lint) , 2 error (unreadable input, unknown publisher).

#pragma once
#include <string>

namespace CLI {
class App;
}

namespace syndcheck::cli {

struct RawRulesArgs {
  std::string action;    // "lint", "explain" or "draft"
  std::string path;      // lint: a file or directory (default: the shipped rules/)
  std::string publisher; // explain: the id; draft: the id of the drafted file
  std::string rules_dir; // explain: --rules
  std::string terms;     // draft: --terms FILE|URL
  std::string language;  // draft: --lang
  std::string compare;   // draft: --compare DIR (library to measure the draft against)
};

// Adds the `rules` subcommand to `app`; sets `command` to "rules" when it is used.
void add_rules_commands(CLI::App& app, RawRulesArgs& raw, std::string& command);

int run_rules_command(const RawRulesArgs& raw);

} // namespace syndcheck::cli
