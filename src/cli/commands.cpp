// cli/commands.cpp: dispatch of subcommands and printing; no domain logic lives here.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/options.hpp"
#include "core/error.hpp"
#include "report/originals_printer.hpp"

namespace syndcheck::cli {
namespace {

void print_error(const std::string& message) {
  std::cerr << "syndcheck: error: " << message << '\n';
}

// Writes the report to FILE through a temporary file and a rename, so that an interrupted run
// never leaves a half-written report where a previous good one stood.
bool write_output(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      print_error(path + ": cannot write the report");
      return false;
    }
    out << content;
    if (!out.flush()) {
      print_error(path + ": cannot write the report");
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    print_error(path + ": " + ec.message());
    return false;
  }
  return true;
}

int run_check_command(const CheckCommand& command) {
  auto result = pipeline::run_check(command.config);
  if (!result) {
    print_error(result.error().message);
    return core::k_exit_error;
  }
  for (const report::InputError& error : result->errors) {
    print_error(error.message);
  }
  const std::string rendered = report::render(*result, command.format);
  if (command.output.empty()) {
    std::cout << rendered << std::flush;
  } else if (!write_output(command.output, rendered)) {
    return core::k_exit_error;
  }
  return report::exit_code(*result);
}

// Each input is judged on its own: a failure is reported on stderr and the batch goes on.
int run_extract_command(const ExtractCommand& command) {
  fetch::Fetcher fetcher(command.fetch);
  int status = core::k_exit_ok;
  for (const std::string& input : command.inputs) {
    auto document = pipeline::load_document(fetcher, input, command.extract);
    if (!document) {
      print_error(document.error().message);
      status = core::k_exit_error;
      continue;
    }
    std::cout << report::render_article(*document, command.render) << std::flush;
  }
  return status;
}

int run_originals_command(const std::string& which, const OriginalsCommand& command) {
  if (which == "originals add") {
    const pipeline::AddOriginalsResult result = pipeline::add_originals(command.add);
    for (const std::string& error : result.errors) {
      print_error(error);
    }
    for (const pipeline::AddedOriginal& added : result.added) {
      std::cout << "indexed " << added.id << "  " << (added.publisher.empty() ? "-" : added.publisher) << "  "
                << added.url << '\n';
    }
    if (result.evicted > 0) {
      std::cout << "evicted " << result.evicted << " original" << (result.evicted == 1 ? "" : "s") << '\n';
    }
    return result.errors.empty() ? core::k_exit_ok : core::k_exit_error;
  }
  std::unique_ptr<store::Store> db = pipeline::open_store(command.add.db_path);
  if (which == "originals list") {
    auto list = db->list_originals();
    if (!list) {
      print_error(store::describe(list.error()));
      return core::k_exit_error;
    }
    std::cout << report::render_originals(*list, command.json);
    return core::k_exit_ok;
  }
  int status = core::k_exit_ok;
  for (const std::string& key : command.add.inputs) {
    auto found = db->find_original(key);
    if (!found || !found->has_value()) {
      print_error(found ? key + ": no such original in " + command.add.db_path.string() : store::describe(found.error()));
      status = core::k_exit_error;
      continue;
    }
    auto removed = db->remove_original((*found)->id);
    if (!removed) {
      print_error(store::describe(removed.error()));
      status = core::k_exit_error;
      continue;
    }
    std::cout << "removed " << (*found)->id << "  " << (*found)->url << '\n';
  }
  return status;
}

} // namespace

int run(int argc, char** argv) {
  RawArgs raw;
  std::unique_ptr<CLI::App> app = build_app(raw);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app->exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(e.what());
    return core::k_exit_error;
  }
  if (raw.command == "check") {
    auto command = validate_check(raw.check);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_check_command(*command);
  }
  if (raw.command == "extract") {
    auto command = validate_extract(raw.extract);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_extract_command(*command);
  }
  if (raw.command.starts_with("originals ")) {
    auto command = validate_originals(raw.originals);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_originals_command(raw.command, *command);
  }
  if (raw.command == "rules") {
    return run_rules_command(raw.rules);
  }
  print_error("no command given; see 'syndcheck --help'");
  return core::k_exit_error;
}

} // namespace syndcheck::cli
