// model/tracking.cpp: names of finding states, as stored and reported.
#include "model/tracking.hpp"

namespace syndcheck::model {

const char* to_string(FindingState state) {
  switch (state) {
  case FindingState::new_finding: return "new";
  case FindingState::open: return "open";
  case FindingState::resolved: return "resolved";
  case FindingState::licensed: return "licensed";
  case FindingState::ignored: return "ignored";
  case FindingState::compliant: return "compliant";
  }
  return "open";
}

std::optional<FindingState> finding_state_from(std::string_view name) {
  for (const FindingState state : {FindingState::new_finding, FindingState::open, FindingState::resolved,
                                   FindingState::licensed, FindingState::ignored, FindingState::compliant}) {
    if (name == to_string(state)) {
      return state;
    }
  }
  return std::nullopt;
}

} // namespace syndcheck::model
