// report/originals_printer.cpp: listing of the originals index.
#include "report/originals_printer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace syndcheck::report {

std::string render_originals(const std::vector<model::OriginalSummary>& originals, bool json) {
  std::string out;
  for (const model::OriginalSummary& o : originals) {
    if (json) {
      nlohmann::ordered_json line = {{"id", o.id},
                                     {"url", o.url},
                                     {"publisher", o.publisher},
                                     {"title", o.title},
                                     {"language", o.language},
                                     {"published", o.published},
                                     {"added_at", o.added_at},
                                     {"sha256", o.sha256},
                                     {"words", o.words}};
      out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
      out += fmt::format("{:>6}  {:<10}  {:<2}  {:>5} words  {}  {}\n", o.id, o.publisher.empty() ? "-" : o.publisher,
                         o.language.empty() ? "-" : o.language, o.words, o.added_at, o.url);
    }
  }
  if (!json && originals.empty()) {
    out = "the originals index is empty\n";
  }
  return out;
}

} // namespace syndcheck::report
