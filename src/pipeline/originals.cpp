// pipeline/originals.cpp: maintaining the originals index in the store.
#include "pipeline/originals.hpp"

#include <charconv>
#include <cstdlib>
#include <ctime>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "pipeline/check.hpp"
#include "pipeline/matching.hpp"
#include "rules/rule_set.hpp"

namespace syndcheck::pipeline {

std::filesystem::path default_db_path() {
  if (const char* env = std::getenv("SYNDCHECK_DB"); env != nullptr && *env != '\0') {
    return env;
  }
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "syndcheck" / "syndcheck.db";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / "syndcheck" / "syndcheck.db";
  }
  return "syndcheck.db";
}

std::unique_ptr<store::Store> open_store(const std::filesystem::path& db_path) {
  auto opened = store::open_sqlite(db_path);
  if (!opened) {
    throw core::FatalError(store::describe(opened.error()));
  }
  return std::move(*opened);
}

std::expected<std::chrono::hours, std::string> parse_age(std::string_view text) {
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
  if (ec != std::errc{} || ptr == text.data() || value <= 0) {
    return std::unexpected("'" + std::string(text) + "' is not an age like 365d, 12h or 2w");
  }
  if (unit == "h") {
    return std::chrono::hours(value);
  }
  if (unit == "d") {
    return std::chrono::hours(value * 24);
  }
  if (unit == "w") {
    return std::chrono::hours(value * 24 * 7);
  }
  return std::unexpected("'" + std::string(text) + "' is not an age like 365d, 12h or 2w");
}

AddOriginalsResult add_originals(const AddOriginalsConfig& config) {
  auto rule_set = rules::load_rules_dir(config.rules_dir.empty() ? default_rules_dir() : config.rules_dir);
  if (!rule_set) {
    throw core::FatalError(rules::describe(rule_set.error()));
  }
  std::unique_ptr<store::Store> db = open_store(config.db_path);
  fetch::Fetcher fetcher(config.fetch);
  AddOriginalsResult result;
  for (const std::string& input : config.inputs) {
    auto document = load_document(fetcher, input, config.extract);
    if (!document) {
      result.errors.push_back(document.error().message);
      continue;
    }
    const rules::PublisherRules* publisher = rule_set->publisher_for_url(document->url());
    const std::string publisher_id = publisher != nullptr ? publisher->publisher : "";
    auto id = db->put_original(*document, publisher_id, sign_document(*document).to_bytes());
    if (!id) {
      result.errors.push_back(input + ": " + store::describe(id.error()));
      continue;
    }
    result.added.push_back({input, *id, document->url(), publisher_id, document->article.title});
  }
  if (config.keep) {
    auto evicted = db->evict_added_before(core::utc_iso8601(std::chrono::system_clock::now() - *config.keep));
    if (!evicted) {
      result.errors.push_back(store::describe(evicted.error()));
    } else {
      result.evicted = *evicted;
    }
  }
  return result;
}

} // namespace syndcheck::pipeline
