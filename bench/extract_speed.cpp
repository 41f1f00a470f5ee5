// bench/extract_speed.cpp: pages per second of extract_html over the AEB pages, with libxml2's
// parse alone (extract::parse_only) as the baseline in the same run, and the ratio of the two.
//
// Rule: both benchmarks read the same in-memory pages, one core, so the ratio is the cost of our
// own work on top of parsing. Pages come from ../shared (SYNDCHECK_AEB_DIR overrides); when the
// data is absent the benchmark says so and exits 0.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "extract/parse_only.hpp"

namespace {

// Gunzipped bodies are capped at this size: the largest AEB page is about 1 MiB unpacked.
constexpr std::size_t k_max_page_bytes = 16 * 1024 * 1024;

std::vector<std::string>& pages() {
  static std::vector<std::string> loaded;
  return loaded;
}

bool gunzip_file(const std::filesystem::path& path, std::string& out) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    return false;
  }
  std::array<char, 64 * 1024> buffer{};
  int n = 0;
  while ((n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if (out.size() > k_max_page_bytes) {
      break;
    }
  }
  const bool ok = n >= 0;
  gzclose(file);
  return ok;
}

std::size_t load_pages(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return 0;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().string().ends_with(".html.gz")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string body;
    if (gunzip_file(file, body)) {
      pages().push_back(std::move(body));
    }
  }
  return pages().size();
}

void bm_parse_only(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : pages()) {
      auto nodes = syndcheck::extract::parse_only(page);
      benchmark::DoNotOptimize(nodes);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(pages().size()));
}

void bm_extract(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : pages()) {
      auto article = syndcheck::extract::extract_html(page, "https://example.org/");
      benchmark::DoNotOptimize(article);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(pages().size()));
}

// Prints as usual and keeps each benchmark's items/s for the ratio line.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) {
        m_rates[run.benchmark_name()] = it->second.value;
      }
    }
  }
  std::map<std::string, double> m_rates;
};

} // namespace

int main(int argc, char** argv) {
  const char* override_dir = std::getenv("SYNDCHECK_AEB_DIR");
  const std::filesystem::path dir = override_dir != nullptr ? override_dir : SYNDCHECK_AEB_DIR;
  if (load_pages(dir) == 0) {
    std::printf("extract_speed skipped: no AEB pages in %s\n", dir.c_str());
    return 0;
  }
  benchmark::RegisterBenchmark("parse_only", bm_parse_only)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("extract_html", bm_extract)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  const double parse = reporter.m_rates["parse_only"];
  const double extract = reporter.m_rates["extract_html"];
  std::printf("\n%zu AEB pages, one core\n", pages().size());
  std::printf("parse only (libxml2): %8.1f pages/s\n", parse);
  std::printf("extract_html:         %8.1f pages/s\n", extract);
  if (parse > 0.0) {
    std::printf("ratio extract/parse:  %8.3f\n", extract / parse);
  }
  return 0;
}
