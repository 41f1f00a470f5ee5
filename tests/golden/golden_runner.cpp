// tests/golden/golden_runner.cpp: golden tests as data. Every fixtures/check/<case>/ with an
// expected.json is checked through the CLI, in JSON and in text, against a loopback server.
//
// Usage: golden_runner --binary PATH --fixtures DIR [--case NAME] [--update]
// --update rewrites each expected.json from the actual output (keeping description and args);
// review those rewrites like code.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/loopback_server.hpp"
#include "support/run_process.hpp"

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

// Pages named in expected.json ("copy", "originals") are paths under the fixture set
// ("/originals/x.html"), or, with "../", under fixtures/ itself, so cases share one copy of a page.
constexpr const char* k_default_original = "../check/originals/ukrinform-blinken-space-tech.html";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The part of the output a case pins: verdicts, relations and rule statuses. URLs, timestamps and
// offsets are left to unit tests, so that a harmless change of extraction does not churn 16 files.
ordered_json project(const ordered_json& output, int exit_code, const ordered_json& expected) {
  ordered_json out;
  out["exit"] = exit_code;
  out["verdict"] = output.value("verdict", "");
  if (expected.contains("copy_title")) {
    out["copy_title"] = output["copy"].value("title", "");
  }
  ordered_json matches = ordered_json::array();
  for (const auto& match : output.value("matches", ordered_json::array())) {
    ordered_json m;
    m["publisher"] = match.contains("original") ? match["original"].value("publisher", "") : "";
    m["relation"] = match.value("relation", "");
    m["verdict"] = match.value("verdict", "");
    ordered_json rules = ordered_json::object();
    for (const auto& rule : match.value("rules", ordered_json::array())) {
      rules[rule.value("id", "")] = rule.value("status", "");
    }
    m["rules"] = rules;
    matches.push_back(m);
  }
  out["matches"] = matches;
  return out;
}

ordered_json expectation_of(const ordered_json& expected) {
  ordered_json out;
  out["exit"] = expected.value("exit", -1);
  out["verdict"] = expected.value("verdict", "");
  if (expected.contains("copy_title")) {
    out["copy_title"] = expected["copy_title"];
  }
  ordered_json matches = ordered_json::array();
  for (const auto& match : expected.value("matches", ordered_json::array())) {
    ordered_json m;
    m["publisher"] = match.value("publisher", "");
    m["relation"] = match.value("relation", "");
    m["verdict"] = match.value("verdict", "");
    m["rules"] = match.value("rules", ordered_json::object());
    matches.push_back(m);
  }
  out["matches"] = matches;
  return out;
}

// The text report must say the same: the verdict line, and one status line per rule.
std::vector<std::string> text_mismatches(const std::string& text, const ordered_json& expectation) {
  std::vector<std::string> problems;
  const std::string verdict_line = "verdict:  " + expectation["verdict"].get<std::string>() + "\n";
  if (text.find(verdict_line) == std::string::npos) {
    problems.push_back("text report lacks '" + verdict_line.substr(0, verdict_line.size() - 1) + "'");
  }
  for (const auto& match : expectation["matches"]) {
    for (const auto& [id, status] : match["rules"].items()) {
      const std::string s = status.get<std::string>();
      const std::string label = s == "pass" ? "PASS" : s == "fail" ? "FAIL" : s == "needs-review" ? "REVIEW" : "N/A ";
      const std::string line = "  " + label + "  " + id + ": ";
      if (text.find(line) == std::string::npos) {
        problems.push_back("text report lacks a line starting '" + line + "'");
      }
    }
  }
  return problems;
}

} // namespace

int main(int argc, char** argv) {
  std::string binary;
  fs::path fixtures;
  std::string only;
  bool update = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--binary" && i + 1 < argc) {
      binary = argv[++i];
    } else if (arg == "--fixtures" && i + 1 < argc) {
      fixtures = argv[++i];
    } else if (arg == "--case" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg == "--update") {
      update = true;
    } else {
      std::cerr << "usage: golden_runner --binary PATH --fixtures DIR [--case NAME] [--update]\n";
      return 2;
    }
  }
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.json")) {
      if (only.empty() || entry.path().filename() == only) {
        cases.push_back(entry.path());
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  if (cases.empty()) {
    std::cerr << "golden: no cases under " << fixtures << '\n';
    return 2;
  }

  // Serve fixtures/ (the parent of the set), so that "../check/originals/..." resolves.
  const fs::path root = fs::absolute(fixtures).lexically_normal().parent_path();
  const std::string set = "/" + fs::absolute(fixtures).lexically_normal().filename().string();
  syndcheck::testing::LoopbackServer server(root);
  const auto page_url = [&](const std::string& path) {
    return path.starts_with("../") ? server.url("/" + path.substr(3)) : server.url(set + path);
  };
  int passed = 0;
  int failed = 0;
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    ordered_json expected = ordered_json::parse(read_file(dir / "expected.json"));
    // "copy": the page to check, resolved like the originals; default: the case's own copy.html.
    const std::string copy = expected.value("copy", "/" + name + "/copy.html");
    std::vector<std::string> args = {binary, "check", page_url(copy)};
    std::vector<std::string> originals;
    for (const auto& o : expected.value("originals", ordered_json::array({k_default_original}))) {
      args.push_back("--original");
      args.push_back(page_url(o.get<std::string>()));
    }
    std::vector<std::string> extra = expected.value("args", std::vector<std::string>{});
    for (std::size_t i = 0; i < extra.size(); ++i) {
      // Paths after --rules/--output are relative to the case directory.
      if (i > 0 && (extra[i - 1] == "--rules" || extra[i - 1] == "--output")) {
        extra[i] = (dir / extra[i]).string();
      }
      args.push_back(extra[i]);
    }
    std::vector<std::string> json_args = args;
    json_args.insert(json_args.end(), {"--format", "json"});
    const auto json_run = syndcheck::testing::run_process(json_args);
    ordered_json output;
    std::vector<std::string> problems;
    try {
      output = ordered_json::parse(json_run.out);
    } catch (const std::exception& e) {
      problems.push_back(std::string("stdout is not JSON: ") + e.what() + "; stderr: " + json_run.err);
    }
    if (!output.is_object()) {
      output = ordered_json::object(); // a crash or non-JSON output: compare as empty so the diff shows
      output["copy"] = ordered_json::object();
    }
    const ordered_json actual = project(output, json_run.exit_code, expected);
    const ordered_json want = expectation_of(expected);
    if (update && problems.empty()) {
      ordered_json rewritten = expected;
      for (const auto& [key, value] : actual.items()) {
        rewritten[key] = value;
      }
      std::ofstream(dir / "expected.json") << rewritten.dump(2) << '\n';
    } else if (actual != want) {
      problems.push_back("JSON verdicts differ:\n    expected " + want.dump() + "\n    actual   " + actual.dump() +
                         (json_run.err.empty() ? "" : "\n    stderr   " + json_run.err));
    }
    const auto text_run = syndcheck::testing::run_process(args);
    if (text_run.exit_code != want["exit"].get<int>() && !update) {
      problems.push_back("text run exited " + std::to_string(text_run.exit_code));
    }
    for (const std::string& p : text_mismatches(text_run.out, update ? actual : want)) {
      problems.push_back(p);
    }
    if (problems.empty()) {
      ++passed;
      std::cout << "ok      " << name << '\n';
    } else {
      ++failed;
      std::cout << "FAILED  " << name << '\n';
      for (const std::string& p : problems) {
        std::cout << "    " << p << '\n';
      }
    }
  }
  std::cout << "golden: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
