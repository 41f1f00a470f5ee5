// tests/support/run_process.hpp: run the built binary and capture stdout, stderr and the exit code.
//
// Used by the golden runner and the CLI tests. Arguments are passed as a vector to execvp (no shell),
// so URLs and paths need no quoting.

#pragma once
#include <string>
#include <vector>

namespace syndcheck::testing {

struct ProcessResult {
  int exit_code = -1; // -1 if the process did not exit normally (signal)
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv);

} // namespace syndcheck::testing
