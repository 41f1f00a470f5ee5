// core/error.cpp: formatting of shared error context.
#include "core/error.hpp"

#include <fmt/format.h>

namespace syndcheck::core {

std::string describe(const SourcePosition& position) {
  if (position.line <= 0) {
    return position.file;
  }
  return fmt::format("{}:{}:{}", position.file, position.line, position.column);
}

} // namespace syndcheck::core
