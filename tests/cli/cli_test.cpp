// tests/cli/cli_test.cpp: the syndcheck binary end to end, against a loopback HTTP server.
//
// Every failure path a rights desk can hit (404, timeout, redirect loop, PDF, oversized body,
// unreachable host, invalid rules) must exit 2 with exactly one "syndcheck: error:" line.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/loopback_server.hpp"
#include "support/run_process.hpp"

namespace fs = std::filesystem;
using syndcheck::testing::LoopbackServer;
using syndcheck::testing::ProcessResult;
using syndcheck::testing::run_process;

namespace {

const fs::path k_source = SYNDCHECK_SOURCE_DIR;
const fs::path k_fixtures = k_source / "fixtures" / "check";
const std::string k_original_path = "/originals/ukrinform-blinken-space-tech.html";

ProcessResult run_syndcheck(std::vector<std::string> args) {
  args.insert(args.begin(), SYNDCHECK_BINARY);
  return run_process(args);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// One line on stderr, starting "syndcheck: error: ", that contains `needle`.
void require_one_error_line(const ProcessResult& r, const std::string& needle) {
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err.rfind("syndcheck: error: ", 0) == 0);
  REQUIRE(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  REQUIRE(r.err.find(needle) != std::string::npos);
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "syndcheck-cli-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

} // namespace

TEST_CASE("check exits 2 with one clear line when the copy cannot be fetched", "[cli]") {
  LoopbackServer server(k_fixtures);
  const std::string original = server.url(k_original_path);

  SECTION("404") {
    require_one_error_line(run_syndcheck({"check", server.url("/_test/status/404"), "--original", original}), "404");
  }
  SECTION("timeout") {
    require_one_error_line(
        run_syndcheck({"check", server.url("/_test/slow?ms=5000"), "--original", original, "--timeout", "0.5"}),
        "timeout");
  }
  SECTION("redirect loop") {
    require_one_error_line(run_syndcheck({"check", server.url("/_test/redirect-loop"), "--original", original}),
                           "redirect");
  }
  SECTION("a PDF") {
    require_one_error_line(run_syndcheck({"check", server.url("/_test/pdf"), "--original", original}),
                           "application/pdf");
  }
  SECTION("a 50 MiB body") {
    require_one_error_line(run_syndcheck({"check", server.url("/_test/big?mb=50"), "--original", original}), "10 MiB");
  }
  SECTION("an unreachable host") {
    // Port 9 (discard) on loopback has no listener here: the connection is refused.
    require_one_error_line(
        run_syndcheck({"check", "http://127.0.0.1:9/article.html", "--original", original, "--connect-timeout", "2"}),
        "127.0.0.1:9");
  }
  SECTION("a missing local file") {
    require_one_error_line(run_syndcheck({"check", "/nonexistent/copy.html", "--original", original}),
                           "/nonexistent/copy.html");
  }
}

TEST_CASE("check follows a redirect and reports the final URL", "[cli]") {
  LoopbackServer server(k_fixtures);
  const std::string target = "/01-full-copy-link-in-p1-and-yonhap/copy.html";
  if (!fs::exists(k_fixtures / target.substr(1))) {
    FAIL("fixture " << target << " is missing");
  }
  const auto r = run_syndcheck({"check", server.url("/_test/redirect?to=" + target), "--original",
                                server.url(k_original_path), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["copy"]["final_url"] == server.url(target));
  CHECK(json["copy"]["http_status"] == 200);
  CHECK(json["verdict"] == "compliant");
}

TEST_CASE("an original that cannot be fetched is reported and the check goes on", "[cli]") {
  LoopbackServer server(k_fixtures);
  const auto r =
      run_syndcheck({"check", server.url("/01-full-copy-link-in-p1-and-yonhap/copy.html"), "--original",
                     server.url("/_test/status/500"), "--original", server.url(k_original_path), "--format", "json"});
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err.find("syndcheck: error: ") == 0);
  REQUIRE(r.err.find("500") != std::string::npos);
  const auto json = nlohmann::json::parse(r.out);
  REQUIRE(json["matches"].size() == 1);
  CHECK(json["errors"].size() == 1);
}

TEST_CASE("the JSON report follows the documented shape", "[cli]") {
  LoopbackServer server(k_fixtures);
  const auto r = run_syndcheck({"check", server.url("/02-full-copy-source-link-at-end/copy.html"), "--original",
                                server.url(k_original_path), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  const auto& copy = json["copy"];
  for (const char* key :
       {"url", "final_url", "http_status", "fetched_at", "sha256", "language", "title", "paragraphs"}) {
    INFO(key);
    CHECK(copy.contains(key));
  }
  CHECK(copy["sha256"].get<std::string>().size() == 64);
  CHECK(copy["language"] == "en");
  CHECK(json["verdict"] == "violation");
  REQUIRE(json["matches"].size() == 1);
  const auto& match = json["matches"][0];
  CHECK(match["original"]["url"].get<std::string>().find("https://www.ukrinform.net/") == 0);
  CHECK(match["original"]["publisher"] == "ukrinform");
  CHECK(match["relation"] == "verbatim");
  CHECK(match["coverage"].get<double>() >= 0.8);
  REQUIRE_FALSE(match["passages"].empty());
  const auto& passage = match["passages"][0];
  CHECK(passage["original"].size() == 2);
  CHECK(passage["copy"][0].get<long>() < passage["copy"][1].get<long>());
  bool saw_fail = false;
  for (const auto& rule : match["rules"]) {
    if (rule["id"] == "hyperlink-first-paragraph") {
      CHECK(rule["status"] == "fail");
      CHECK(rule["message"].get<std::string>().find("ukrinform.net") != std::string::npos);
      saw_fail = true;
    }
  }
  CHECK(saw_fail);
}

TEST_CASE("--output writes the report to a file", "[cli]") {
  LoopbackServer server(k_fixtures);
  TempDir dir;
  const fs::path out = dir.path / "report.json";
  const auto r = run_syndcheck({"check", server.url("/01-full-copy-link-in-p1-and-yonhap/copy.html"), "--original",
                                server.url(k_original_path), "--format", "json", "--output", out.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(read_file(out))["verdict"] == "compliant");
}

TEST_CASE("local files: .html is parsed as HTML and .txt split on blank lines", "[cli]") {
  const fs::path original = k_fixtures / "originals" / "ukrinform-blinken-space-tech.html";
  const fs::path copy = k_fixtures / "03-full-copy-text-credit-only-no-links" / "copy.html";
  if (!fs::exists(copy)) {
    FAIL("fixture " << copy << " is missing");
  }
  const auto r =
      run_syndcheck({"check", copy.string(), "--original", "file://" + original.string(), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["matches"][0]["original"]["publisher"] == "ukrinform");

  TempDir dir;
  const fs::path text_copy = dir.path / "copy.txt";
  std::ofstream(text_copy) << "Russia intends to share its advanced space and satellite technology with North Korea "
                              "in exchange for Pyongyang providing weapons and other equipment to Moscow to sustain "
                              "its war effort against Ukraine.\n\nThis was stated by U.S. Secretary of State Antony "
                              "Blinken, Yonhap reports, according to Ukrinform.\n";
  const auto t = run_syndcheck({"check", text_copy.string(), "--original", original.string(), "--format", "json"});
  INFO(t.err);
  const auto tj = nlohmann::json::parse(t.out);
  CHECK(tj["copy"]["paragraphs"] == 2);
  REQUIRE(tj["matches"].size() == 1);
  CHECK(tj["verdict"] == "violation"); // no links in plain text
}

TEST_CASE("invalid rule files exit 2 naming file:line:col", "[cli]") {
  LoopbackServer server(k_fixtures);
  TempDir dir;
  std::ofstream(dir.path / "bad.yaml") << "publisher: bad\nname: Bad\ndomains: [bad.example]\nrules:\n"
                                          "  - id: x\n    hyperlink: {to: publisher, maxparagraph: 1}\n";
  const auto r = run_syndcheck({"check", server.url("/01-full-copy-link-in-p1-and-yonhap/copy.html"), "--original",
                                server.url(k_original_path), "--rules", dir.path.string()});
  require_one_error_line(r, (dir.path / "bad.yaml").string() + ":6:");
  CHECK(r.err.find("maxparagraph") != std::string::npos);
  CHECK(r.out.empty());

  SECTION("a rules directory that does not exist") {
    const auto m = run_syndcheck({"check", server.url("/01-full-copy-link-in-p1-and-yonhap/copy.html"), "--original",
                                  server.url(k_original_path), "--rules", (dir.path / "nowhere").string()});
    require_one_error_line(m, "nowhere");
  }
}

TEST_CASE("bad arguments exit 2 with one line", "[cli]") {
  SECTION("unknown format") {
    require_one_error_line(run_syndcheck({"check", "a.html", "--original", "b.html", "--format", "xml"}), "--format");
  }
  SECTION("bad size") {
    require_one_error_line(run_syndcheck({"check", "a.html", "--original", "b.html", "--max-body-size", "12Q"}),
                           "--max-body-size");
  }
  SECTION("missing COPY") {
    require_one_error_line(run_syndcheck({"check", "--original", "b.html"}), "COPY");
  }
}

TEST_CASE("docs/cli.md embeds the --help text verbatim", "[cli]") {
  const std::string docs = read_file(k_source / "docs" / "cli.md");
  // The same list as scripts/gen-cli-docs.
  for (const std::vector<std::string>& command : {std::vector<std::string>{},
                                                  {"check"},
                                                  {"extract"},
                                                  {"originals"},
                                                  {"originals", "add"},
                                                  {"originals", "list"},
                                                  {"originals", "remove"},
                                                  {"scan"},
                                                  {"report"},
                                                  {"findings"},
                                                  {"findings", "list"},
                                                  {"findings", "ignore"},
                                                  {"notice"},
                                                  {"rules"},
                                                  {"rules", "lint"},
                                                  {"rules", "explain"},
                                                  {"rules", "draft"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const auto r = run_syndcheck(args);
    REQUIRE(r.exit_code == 0);
    INFO("run scripts/gen-cli-docs to refresh docs/cli.md; help was:\n" << r.out);
    CHECK(docs.find(r.out) != std::string::npos);
  }
}

TEST_CASE("originals add/list/remove, and check without --original searches the index", "[cli]") {
  LoopbackServer server(k_fixtures);
  TempDir dir;
  const std::string db = (dir.path / "index.db").string();
  const auto add =
      run_syndcheck({"originals", "add", server.url(k_original_path), server.url("/_test/status/404"), "--db", db});
  INFO(add.err);
  CHECK(add.exit_code == 2); // one input failed; the other was indexed
  CHECK(add.err.find("404") != std::string::npos);
  CHECK(add.out.find("indexed 1  ukrinform  https://www.ukrinform.net/") == 0);

  const auto list = run_syndcheck({"originals", "list", "--db", db, "--format", "json"});
  REQUIRE(list.exit_code == 0);
  const auto entry = nlohmann::json::parse(list.out.substr(0, list.out.find('\n')));
  CHECK(entry["publisher"] == "ukrinform");
  CHECK(entry["words"].get<int>() > 150);

  const auto check = run_syndcheck(
      {"check", server.url("/02-full-copy-source-link-at-end/copy.html"), "--db", db, "--format", "json"});
  INFO(check.err);
  REQUIRE(check.exit_code == 1);
  const auto json = nlohmann::json::parse(check.out);
  REQUIRE(json["matches"].size() == 1);
  CHECK(json["matches"][0]["relation"] == "verbatim");
  CHECK(json["matches"][0]["original"]["publisher"] == "ukrinform");

  const auto unrelated = run_syndcheck(
      {"check", server.url("/11-no-match-independent-report-same-event/copy.html"), "--db", db, "--format", "json"});
  CHECK(unrelated.exit_code == 0);
  CHECK(nlohmann::json::parse(unrelated.out)["verdict"] == "no-match");

  const auto remove = run_syndcheck({"originals", "remove", "1", "--db", db});
  CHECK(remove.exit_code == 0);
  const auto empty = run_syndcheck({"originals", "list", "--db", db, "--format", "json"});
  CHECK(empty.out.empty());
  require_one_error_line(run_syndcheck({"originals", "remove", "1", "--db", db}), "no such original");
}
