// model/original.hpp: one indexed original as the store lists it, without its body.
//
// Plain data shared by store/ (which fills it) and report/ (which prints it).

#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace syndcheck::model {

struct OriginalSummary {
  std::int64_t id = 0;
  std::string url;       // canonical URL (the identity of an original)
  std::string publisher; // rule file id, may be empty
  std::string title;
  std::string language;
  std::string published; // as the page declares it
  std::string added_at;  // UTC ISO 8601, when it was (last) indexed
  std::string sha256;    // of the raw body it was extracted from
  std::size_t words = 0;
};

} // namespace syndcheck::model
