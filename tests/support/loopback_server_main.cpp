// tests/support/loopback_server_main.cpp: `syndcheck-test-server --root DIR [--port N] [--stdin-lifetime]`.
//
// Prints exactly one line, the base URL, then serves until SIGTERM/SIGINT (or stdin EOF with
// --stdin-lifetime, so a parent that dies cannot leave it running). Hand-parsed argv: no CLI11.
#include "support/loopback_server.hpp"

#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>

namespace {

int usage(const char* message) {
  std::cerr << "syndcheck-test-server: " << message << "\n"
            << "usage: syndcheck-test-server --root DIR [--port N] [--stdin-lifetime]\n";
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  std::string root;
  int port = 0;
  bool stdin_lifetime = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--root" && i + 1 < argc) {
      root = argv[++i];
    } else if (arg == "--port" && i + 1 < argc) {
      const std::string_view value = argv[++i];
      if (value.empty() || value.size() > 5 || value.find_first_not_of("0123456789") != std::string_view::npos) {
        return usage("--port wants a number 0-65535");
      }
      port = std::stoi(std::string(value));
      if (port > 65535) {
        return usage("--port wants a number 0-65535");
      }
    } else if (arg == "--stdin-lifetime") {
      stdin_lifetime = true;
    } else if (arg == "--help" || arg == "-h") {
      usage("serves DIR on 127.0.0.1");
      return 0;
    } else {
      return usage(("unknown or incomplete argument: " + std::string(arg)).c_str());
    }
  }
  if (root.empty()) {
    return usage("--root is required");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    return usage(("--root is not a directory: " + root).c_str());
  }

  // Block the stop signals before any thread exists, so every thread inherits the mask and only
  // sigwait() below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    syndcheck::testing::LoopbackServer server(root, port);
    std::cout << server.url("") << std::endl; // endl: the parent waits for this line.
    if (stdin_lifetime) {
      std::thread([] {
        char buffer[256];
        while (::read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
        }
        ::kill(::getpid(), SIGTERM);
      }).detach();
    }
    int received = 0;
    sigwait(&stop_signals, &received);
  } catch (const std::exception& error) {
    std::cerr << "syndcheck-test-server: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
