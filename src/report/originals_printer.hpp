// report/originals_printer.hpp: `originals list` and `originals add` output.
//
// text: one line per original, aligned for a terminal; json: one object per line (JSON Lines).

#pragma once
#include <string>
#include <vector>

#include "model/original.hpp"

namespace syndcheck::report {

std::string render_originals(const std::vector<model::OriginalSummary>& originals, bool json);

} // namespace syndcheck::report
