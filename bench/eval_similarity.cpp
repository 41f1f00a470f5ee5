// bench/eval_similarity.cpp: retrieval and relation quality of similarity/ on ntrex (the driver is
// bench/eval-similarity).
//
// Prints figures, asserts nothing: floors belong to CI (bench/eval-similarity compares the
// "figure NAME VALUE" lines printed last with bench/similarity-floors.json). Cross-lingual: index
// the 123 English ntrex documents, query each translation, top-1 and MRR per language (anchor
// retrieval, then the same re-ranked by match_translation), and the reverse direction; the
// translation relation's precision and recall (true pair against the closest wrong candidate).
// Same-language reuse: edited copies of the English documents against all of them.
// usage: eval_similarity NTREX_DIR

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "similarity/aligner.hpp"
#include "similarity/cross_lingual_match.hpp"
#include "similarity/original_index.hpp"
#include "similarity/signature.hpp"

namespace sim = syndcheck::similarity;

namespace {

using Corpus = std::vector<std::vector<std::string>>; // document -> sentences (lines)

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// ntrex keeps one sentence per line; DOCUMENT_IDS.tsv names the document of each line, in runs.
Corpus load(const std::string& dir, const std::string& file, const std::vector<std::string>& ids) {
  const auto lines = read_lines(dir + "/" + file);
  Corpus docs;
  for (std::size_t i = 0; i < lines.size() && i < ids.size(); ++i) {
    if (i == 0 || ids[i] != ids[i - 1]) {
      docs.emplace_back();
    }
    docs.back().push_back(lines[i]);
  }
  return docs;
}

// Each sentence a paragraph: ntrex has no paragraph marks, and this gives the DP something to align.
std::string body(const std::vector<std::string>& sentences) {
  std::string out;
  for (const auto& sentence : sentences) {
    if (!out.empty()) {
      out += "\n\n";
    }
    out += sentence;
  }
  return out;
}

// "figure NAME VALUE" lines, printed at the end for the floors check.
std::vector<std::pair<std::string, double>>& figures() {
  static std::vector<std::pair<std::string, double>> instance;
  return instance;
}

struct Retrieval {
  double top1 = 0;
  double mrr = 0;
  double verified_top1 = 0;
  double translation_recall = 0;    // true pairs match_translation calls translations
  double translation_false = 0;     // best wrong candidates it calls translations
  std::size_t true_positives = 0;   // counts behind the two shares above, for pooling
  std::size_t false_positives = 0;
  std::size_t pairs = 0;
};

Retrieval cross_lingual(const Corpus& originals, const Corpus& copies) {
  sim::OriginalIndex index;
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    bodies.push_back(body(originals[i]));
    index.add(static_cast<std::int64_t>(i), sim::sign_text(bodies.back()));
  }
  Retrieval r;
  std::size_t wrong_checked = 0;
  for (std::size_t i = 0; i < copies.size() && i < originals.size(); ++i) {
    const std::string copy = body(copies[i]);
    const auto candidates = index.query_cross_lingual(sim::sign_text(copy), originals.size());
    for (std::size_t rank = 0; rank < candidates.size(); ++rank) {
      if (candidates[rank].id == static_cast<std::int64_t>(i)) {
        r.mrr += 1.0 / static_cast<double>(rank + 1);
        r.top1 += rank == 0 ? 1U : 0U;
        break;
      }
    }
    // Verification re-ranks the first ten by match_translation's confidence.
    double best = -1;
    std::int64_t best_id = -1;
    bool wrong_seen = false;
    for (std::size_t rank = 0; rank < candidates.size() && rank < 10; ++rank) {
      const auto id = candidates[rank].id;
      const auto match = sim::match_translation(bodies[static_cast<std::size_t>(id)], copy);
      if (match.confidence > best) {
        best = match.confidence;
        best_id = id;
      }
      if (id == static_cast<std::int64_t>(i)) {
        r.true_positives += match.translation ? 1U : 0U;
      } else if (!wrong_seen) {
        wrong_seen = true;
        ++wrong_checked;
        r.false_positives += match.translation ? 1U : 0U;
      }
    }
    r.verified_top1 += best_id == static_cast<std::int64_t>(i) ? 1U : 0U;
  }
  r.pairs = std::min(copies.size(), originals.size());
  const auto n = static_cast<double>(r.pairs);
  r.translation_recall = static_cast<double>(r.true_positives);
  r.translation_false = static_cast<double>(r.false_positives);
  r.top1 /= n;
  r.mrr /= n;
  r.verified_top1 /= n;
  r.translation_recall /= n;
  r.translation_false = wrong_checked == 0 ? 0 : r.translation_false / static_cast<double>(wrong_checked);
  return r;
}

