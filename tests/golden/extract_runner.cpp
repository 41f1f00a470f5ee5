// tests/golden/extract_runner.cpp: golden cases of extract/: fixtures/extract/<case>/input.html
// through extract_html, compared with expected.json (title, metadata, then every block's kind,
// paragraph number, text and links).
//
// Rule: expectations are data; `--update` rewrites them from the current output, and those
// rewrites are reviewed like code. Prints a diff line per mismatch; exit 1 when any case fails.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.hpp"

namespace {

namespace fs = std::filesystem;

// Fixture pages are hand-written and small; a bigger file is a mistake, not a case.
constexpr std::uintmax_t k_max_fixture_bytes = 1024 * 1024;

bool read_file(const fs::path& path, std::string& out) {
  std::error_code ec;
  if (fs::file_size(path, ec) > k_max_fixture_bytes || ec) {
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return static_cast<bool>(in) || in.eof();
}

// Sets `key` only when `value` is not empty, so a case states just what the page declares.
template <typename T> void set_if_any(nlohmann::json& out, const char* key, const T& value) {
  if (!value.empty()) {
    out[key] = value;
  }
}

// Where the article comes from (issue 3 point 5): the basis of `published`, Open Graph, credits
// and the links to other sites outside the body. Empty fields are left out.
nlohmann::json provenance_json(const syndcheck::model::Article& article) {
  nlohmann::json out = nlohmann::json::object();
  set_if_any(out, "published_basis", article.published_basis);
  const syndcheck::model::OpenGraph& og = article.og;
  nlohmann::json og_json = nlohmann::json::object();
  set_if_any(og_json, "title", og.title);
  set_if_any(og_json, "type", og.type);
  set_if_any(og_json, "url", og.url);
  set_if_any(og_json, "site_name", og.site_name);
  set_if_any(og_json, "description", og.description);
  set_if_any(og_json, "locale", og.locale);
  set_if_any(og_json, "image", og.image);
  set_if_any(out, "og", og_json);
  const syndcheck::model::Credits& c = article.credits;
  nlohmann::json credits = nlohmann::json::object();
  set_if_any(credits, "authors", c.authors);
  set_if_any(credits, "publisher", c.publisher);
  set_if_any(credits, "is_based_on", c.is_based_on);
  set_if_any(credits, "credit_text", c.credit_text);
  set_if_any(credits, "copyright_holder", c.copyright_holder);
  set_if_any(credits, "license", c.license);
  set_if_any(credits, "syndication_source", c.syndication_source);
  set_if_any(credits, "original_source", c.original_source);
  set_if_any(credits, "canonical_elsewhere", c.canonical_elsewhere);
  set_if_any(out, "credits", credits);
  nlohmann::json links = nlohmann::json::array();
  for (const syndcheck::model::PageLink& link : article.outside_links) {
    nlohmann::json l = {{"href", link.link.href}, {"text", link.link.text}, {"region", to_string(link.region)}};
    if (!link.link.rel.empty()) {
      l["rel"] = link.link.rel;
    }
    links.push_back(l);
  }
  set_if_any(out, "outside_links", links);
  return out;
}

nlohmann::json to_json(const syndcheck::model::Article& article) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const syndcheck::model::Block& block : article.blocks) {
    nlohmann::json b;
    b["kind"] = syndcheck::model::to_string(block.kind);
    b["paragraph"] = block.paragraph;
    b["text"] = block.text;
    if (!block.links.empty()) {
      nlohmann::json links = nlohmann::json::array();
      for (const syndcheck::model::Link& link : block.links) {
        nlohmann::json l = {{"href", link.href}, {"text", link.text}};
        if (!link.rel.empty()) {
          l["rel"] = link.rel; // only when present, so cases without rel read as before
        }
        links.push_back(l);
      }
      b["links"] = links;
    }
    blocks.push_back(b);
  }
  nlohmann::json meta = {{"canonical_url", article.canonical_url}, {"language", article.language},
                         {"published", article.published},         {"modified", article.modified},
                         {"schema_types", article.schema_types},   {"labels", article.labels}};
  return {{"title", article.title}, {"meta", meta}, {"provenance", provenance_json(article)}, {"blocks", blocks}};
}

