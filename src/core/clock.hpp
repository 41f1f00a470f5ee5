// core/clock.hpp: timestamps as every module writes them: UTC, ISO 8601, whole seconds.
//
// One format everywhere ("2026-11-28T10:00:00Z") so that stored times compare as strings.

#pragma once
#include <chrono>
#include <string>

namespace syndcheck::core {

std::string utc_iso8601(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

} // namespace syndcheck::core
