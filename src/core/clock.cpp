// core/clock.cpp: UTC ISO 8601 formatting (gmtime_r: thread-safe).
#include "core/clock.hpp"

#include <ctime>

namespace syndcheck::core {

std::string utc_iso8601(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

} // namespace syndcheck::core