std::vector<std::string> edit(const std::vector<std::string>& sentences, const std::string& kind, std::mt19937& rng) {
  std::vector<std::string> out = sentences;
  if (kind == "first-n") {
    out.resize(std::max<std::size_t>(3, out.size() / 3));
  } else if (kind == "shuffled") {
    std::shuffle(out.begin(), out.end(), rng);
  } else if (kind == "dropped") {
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (i % 3 != 2) {
        kept.push_back(out[i]);
      }
    }
    out = kept;
  } else if (kind == "boilerplate") {
    out.insert(out.begin(), "Subscribe to our newsletter and follow us on social media for the latest updates.");
    out.push_back("Copyright 2024 Example Media Group. All rights reserved. Cookies help us deliver our services.");
  }
  return out;
}

void same_language(const Corpus& originals) {
  sim::OriginalIndex index;
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    bodies.push_back(body(originals[i]));
    index.add(static_cast<std::int64_t>(i), sim::sign_text(bodies.back()));
  }
  std::mt19937 rng(42); // fixed: the figures must be reproducible
  std::printf("\nsame-language reuse (ntrex English, %zu originals; copy edited, then retrieved and aligned)\n",
              originals.size());
  std::printf("%-12s %9s %9s %9s %12s\n", "edit", "retrieved", "matched", "relation", "false-match");
  for (const std::string kind : {"verbatim", "first-n", "shuffled", "dropped", "boilerplate"}) {
    std::size_t retrieved = 0;
    std::size_t matched = 0;
    std::size_t false_matches = 0;
    std::map<std::string, std::size_t> relations;
    for (std::size_t i = 0; i < originals.size(); ++i) {
      const std::string copy = body(edit(originals[i], kind, rng));
      const auto candidates = index.query(sim::sign_text(copy), 5);
      retrieved += std::any_of(candidates.begin(), candidates.end(),
                               [&](const sim::Candidate& c) { return c.id == static_cast<std::int64_t>(i); })
                       ? 1U
                       : 0U;
      const auto truth = sim::align_text(bodies[i], copy);
      matched += truth.relation != syndcheck::model::Relation::none ? 1U : 0U;
      ++relations[syndcheck::model::to_string(truth.relation)];
      // False matches: a different original that align() relates to this copy, among five drawn at random.
      for (int t = 0; t < 5; ++t) {
        const std::size_t other = (i + 1 + rng() % (originals.size() - 1)) % originals.size();
        false_matches += sim::align_text(bodies[other], copy).relation != syndcheck::model::Relation::none ? 1U : 0U;
      }
    }
    std::string relation_text;
    for (const auto& [name, count] : relations) {
      relation_text += name + "=" + std::to_string(count) + " ";
    }
    const auto n = static_cast<double>(originals.size());
    figures().emplace_back("reuse." + kind + ".retrieved", static_cast<double>(retrieved) / n);
    figures().emplace_back("reuse." + kind + ".matched", static_cast<double>(matched) / n);
    std::printf("%-12s %9.3f %9.3f  %s %8.4f\n", kind.c_str(), static_cast<double>(retrieved) / n,
                static_cast<double>(matched) / n, relation_text.c_str(),
                static_cast<double>(false_matches) / (5 * n));
  }
  // Stray candidates: unrelated originals that share a band with a query (index options as
  // shipped, but no similarity cut), i.e. the work a query does for nothing. Scaled to 1M
  // originals, this is what the synthetic corpus of bench/similarity_speed cannot show.
  sim::IndexOptions loose;
  loose.min_similarity = 0.0;
  sim::OriginalIndex all(loose);
  for (std::size_t i = 0; i < originals.size(); ++i) {
    all.add(static_cast<std::int64_t>(i), sim::sign_text(bodies[i]));
  }
  std::size_t strays = 0;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    for (const auto& candidate : all.query(sim::sign_text(bodies[i]), originals.size())) {
      strays += candidate.id != static_cast<std::int64_t>(i) ? 1U : 0U;
    }
  }
  const double rate = static_cast<double>(strays) /
                      static_cast<double>(originals.size() * (originals.size() - 1));
  std::printf("stray LSH candidates among unrelated originals: %zu of %zu pairs (%.2e; ~%.0f per query at 1M)\n",
              strays, originals.size() * (originals.size() - 1), rate, rate * 1e6);
}

} // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/datasets/crosslingual/ntrex";
  std::vector<std::string> ids;
  for (const auto& line : read_lines(dir + "/DOCUMENT_IDS.tsv")) {
    ids.push_back(line.substr(0, line.find('\t')));
  }
  if (ids.empty()) {
    std::printf("eval-similarity: skipped: no %s/DOCUMENT_IDS.tsv\n", dir.c_str());
    return 0;
  }
  const Corpus english = load(dir, "newstest2019-src.eng.txt", ids);
  std::printf("cross-lingual retrieval on ntrex: %zu English originals, anchors only (no dictionaries)\n",
              english.size());
  std::printf("%-10s %7s %7s %14s %12s %12s\n", "copy", "top1", "MRR", "verified-top1", "transl-recall",
              "transl-false");
  const std::vector<std::pair<std::string, std::string>> languages = {
      {"ukr", "newstest2019-ref.ukr.txt"}, {"rus", "newstest2019-ref.rus.txt"}, {"deu", "newstest2019-ref.deu.txt"},
      {"pol", "newstest2019-ref.pol.txt"}, {"fra", "newstest2019-ref.fra.txt"}, {"spa", "newstest2019-ref.spa.txt"},
      {"arb", "newstest2019-ref.arb.txt"}, {"jpn", "newstest2019-ref.jpn.txt"}, {"zho", "newstest2019-ref.zho-CN.txt"}};
  // The translation relation pooled over the goal's languages (both directions where measured):
  // precision among the pairs it calls translations, recall over the true pairs.
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t true_pairs = 0;
  const auto report = [&](const std::string& label, const std::string& name, const Retrieval& r, bool pooled) {
    std::printf("%-9s %7.3f %7.3f %14.3f %12.3f %12.3f\n", label.c_str(), r.top1, r.mrr, r.verified_top1,
                r.translation_recall, r.translation_false);
    figures().emplace_back("crosslingual." + name + ".top1", r.top1);
    figures().emplace_back("crosslingual." + name + ".mrr", r.mrr);
    if (pooled) {
      true_positives += r.true_positives;
      false_positives += r.false_positives;
      true_pairs += r.pairs;
    }
  };
  const std::set<std::string> goal = {"ukr", "rus", "deu", "pol", "fra", "spa"};
  std::map<std::string, Corpus> corpora;
  for (const auto& [code, file] : languages) {
    corpora[code] = load(dir, file, ids);
    report("eng<-" + code, "eng-" + code, cross_lingual(english, corpora[code]), goal.contains(code));
  }
  for (const std::string code : {"ukr", "rus"}) {
    report(code + "<-eng", code + "-eng", cross_lingual(corpora[code], english), true);
  }
  report("ukr<-rus", "ukr-rus", cross_lingual(corpora["ukr"], corpora["rus"]), false);
  const double precision = true_positives + false_positives == 0
                               ? 0.0
                               : static_cast<double>(true_positives) /
                                     static_cast<double>(true_positives + false_positives);
  const double recall = true_pairs == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(true_pairs);
  std::printf("relation translation (ukr rus deu pol fra spa, both directions; true pair vs closest wrong "
              "candidate): precision %.3f recall %.3f\n",
              precision, recall);
  figures().emplace_back("translation.precision", precision);
  figures().emplace_back("translation.recall", recall);
  same_language(english);
  std::printf("\n");
  for (const auto& [name, value] : figures()) {
    std::printf("figure %s %.4f\n", name.c_str(), value);
  }
  return 0;
}
