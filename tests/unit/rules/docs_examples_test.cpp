// tests/unit/rules/docs_examples_test.cpp: every example in docs/rules.md loads, or fails with
// exactly the documented message.
//
// Rule: the documentation is data; if the loader and the docs disagree, this test names the block.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/rule_set.hpp"

namespace {

struct DocExample {
  int line = 0; // 1-based line of the opening fence in docs/rules.md
  bool valid = true;
  std::string yaml;
  std::string expected_error;
};

std::vector<DocExample> read_examples() {
  std::ifstream in(std::string(SYNDCHECK_SOURCE_DIR) + "/docs/rules.md");
  REQUIRE(in.good());
  std::vector<DocExample> examples;
  std::string line;
  int number = 0;
  // States: outside a fence, inside a yaml example, inside an expected-error block.
  enum class In { text, yaml, error, other } state = In::text;
  while (std::getline(in, line)) {
    ++number;
    if (state == In::text) {
      if (line == "```yaml rules-example" || line == "```yaml rules-example-invalid") {
        examples.push_back({number, line == "```yaml rules-example", "", ""});
        state = In::yaml;
      } else if (line == "```text expected-error") {
        REQUIRE(!examples.empty());
        REQUIRE_FALSE(examples.back().valid);
        state = In::error;
      } else if (line.starts_with("```")) {
        state = In::other;
      }
    } else if (line == "```") {
      state = In::text;
    } else if (state == In::yaml) {
      examples.back().yaml += line + "\n";
    } else if (state == In::error) {
      examples.back().expected_error += line;
    }
  }
  return examples;
}

} // namespace

TEST_CASE("docs/rules.md examples load or fail exactly as documented", "[rules]") {
  const std::vector<DocExample> examples = read_examples();
  int valid = 0;
  int invalid = 0;
  for (const DocExample& example : examples) {
    INFO("docs/rules.md example at line " << example.line);
    const auto rules = syndcheck::rules::parse_rules(example.yaml, "example.yaml");
    if (example.valid) {
      ++valid;
      if (!rules) {
        FAIL(syndcheck::rules::describe(rules.error()));
      }
    } else {
      ++invalid;
      REQUIRE_FALSE(example.expected_error.empty());
      REQUIRE_FALSE(rules.has_value());
      CHECK(syndcheck::rules::describe(rules.error()) == example.expected_error);
    }
  }
  // The page documents the schema with several of each; an empty harvest means the fences changed.
  CHECK(valid >= 3);
  CHECK(invalid >= 10);
}
