// pipeline/originals.hpp: the originals index: add (fetch, extract, sign, store), list, remove,
// evict by age, and the candidates `check` aligns a copy against when no --original is given.
//
// Per-input failures are values reported per item; a batch of `add` goes on past a bad URL.

#pragma once
#include <chrono>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "fetch/fetcher.hpp"
#include "store/store.hpp"

namespace syndcheck::pipeline {

// --db default: $SYNDCHECK_DB, else $XDG_DATA_HOME/syndcheck/syndcheck.db, else
// ~/.local/share/syndcheck/syndcheck.db.
std::filesystem::path default_db_path();

// Opens the store or throws core::FatalError (a database that cannot be opened ends the run).
std::unique_ptr<store::Store> open_store(const std::filesystem::path& db_path);

struct AddOriginalsConfig {
  std::vector<std::string> inputs;
  std::filesystem::path db_path;
  std::filesystem::path rules_dir; // to record each original's publisher; empty: default
  fetch::FetchOptions fetch;
  extract::ExtractOptions extract;
  std::optional<std::chrono::hours> keep; // evict originals added longer ago than this
};

struct AddedOriginal {
  std::string input;
  std::int64_t id = 0;
  std::string url;
  std::string publisher;
  std::string title;
};

struct AddOriginalsResult {
  std::vector<AddedOriginal> added;
  std::vector<std::string> errors; // one line each, naming the input
  std::size_t evicted = 0;
};

AddOriginalsResult add_originals(const AddOriginalsConfig& config);

// "365d", "12h", "2w" -> hours.
std::expected<std::chrono::hours, std::string> parse_age(std::string_view text);

} // namespace syndcheck::pipeline