// Output of `syndcheck extract` is capped: fixture pages are small, so more is a runaway.
constexpr std::size_t k_max_binary_output = 4 * 1024 * 1024;

// Runs `binary extract --format json path` and returns its stdout (empty on failure).
std::string run_binary(const fs::path& binary, const fs::path& path) {
  const std::string command = "'" + binary.string() + "' extract --format json '" + path.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return {};
  }
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && out.size() < k_max_binary_output) {
    out.append(buffer, n);
  }
  pclose(pipe);
  return out;
}

// The binary's JSON reduced to the runner's shape, plus the charset text/ decoded from.
nlohmann::json from_binary_json(const std::string& output) {
  const nlohmann::json doc = nlohmann::json::parse(output, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return {{"error", output.substr(0, 400)}, {"title", ""}, {"blocks", nlohmann::json::array()}};
  }
  nlohmann::json blocks = nlohmann::json::array();
  for (const nlohmann::json& block : doc.value("blocks", nlohmann::json::array())) {
    nlohmann::json b = {{"kind", block.value("kind", "")},
                        {"paragraph", block.value("paragraph", 0)},
                        {"text", block.value("text", "")}};
    nlohmann::json links = nlohmann::json::array();
    for (const nlohmann::json& link : block.value("links", nlohmann::json::array())) {
      nlohmann::json l = {{"href", link.value("href", "")}, {"text", link.value("text", "")}};
      if (!link.value("rel", nlohmann::json::array()).empty()) {
        l["rel"] = link["rel"];
      }
      links.push_back(l);
    }
    if (!links.empty()) {
      b["links"] = links;
    }
    blocks.push_back(b);
  }
  return {{"title", doc.value("title", "")}, {"charset", doc.value("charset", "")}, {"blocks", blocks}};
}

