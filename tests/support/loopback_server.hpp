// tests/support/loopback_server.hpp: an HTTP server on 127.0.0.1 for tests and the demo.
//
// Serves the files under one root directory plus fixed /_test/ routes (status codes, redirects,
// slow, big, gzip, pdf, binary). Rule: it never serves anything outside its root, and its
// destructor returns promptly even while slow or streaming responses are in flight.

#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace syndcheck::testing {

// Starts listening (in a background thread) before the constructor returns; throws
// std::runtime_error if it cannot bind. Not copyable or movable: handlers point at it.
class LoopbackServer {
public:
  explicit LoopbackServer(std::filesystem::path root);
  // `port` 0 picks a free port.
  LoopbackServer(std::filesystem::path root, int port);
  ~LoopbackServer(); // Stops and joins.
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  LoopbackServer(LoopbackServer&&) = delete;
  LoopbackServer& operator=(LoopbackServer&&) = delete;

  int port() const;
  std::string url(std::string_view path) const; // "http://127.0.0.1:PORT" + path ('/'-led).

private:
  struct Impl; // Keeps httplib out of this header.
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::testing
