// cli/commands.cpp: dispatch of subcommands and printing; no domain logic lives here.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <unistd.h>

#include "cli/options.hpp"
#include "core/error.hpp"
#include "pipeline/scan.hpp"
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
    report::write_article(std::cout, *document, command.render);
    std::cout << std::flush;
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
      print_error(found ? key + ": no such original in " + command.add.db_path.string()
                        : store::describe(found.error()));
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

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
  g_stop.store(true);
}

std::string scan_summary_line(const pipeline::ScanSummary& s) {
  return "scan " + std::to_string(s.scan_id) + ": originals " + std::to_string(s.originals_added) + " new, " +
         std::to_string(s.originals_known) + " known; pages " + std::to_string(s.pages_listed) + " listed, " +
         std::to_string(s.pages_processed) + " judged, " + std::to_string(s.pages_unchanged) + " unchanged, " +
         std::to_string(s.pages_failed) + " failed, " + std::to_string(s.pages_robots) + " kept out by robots.txt; " +
         std::to_string(s.matches) + " matches; " + std::to_string(s.violating) + " violating copies (" +
         std::to_string(s.new_findings) + " new)";
}

int run_scan_command(const ScanCommand& command) {
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  const bool tty = isatty(STDERR_FILENO) != 0 && !command.quiet;
  pipeline::ScanRunOptions options;
  options.stop = &g_stop;
  if (tty) {
    // Rate and ETA per stage: the stage's own start, since sites differ in size and delay.
    auto stage_start = std::make_shared<std::pair<std::string, std::chrono::steady_clock::time_point>>();
    options.progress = [stage_start](const pipeline::ScanProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (stage_start->first != p.stage) {
        *stage_start = {p.stage, now};
      }
      const double seconds = std::chrono::duration<double>(now - stage_start->second).count();
      const double rate = seconds > 0 ? static_cast<double>(p.done) / seconds : 0.0;
      const double eta = rate > 0 ? static_cast<double>(p.total - std::min(p.done, p.total)) / rate : 0.0;
      std::cerr << "\r\033[K" << p.stage << ": " << p.done << "/" << p.total << " pages, " << p.matched << " matches, "
                << p.findings << " violating, " << static_cast<long>(rate) << " pages/s, ETA " << static_cast<long>(eta)
                << " s" << std::flush;
    };
  }
  int status = core::k_exit_ok;
  while (true) {
    const auto started = std::chrono::steady_clock::now();
    const pipeline::ScanSummary summary = pipeline::run_scan(command.config, options);
    if (tty) {
      std::cerr << "\r\033[K";
    }
    if (command.verbose) {
      for (const std::string& error : summary.errors) {
        std::cerr << "syndcheck: warning: " << error << '\n';
      }
    }
    if (!command.quiet) {
      std::cout << scan_summary_line(summary) << '\n';
      if (!summary.errors.empty() && !command.verbose) {
        std::cout << "  " << summary.errors.size() << " page or feed failures recorded (--verbose lists them)\n";
      }
      for (const auto& path : summary.reports) {
        std::cout << "  report: " << path.string() << '\n';
      }
      std::cout << std::flush;
    }
    status = summary.violating > 0 ? core::k_exit_violation : core::k_exit_ok;
    if (!command.every || g_stop.load()) {
      break;
    }
    // Sleep until the next scan is due, waking every 200 ms to notice SIGTERM.
    const auto due = started + *command.every;
    while (!g_stop.load() && std::chrono::steady_clock::now() < due) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (g_stop.load()) {
      break;
    }
  }
  return status;
}

int run_report_command(const ReportCommand& command) {
  const std::string rendered = pipeline::render_report(command.db, command.format, command.filter);
  if (command.output.empty()) {
    std::cout << rendered << std::flush;
    return core::k_exit_ok;
  }
  return write_output(command.output, rendered) ? core::k_exit_ok : core::k_exit_error;
}

int run_findings_command(const std::string& which, const FindingsCommand& command) {
  std::unique_ptr<store::Store> db = pipeline::open_store(command.db);
  if (which == "findings ignore") {
    auto ignored = db->ignore_finding(command.id, command.reason);
    if (!ignored) {
      print_error(store::describe(ignored.error()));
      return core::k_exit_error;
    }
    if (!*ignored) {
      print_error("no finding " + std::to_string(command.id) + " in " + command.db.string());
      return core::k_exit_error;
    }
    std::cout << "finding " << command.id << " ignored\n";
    return core::k_exit_ok;
  }
  if (command.json) {
    std::cout << pipeline::render_report(command.db, "json") << std::flush;
    return core::k_exit_ok;
  }
  auto findings = db->findings(0);
  if (!findings) {
    print_error(store::describe(findings.error()));
    return core::k_exit_error;
  }
  for (const store::Finding& f : *findings) {
    std::cout << f.id << "  " << store::to_string(f.state) << "  " << f.verdict << "  " << f.relation << "  " << f.site
              << "  " << f.page_url << "  <- " << f.original_url << '\n';
  }
  return core::k_exit_ok;
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
  if (raw.command == "scan") {
    auto command = validate_scan(raw.scan);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_scan_command(*command);
  }
  if (raw.command == "notice") {
    auto command = validate_notice(raw.notice);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    auto letter = pipeline::draft_notice(command->db, command->rules_dir, command->id, command->lang);
    if (!letter) {
      print_error(letter.error());
      return core::k_exit_error;
    }
    std::cout << *letter << std::flush;
    return core::k_exit_ok;
  }
  if (raw.command == "report") {
    auto command = validate_report(raw.report);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_report_command(*command);
  }
  if (raw.command.starts_with("findings ")) {
    auto command = validate_findings(raw.findings);
    if (!command) {
      print_error(command.error());
      return core::k_exit_error;
    }
    return run_findings_command(raw.command, *command);
  }
  print_error("no command given; see 'syndcheck --help'");
  return core::k_exit_error;
}

} // namespace syndcheck::cli
