// cli/main.cpp: the process entry point; the one place fatal setup errors are caught.
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
  try {
    return syndcheck::cli::run(argc, argv);
  } catch (const syndcheck::core::FatalError& e) {
    std::cerr << "syndcheck: error: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "syndcheck: error: internal: " << e.what() << '\n';
  }
  return syndcheck::core::k_exit_error;
}
