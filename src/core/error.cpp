// core/error.cpp: formatting of shared error context.
#include "core/error.hpp"

namespace syndcheck::core {

std::string describe(const SourcePosition& position) {
  if (position.line <= 0) {
    return position.file;
  }
  return position.file + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

} // namespace syndcheck::core
