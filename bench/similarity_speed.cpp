// bench/similarity_speed.cpp: speed and memory of similarity/ (Google Benchmark), as ratios.
//
// Each figure is printed next to a baseline measured in the same run on the same machine:
// signing against classic 128-function MinHash over ICU words (datasketch's algorithm), index
// queries against a linear scan of the same signatures, alignment against tokenising alone.
// Run: build/sim3-rel/bench/similarity_speed (Release, -DSYNDCHECK_BENCH=ON). Not a test.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "similarity/aligner.hpp"
#include "similarity/original_index.hpp"
#include "similarity/signature.hpp"
#include "text/normalise.hpp"

namespace sim = syndcheck::similarity;

namespace {

// About 4.8 KB of news-like prose: lower-case words, capitalised names, numbers, punctuation.
std::string news_text(unsigned seed, std::size_t bytes = 4'800) {
  static const std::array<const char*, 24> k_words = {
      "the",       "ministry", "said",       "on",        "tuesday", "that",     "talks",        "would",
      "continue",  "next",     "week",       "according", "to",      "official", "spokesperson", "parties",
      "discussed", "security", "guarantees", "grain",     "exports", "through",  "ports",        "agreement"};
  static const std::array<const char*, 8> k_names = {"Blinken", "Kyiv", "Washington", "Zelensky",
                                                     "Geneva",  "NATO", "Brussels",   "Stoltenberg"};
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < bytes) {
    const auto pick = static_cast<unsigned>(rng() % 20);
    if (pick == 0) {
      out += k_names[rng() % k_names.size()];
    } else if (pick == 1) {
      out += std::to_string(rng() % 100000);
    } else {
      out += k_words[rng() % k_words.size()];
      out += std::to_string(rng() % 50); // vocabulary of 1,200 words, so shingles rarely repeat
    }
    out += (rng() % 12 == 0) ? ". " : " ";
  }
  return out;
}

// datasketch's algorithm: 128 independent hash functions (a*x+b mod p) over every shingle.
std::array<std::uint64_t, 128> classic_minhash(std::string_view text) {
  static const auto k_params = [] {
    std::mt19937_64 rng(1);
    std::array<std::pair<std::uint64_t, std::uint64_t>, 128> params{};
    for (auto& [a, b] : params) {
      a = rng() | 1U;
      b = rng();
    }
    return params;
  }();
  const auto words = syndcheck::text::words(text);
  std::array<std::uint64_t, 128> mins{};
  mins.fill(~0ULL);
  for (std::size_t i = 0; i + 3 <= words.size(); ++i) {
    const std::uint64_t h =
        std::hash<std::string>{}(words[i].folded + ' ' + words[i + 1].folded + ' ' + words[i + 2].folded);
    for (std::size_t k = 0; k < 128; ++k) {
      mins[k] = std::min(mins[k], k_params[k].first * h + k_params[k].second);
    }
  }
  return mins;
}