// One line per difference, so a failing case reads like a diff.
std::vector<std::string> differences(const nlohmann::json& expected, const nlohmann::json& actual) {
  std::vector<std::string> out;
  if (expected.value("charset", "") != actual.value("charset", "")) {
    out.push_back("charset: expected " + expected.value("charset", "") + ", got " + actual.value("charset", ""));
  }
  if (expected.value("title", "") != actual.value("title", "")) {
    out.push_back("title: expected " + expected["title"].dump() + ", got " + actual["title"].dump());
  }
  // Cases written before metadata was compared have no "meta"; they compare blocks only.
  if (expected.contains("meta") && expected["meta"] != actual["meta"]) {
    out.push_back("meta: expected " + expected["meta"].dump() + "\n      actual   " + actual["meta"].dump());
  }
  // Likewise "provenance" (credits, Open Graph, outside links), added after most cases were written.
  if (expected.contains("provenance") && expected["provenance"] != actual["provenance"]) {
    out.push_back("provenance: expected " + expected["provenance"].dump() + "\n      actual   " +
                  actual["provenance"].dump());
  }
  const nlohmann::json& e = expected["blocks"];
  const nlohmann::json& a = actual["blocks"];
  const std::size_t n = std::max(e.size(), a.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string where = "block " + std::to_string(i) + ": ";
    if (i >= e.size()) {
      out.push_back(where + "unexpected " + a[i].dump());
    } else if (i >= a.size()) {
      out.push_back(where + "missing " + e[i].dump());
    } else if (e[i] != a[i]) {
      out.push_back(where + "\n      expected " + e[i].dump() + "\n      actual   " + a[i].dump());
    }
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  fs::path fixtures = fs::path(SYNDCHECK_SOURCE_DIR) / "fixtures" / "extract";
  bool update = false;
  // enc-* cases run the built binary so that the real decode path runs (fetch/ sniffing, text/
  // charset detection). Default: the syndcheck built next to this runner in the same tree.
  std::error_code self_ec;
  fs::path binary =
      fs::read_symlink("/proc/self/exe", self_ec).parent_path() / ".." / ".." / "src" / "cli" / "syndcheck";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--update") {
      update = true;
    } else if (arg == "--fixtures" && i + 1 < argc) {
      fixtures = argv[++i];
    } else if (arg == "--binary" && i + 1 < argc) {
      binary = argv[++i];
    } else {
      std::fprintf(stderr, "usage: extract_runner [--fixtures DIR] [--binary SYNDCHECK] [--update]\n");
      return 2;
    }
  }
  std::vector<fs::path> cases;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fixtures, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "input.html")) {
      cases.push_back(entry.path());
    }
  }
  if (ec || cases.empty()) {
    std::fprintf(stderr, "extract golden: no cases under %s\n", fixtures.c_str());
    return 2;
  }
  std::sort(cases.begin(), cases.end());
  int failed = 0;
  std::size_t skipped = 0;
  std::size_t known = 0;
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    std::string html;
    if (!read_file(dir / "input.html", html)) {
      std::printf("FAILED  %s\n    cannot read input.html\n", name.c_str());
      ++failed;
      continue;
    }
    nlohmann::json actual;
    if (name.starts_with("enc-")) {
      if (!fs::exists(binary, self_ec)) {
        std::printf("skipped %s (no syndcheck binary at %s; pass --binary)\n", name.c_str(), binary.c_str());
        ++skipped;
        continue;
      }
      actual = from_binary_json(run_binary(binary, dir / "input.html"));
    } else {
      const auto article = syndcheck::extract::extract_html(html, "https://example.org/news/" + name + ".html");
      if (article.has_value()) {
        actual = to_json(*article);
      } else {
        actual = {{"error", syndcheck::extract::describe(article.error())},
                  {"title", ""},
                  {"blocks", nlohmann::json::array()}};
      }
    }
    const fs::path expected_path = dir / "expected.json";
    if (update && fs::exists(dir / "known-bug", self_ec)) {
      std::printf("kept    %s (known-bug: expected.json states the right output)\n", name.c_str());
      continue;
    }
    if (update) {
      // A case keeps the sections it compares: "meta" and "provenance" are written for a new
      // case, never added to an older one that was written without them.
      std::string old_text;
      if (read_file(expected_path, old_text)) {
        const nlohmann::json old = nlohmann::json::parse(old_text, nullptr, false);
        for (const char* section : {"meta", "provenance"}) {
          if (!old.is_discarded() && !old.contains(section)) {
            actual.erase(section);
          }
        }
        if (!old.is_discarded() && old == actual) {
          std::printf("same    %s\n", name.c_str());
          continue;
        }
      }
      std::ofstream(expected_path) << actual.dump(2) << "\n";
      std::printf("updated %s\n", name.c_str());
      continue;
    }
    std::string expected_text;
    nlohmann::json expected;
    if (!read_file(expected_path, expected_text) ||
        (expected = nlohmann::json::parse(expected_text, nullptr, false)).is_discarded()) {
      std::printf("FAILED  %s\n    expected.json missing or not JSON (run with --update)\n", name.c_str());
      ++failed;
      continue;
    }
    const std::vector<std::string> diffs = differences(expected, actual);
    // A case whose expected.json states the right output for a bug another module owns carries
    // a `known-bug` file (one line: the bug). It prints its diff and does not fail the run, so
    // the fix shows up as "fixed" and the file is then removed.
    std::string known_bug;
    if (read_file(dir / "known-bug", known_bug)) {
      known_bug = known_bug.substr(0, known_bug.find('\n'));
      if (diffs.empty()) {
        std::printf("fixed   %s: the known bug is gone, remove %s/known-bug\n", name.c_str(), name.c_str());
      } else {
        std::printf("known   %s: %s\n", name.c_str(), known_bug.c_str());
        ++known;
        for (const std::string& d : diffs) {
          std::printf("    %s\n", d.c_str());
        }
      }
      continue;
    }
    if (diffs.empty()) {
      std::printf("ok      %s\n", name.c_str());
    } else {
      std::printf("FAILED  %s\n", name.c_str());
      for (const std::string& d : diffs) {
        std::printf("    %s\n", d.c_str());
      }
      ++failed;
    }
  }
  std::printf("extract golden: %zu passed, %d failed, %zu skipped, %zu known bugs\n",
              cases.size() - static_cast<std::size_t>(failed) - skipped - known, failed, skipped, known);
  return failed == 0 ? 0 : 1;
}
