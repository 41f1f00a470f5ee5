// core/error.hpp: the two error channels every module shares.
//
// Expected failures are values (`std::expected<T, SomeModuleError>`, each module defines its own
// enum + context). Only setup failures that end the run throw `FatalError`, caught once in main.

#pragma once
#include <stdexcept>
#include <string>

namespace syndcheck::core {

// A setup failure that ends the run (e.g. `--rules` points nowhere). Thrown from cli/ and
// pipeline/ setup only; main() prints "syndcheck: error: <what>" and exits 2.
class FatalError : public std::runtime_error {
public:
  explicit FatalError(const std::string& what) : std::runtime_error(what) {}
};

// Exit codes, documented in the README and docs/cli.md.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_violation = 1;
inline constexpr int k_exit_error = 2;

// Position in a text file, 1-based, for messages of the form "file:line:col: ...".
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
};

std::string describe(const SourcePosition& position); // "rules/x.yaml:12:3"

} // namespace syndcheck::core