void BM_sign_baseline_classic_minhash128(benchmark::State& state) {
  const std::string text = news_text(1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(classic_minhash(text));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_sign_baseline_classic_minhash128);

void BM_sign_text(benchmark::State& state) {
  std::vector<std::string> texts;
  for (unsigned i = 0; i < 16; ++i) {
    texts.push_back(news_text(i + 1));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim::sign_text(texts[i++ % texts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(texts[0].size()));
  state.counters["signature_bytes"] = static_cast<double>(sim::sign_text(texts[0]).to_bytes().size());
}
BENCHMARK(BM_sign_text);

// A synthetic signature: bins and anchors of an unrelated original. 30% of the bins come from a
// pool of 50 "common shingle" values per bin ("said on Tuesday"), so unrelated originals agree on
// a bin with p = 0.3^2 / 50 = 0.0018 and share a 2-bin band as often as unrelated ntrex articles
// do (bench/eval-similarity: ~1.3e-4 per pair); purely random bins would hide that work.
sim::Signature random_signature(std::mt19937& rng) {
  sim::Signature signature;
  signature.tokens = 800;
  for (std::size_t b = 0; b < signature.bins.size(); ++b) {
    signature.bins[b] =
        rng() % 10 < 3 ? static_cast<std::uint32_t>(b * 1'000 + rng() % 50) : static_cast<std::uint32_t>(rng());
  }
  for (std::size_t i = 0; i < sim::Signature::k_max_anchors; ++i) {
    signature.anchors.push_back(static_cast<std::uint32_t>(rng()));
  }
  std::sort(signature.anchors.begin(), signature.anchors.end());
  return signature;
}

// A copy of `signature` sharing about 70% of its bins (a partial copy, Jaccard ~0.7).
sim::Signature near_copy(sim::Signature signature, std::mt19937& rng) {
  for (auto& bin : signature.bins) {
    if (rng() % 10 < 3) {
      bin = static_cast<std::uint32_t>(rng());
    }
  }
  return signature;
}

constexpr std::size_t k_originals = 1'000'000;

struct Corpus {
  sim::OriginalIndex index;
  std::vector<sim::Signature> sample; // signatures of some indexed originals, to derive queries from
  std::size_t memory = 0;
};

Corpus& corpus() {
  static Corpus* const instance = [] {
    auto* created = new Corpus;
    std::mt19937 rng(7);
    created->index.reserve(k_originals);
    for (std::size_t i = 0; i < k_originals; ++i) {
      const sim::Signature signature = random_signature(rng);
      created->index.add(static_cast<std::int64_t>(i), signature);
      if (i % 1000 == 0) {
        created->sample.push_back(signature);
      }
    }
    created->memory = created->index.memory_bytes();
    return created;
  }();
  return *instance;
}

void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
  std::sort(micros.begin(), micros.end());
  if (micros.empty()) {
    return;
  }
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
}

void BM_index_query_1M(benchmark::State& state) {
  Corpus& c = corpus();
  std::mt19937 rng(11);
  std::vector<double> micros;
  std::size_t found = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t pick = i++ % c.sample.size();
    state.PauseTiming();
    const sim::Signature query = near_copy(c.sample[pick], rng);
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    const auto candidates = c.index.query(query, 10);
    const auto stop = std::chrono::steady_clock::now();
    micros.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
    found += (!candidates.empty() && candidates[0].id == static_cast<std::int64_t>(pick * 1000)) ? 1U : 0U;
    benchmark::DoNotOptimize(candidates);
  }
  report_percentiles(state, micros);
  state.counters["recall"] = static_cast<double>(found) / static_cast<double>(state.iterations());
  state.counters["bytes_per_original"] = static_cast<double>(c.memory) / static_cast<double>(k_originals);
}
BENCHMARK(BM_index_query_1M)->Iterations(20'000)->Unit(benchmark::kMicrosecond);

void BM_index_query_cross_lingual_1M(benchmark::State& state) {
  Corpus& c = corpus();
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const sim::Signature& query = c.sample[i++ % c.sample.size()];
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(c.index.query_cross_lingual(query, 10));
    const auto stop = std::chrono::steady_clock::now();
    micros.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
  }
  report_percentiles(state, micros);
}
BENCHMARK(BM_index_query_cross_lingual_1M)->Iterations(20'000)->Unit(benchmark::kMicrosecond);

// Baseline: comparing the query with every original's full signature (what the index avoids).
void BM_index_query_baseline_linear_scan_1M(benchmark::State& state) {
  std::mt19937 rng(7);
  std::vector<std::uint32_t> all(k_originals * sim::Signature::k_bins);
  // Random bins: a scan costs the same whatever they hold.
  for (auto& value : all) {
    value = static_cast<std::uint32_t>(rng());
  }
  const sim::Signature query = random_signature(rng);
  for (auto _ : state) {
    std::size_t best = 0;
    for (std::size_t d = 0; d < k_originals; ++d) {
      std::size_t equal = 0;
      for (std::size_t b = 0; b < sim::Signature::k_bins; ++b) {
        equal += all[d * sim::Signature::k_bins + b] == query.bins[b] ? 1U : 0U;
      }
      best = std::max(best, equal);
    }
    benchmark::DoNotOptimize(best);
  }
}
BENCHMARK(BM_index_query_baseline_linear_scan_1M)->Iterations(3)->Unit(benchmark::kMicrosecond);

std::pair<std::string, std::string> five_kb_pair() {
  const std::string original = news_text(3, 5'000);
  std::string copy = "Republished with permission. " + original.substr(0, 2'000) + " an inserted sentence here. " +
                     original.substr(2'100);
  return {original, copy};
}

void BM_align_5kb_baseline_tokenise(benchmark::State& state) {
  const auto [original, copy] = five_kb_pair();
  for (auto _ : state) {
    benchmark::DoNotOptimize(syndcheck::text::words(original));
    benchmark::DoNotOptimize(syndcheck::text::words(copy));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_align_5kb_baseline_tokenise)->Unit(benchmark::kMicrosecond);

void BM_align_5kb(benchmark::State& state) {
  const auto [original, copy] = five_kb_pair();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim::align_text(original, copy));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_align_5kb)->Unit(benchmark::kMicrosecond);

// Prints the ratios after the usual table: each figure over its same-run baseline.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      m_seconds[run.benchmark_name()] = run.GetAdjustedRealTime();
      for (const auto& [name, counter] : run.counters) {
        m_counters[run.benchmark_name() + "/" + name] = counter.value;
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const auto ratio = [this](const std::string& slow, const std::string& fast) {
      const auto s = m_seconds.find(slow);
      const auto f = m_seconds.find(fast);
      return (s == m_seconds.end() || f == m_seconds.end() || f->second == 0) ? 0.0 : s->second / f->second;
    };
    std::printf("\nratios (same run):\n");
    std::printf("  sign_text vs classic MinHash-128 over ICU words: %.1fx faster\n",
                ratio("BM_sign_baseline_classic_minhash128", "BM_sign_text"));
    std::printf("  index query (1M) vs linear scan of 1M signatures: %.0fx faster\n",
                ratio("BM_index_query_baseline_linear_scan_1M/iterations:3", "BM_index_query_1M/iterations:20000"));
    std::printf("  align 5 KB pair vs tokenising both texts with ICU words(): %.2fx the time\n",
                ratio("BM_align_5kb", "BM_align_5kb_baseline_tokenise"));
  }

private:
  std::map<std::string, double> m_seconds;
  std::map<std::string, double> m_counters;
};

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
