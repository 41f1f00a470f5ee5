// bench/eval_similarity.cpp: retrieval and relation quality of similarity/ on ntrex and on the
// extraction datasets' articles (the driver is bench/eval-similarity).
//
// Prints figures, asserts nothing: floors belong to CI (bench/eval-similarity compares the
// "figure NAME VALUE" lines printed last with bench/similarity-floors.json). Each part runs only
// when its data is given, so a missing dataset skips its part alone. Parts:
// - ntrex cross-lingual: index the 123 English documents, query each translation, top-1 and MRR
//   per language (anchor retrieval, then re-ranked by match_translation), the reverse direction,
//   and the translation relation's precision and recall (true pair vs closest wrong candidate).
// - ntrex same-language reuse: edited copies of the English documents against all of them.
// - extraction same-language reuse (--reuse FILE, written by bench/eval-similarity from the AEB and
//   WCXB ground truths): labelled copies (verbatim, first N paragraphs, shuffled, sentences dropped,
//   boilerplate changed) retrieved among all originals and related by the pipeline's logic
//   (pipeline/matching.cpp), and each original against its 5 most similar other originals.
// usage: eval_similarity [NTREX_DIR] [--reuse FILE]

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "similarity/aligner.hpp"
#include "similarity/cross_lingual_match.hpp"
#include "similarity/original_index.hpp"
#include "similarity/rewrite_match.hpp"
#include "similarity/signature.hpp"
#include "text/hashed_tokens.hpp"

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
  double translation_recall = 0;  // true pairs match_translation calls translations
  double translation_false = 0;   // best wrong candidates it calls translations
  std::size_t true_positives = 0; // counts behind the two shares above, for pooling
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
                static_cast<double>(matched) / n, relation_text.c_str(), static_cast<double>(false_matches) / (5 * n));
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
  const double rate = static_cast<double>(strays) / static_cast<double>(originals.size() * (originals.size() - 1));
  std::printf("stray LSH candidates among unrelated originals: %zu of %zu pairs (%.2e; ~%.0f per query at 1M)\n",
              strays, originals.size() * (originals.size() - 1), rate, rate * 1e6);
}

// ---- same-language reuse on the extraction datasets ----------------------------------------------

namespace model = syndcheck::model;

// Caps on the --reuse file (it is ours, but input all the same): AEB + WCXB articles are ~1,000
// documents of at most ~200 KB; these leave room for larger datasets without unbounded growth.
constexpr std::size_t k_max_reuse_documents = 20'000;
constexpr std::size_t k_max_document_bytes = 1'000'000;
constexpr std::size_t k_max_line_bytes = 200'000;
// Originals shorter than this many words are skipped: they are pages whose ground truth is a
// caption or a teaser, not an article, and align()'s 25-word minimum makes them a different test.
constexpr std::size_t k_min_original_words = 50;
// Retrieval depth of recall@k: pipeline::CandidateOptions::same_language verifies 20 candidates.
constexpr std::size_t k_retrieval_depth = 20;
// Unrelated originals compared with each original for false matches (the brief's K).
constexpr std::size_t k_neighbours = 5;

struct ReuseDocument {
  std::string id;                      // "aeb/<hash>" or "wcxb/<file id>"
  std::vector<std::string> paragraphs; // the ground truth split on newlines, empty lines dropped
  std::string body;                    // paragraphs joined by "\n\n", as Article::body_text()
};

// The --reuse file: "@@doc ID" starts a document, each following non-empty line is a paragraph.
std::vector<ReuseDocument> load_reuse(const std::string& path) {
  std::ifstream in(path);
  std::vector<ReuseDocument> docs;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("@@doc ", 0) == 0) {
      if (docs.size() >= k_max_reuse_documents) {
        break;
      }
      docs.push_back({line.substr(6), {}, {}});
      bytes = 0;
      continue;
    }
    if (docs.empty() || line.empty() || line.size() > k_max_line_bytes || bytes + line.size() > k_max_document_bytes) {
      continue;
    }
    bytes += line.size();
    docs.back().paragraphs.push_back(line);
  }
  for (auto& doc : docs) {
    doc.body = body(doc.paragraphs);
  }
  return docs;
}

std::size_t word_count(std::string_view text) {
  thread_local std::vector<syndcheck::text::HashedToken> tokens;
  syndcheck::text::hashed_tokens(text, sim::AlignOptions{}.max_words, tokens);
  return tokens.size();
}

// Sentences of one paragraph by the rule rewrite_match.cpp uses: . ! ? followed by a space.
std::vector<std::string> split_sentences(const std::string& paragraph) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if ((c == '.' || c == '!' || c == '?') && paragraph[i + 1] == ' ') {
      out.push_back(paragraph.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < paragraph.size()) {
    out.push_back(paragraph.substr(start));
  }
  return out;
}

// The relation pipeline::compare_documents() gives two same-language documents: align(), then
// match_rewrite() when align() finds nothing or only an excerpt. Kept in step with
// src/pipeline/matching.cpp by hand (bench/ may not link pipeline/, which needs the store).
model::Relation pipeline_relation(const std::string& original, const std::string& copy) {
  const model::Similarity aligned = sim::align_text(original, copy);
  if (aligned.relation != model::Relation::none && aligned.relation != model::Relation::excerpt) {
    return aligned.relation;
  }
  return sim::match_rewrite(original, copy).rewrite ? model::Relation::rewrite : aligned.relation;
}

// The label by the share of the original's words reproduced alone (AlignOptions: verbatim_coverage
// 0.8, partial_coverage 0.3): the brief's definition, printed for reference.
model::Relation label_for_coverage(double coverage) {
  const sim::AlignOptions options;
  if (coverage >= options.verbatim_coverage) {
    return model::Relation::verbatim;
  }
  return coverage >= options.partial_coverage ? model::Relation::partial : model::Relation::excerpt;
}

// The label the relation thresholds give, applied to the true figures: as aligner.hpp's contract
// says, a copy made mostly of our text (containment >= 0.5) is partial whatever its coverage. A
// copy built only from the original has containment 1, so a bare excerpt is `partial`; `excerpt`
// is for a few sentences quoted inside the copier's own text.
model::Relation label_for_share(double coverage, double containment) {
  const sim::AlignOptions options;
  if (coverage >= options.verbatim_coverage) {
    return model::Relation::verbatim;
  }
  return coverage >= options.partial_coverage || containment >= options.partial_containment ? model::Relation::partial
                                                                                            : model::Relation::excerpt;
}

struct LabelledCopy {
  std::string body;
  model::Relation label = model::Relation::none;          // label_for_share() of the true figures
  std::vector<model::Relation> accepted;                  // relations counted as right
  model::Relation coverage_label = model::Relation::none; // label_for_coverage(), for reference
  double coverage = 1.0;                                  // true share of the original's words
};

// Header and footer lines a republisher wraps around a copy; drawn at random per copy.
const std::vector<std::string>& boilerplate_headers() {
  static const std::vector<std::string> lines = {
      "Subscribe to our newsletter and follow us on social media for the latest updates.",
      "This story was originally published by our partners and is republished here with permission.",
      "Breaking: stay with us for live coverage as this story develops throughout the day.",
      "Advertisement. Scroll down to continue reading the article below."};
  return lines;
}
const std::vector<std::string>& boilerplate_footers() {
  static const std::vector<std::string> lines = {
      "Copyright 2024 Example Media Group. All rights reserved. Cookies help us deliver our services.",
      "Share this article with your friends. Comments are closed for this story. Read more in our archive.",
      "Sign up for our morning briefing to get the news that matters delivered to your inbox every day.",
      "Related stories: what you need to know this week, and the most read articles on our site."};
  return lines;
}

// The copies of one original by transformation kind; a kind whose copy would equal the original
// (first N of at most N paragraphs, shuffling one paragraph, dropping from < 3 sentences) is left
// out, so every figure measures the edit it names.
// A first-N copy under align()'s evidence floor (min_match_words, unless it is half the original)
// is none by design, and is counted in `short_copies` instead.
std::vector<std::pair<std::string, LabelledCopy>> labelled_copies(const ReuseDocument& doc, std::mt19937& rng,
                                                                  std::size_t& short_copies) {
  std::vector<std::pair<std::string, LabelledCopy>> out;
  const auto verbatim = model::Relation::verbatim;
  out.emplace_back("verbatim", LabelledCopy{doc.body, verbatim, {verbatim}, verbatim});

  std::vector<std::size_t> words;
  std::size_t total = 0;
  for (const auto& paragraph : doc.paragraphs) {
    words.push_back(word_count(paragraph));
    total += words.back();
  }
  for (std::size_t n = 1; n <= 3; ++n) {
    if (n >= doc.paragraphs.size()) {
      break;
    }
    const std::vector<std::string> first(doc.paragraphs.begin(),
                                         doc.paragraphs.begin() + static_cast<std::ptrdiff_t>(n));
    const std::size_t kept =
        std::accumulate(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n), std::size_t{0});
    const double coverage = static_cast<double>(kept) / static_cast<double>(total);
    if (kept < sim::AlignOptions{}.min_match_words && coverage < 0.5) {
      ++short_copies;
      continue;
    }
    const auto label = label_for_share(coverage, 1.0);
    out.emplace_back("first-" + std::to_string(n),
                     LabelledCopy{body(first), label, {label}, label_for_coverage(coverage), coverage});
  }

  if (doc.paragraphs.size() >= 2) {
    std::vector<std::string> shuffled = doc.paragraphs;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    if (shuffled == doc.paragraphs) {
      std::rotate(shuffled.begin(), shuffled.begin() + 1, shuffled.end());
    }
    if (shuffled != doc.paragraphs) { // all paragraphs equal: no shuffle exists
      out.emplace_back("shuffled", LabelledCopy{body(shuffled), verbatim, {verbatim}, verbatim});
    }
  }

  std::vector<std::string> kept_paragraphs;
  std::size_t sentence = 0;
  std::size_t dropped_words = 0;
  for (const auto& paragraph : doc.paragraphs) {
    std::string kept;
    for (const auto& s : split_sentences(paragraph)) {
      if (sentence++ % 3 == 2) {
        dropped_words += word_count(s);
        continue;
      }
      kept += kept.empty() ? s : " " + s;
    }
    if (!kept.empty()) {
      kept_paragraphs.push_back(kept);
    }
  }
  if (sentence >= 3 && dropped_words > 0) {
    const double coverage = static_cast<double>(total - std::min(total, dropped_words)) / static_cast<double>(total);
    out.emplace_back("dropped", LabelledCopy{body(kept_paragraphs),
                                             label_for_share(coverage, 1.0),
                                             {verbatim, model::Relation::partial},
                                             label_for_coverage(coverage),
                                             coverage});
  }

  std::vector<std::string> wrapped = doc.paragraphs;
  wrapped.insert(wrapped.begin(), boilerplate_headers()[rng() % boilerplate_headers().size()]);
  wrapped.push_back(boilerplate_footers()[rng() % boilerplate_footers().size()]);
  out.emplace_back("boilerplate", LabelledCopy{body(wrapped), verbatim, {verbatim}, verbatim});
  return out;
}

struct KindTally {
  std::size_t copies = 0;
  std::size_t top1 = 0;
  std::size_t recall_k = 0;
  std::size_t related = 0;          // relation other than none
  std::size_t correct = 0;          // relation among the accepted ones
  std::size_t coverage_correct = 0; // relation equal to label_for_coverage() (reference only)
  std::map<std::string, std::size_t> labels;
  std::map<std::string, std::size_t> relations;
};

std::string histogram(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [name, count] : counts) {
    out += (out.empty() ? "" : " ") + name + "=" + std::to_string(count);
  }
  return out;
}

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

void same_language_extraction(const std::string& reuse_file) {
  std::vector<ReuseDocument> loaded = load_reuse(reuse_file);
  // Exact duplicates (the same text in both datasets, or twice in one) would be false "false
  // matches"; short ground truths are not articles.
  std::vector<ReuseDocument> docs;
  std::set<std::string> seen;
  std::size_t short_docs = 0;
  for (auto& doc : loaded) {
    if (word_count(doc.body) < k_min_original_words) {
      ++short_docs;
      continue;
    }
    if (seen.insert(doc.body).second) {
      docs.push_back(std::move(doc));
    }
  }
  std::printf("\nsame-language reuse on the extraction datasets: %zu originals (%zu under %zu words and %zu "
              "duplicates left out)\n",
              docs.size(), short_docs, k_min_original_words, loaded.size() - short_docs - docs.size());
  if (docs.size() < 2) {
    std::printf("samelang: skipped: fewer than 2 originals\n");
    return;
  }
  sim::OriginalIndex index;
  index.reserve(docs.size());
  std::vector<sim::Signature> signatures;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    signatures.push_back(sim::sign_text(docs[i].body));
    index.add(static_cast<std::int64_t>(i), signatures.back());
  }

  std::mt19937 rng(20'240'604); // fixed: the figures must be reproducible
  const std::vector<std::string> kinds = {"verbatim", "first-1", "first-2",    "first-3",
                                          "shuffled", "dropped", "boilerplate"};
  std::map<std::string, KindTally> tallies;
  // Per label (by true coverage) and per relation given, pooled over all copies and the unrelated
  // pairs: the precision and recall of each relation the pipeline reports.
  std::map<model::Relation, std::size_t> given;        // pairs given relation R
  std::map<model::Relation, std::size_t> given_right;  // ... where R is accepted
  std::map<model::Relation, std::size_t> labelled;     // copies labelled R
  std::map<model::Relation, std::size_t> labelled_hit; // ... whose relation is accepted
  std::size_t short_copies = 0;
  // First-N retrieval by the true coverage: MinHash estimates Jaccard, which for an excerpt is about
  // its coverage, so retrieval falls with it. Bands: upper bounds, the last one open.
  const std::vector<double> bands = {0.1, 0.2, 0.3, 0.5, 2.0};
  std::vector<std::pair<std::size_t, std::size_t>> band_recall(bands.size()); // (retrieved, copies)
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (const auto& [kind, copy] : labelled_copies(docs[i], rng, short_copies)) {
      KindTally& t = tallies[kind];
      ++t.copies;
      const auto candidates = index.query(sim::sign_text(copy.body), k_retrieval_depth);
      const auto me = static_cast<std::int64_t>(i);
      t.top1 += !candidates.empty() && candidates.front().id == me ? 1U : 0U;
      const bool found =
          std::any_of(candidates.begin(), candidates.end(), [&](const sim::Candidate& c) { return c.id == me; });
      t.recall_k += found ? 1U : 0U;
      if (kind.starts_with("first-")) {
        const auto band =
            static_cast<std::size_t>(std::upper_bound(bands.begin(), bands.end(), copy.coverage) - bands.begin());
        band_recall[std::min(band, bands.size() - 1)].first += found ? 1U : 0U;
        ++band_recall[std::min(band, bands.size() - 1)].second;
      }
      const model::Relation relation = pipeline_relation(docs[i].body, copy.body);
      const bool right = std::find(copy.accepted.begin(), copy.accepted.end(), relation) != copy.accepted.end();
      t.related += relation != model::Relation::none ? 1U : 0U;
      t.correct += right ? 1U : 0U;
      t.coverage_correct += relation == copy.coverage_label ? 1U : 0U;
      ++t.labels[model::to_string(copy.label)];
      ++t.relations[model::to_string(relation)];
      ++given[relation];
      given_right[relation] += right ? 1U : 0U;
      ++labelled[copy.label];
      labelled_hit[copy.label] += right ? 1U : 0U;
    }
  }

  // False matches: each original against its K most similar other originals by signature (estimated
  // Jaccard, then shared anchors: most pairs of unrelated texts share no shingle, and shared names
  // and numbers find the same-topic ones), the other original taken as the copy.
  std::size_t unrelated_pairs = 0;
  std::size_t false_matches = 0;
  std::size_t false_partial = 0; // partial or stronger (the rest are excerpts: a shared quote)
  std::map<std::string, std::size_t> false_relations;
  std::vector<std::string> false_examples;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::vector<std::pair<std::pair<double, std::size_t>, std::size_t>> scored;
    scored.reserve(docs.size());
    for (std::size_t j = 0; j < docs.size(); ++j) {
      if (j == i) {
        continue;
      }
      std::vector<std::uint32_t> shared;
      std::set_intersection(signatures[i].anchors.begin(), signatures[i].anchors.end(), signatures[j].anchors.begin(),
                            signatures[j].anchors.end(), std::back_inserter(shared));
      scored.push_back({{sim::estimate_jaccard(signatures[i], signatures[j]), shared.size()}, j});
    }
    const std::size_t k = std::min(k_neighbours, scored.size());
    std::partial_sort(
        scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k), scored.end(),
        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    for (std::size_t n = 0; n < k; ++n) {
      const std::size_t j = scored[n].second;
      const model::Relation relation = pipeline_relation(docs[i].body, docs[j].body);
      ++unrelated_pairs;
      ++given[relation];
      if (relation != model::Relation::none) {
        ++false_matches;
        false_partial += relation != model::Relation::excerpt ? 1U : 0U;
        ++false_relations[model::to_string(relation)];
        if (relation != model::Relation::excerpt && false_examples.size() < 10) {
          false_examples.push_back(docs[i].id + " <- " + docs[j].id + ": " + model::to_string(relation));
        }
      } else {
        ++given_right[relation];
      }
    }
  }

  std::printf("copies per original: verbatim; first N paragraphs (N = 1..3, when the article has more; %zu "
              "copies under %zu words left out: align() calls them none by design); paragraphs shuffled; every "
              "3rd sentence dropped; a boilerplate header and footer added.\n"
              "retrieval: OriginalIndex::query among all originals (top1, and recall@%zu as the pipeline "
              "verifies %zu); relation: align(), then match_rewrite() on none/excerpt (pipeline/matching.cpp).\n"
              "expected relation: the thresholds on the true figures: coverage >= 0.8 verbatim, else >= 0.3 "
              "or containment >= 0.5 partial, else excerpt (a bare first-N copy has containment 1, so it is "
              "partial); dropped: verbatim or partial. by-coverage: agreement with coverage alone (>= 0.3 "
              "partial, else excerpt), for reference.\n",
              short_copies, sim::AlignOptions{}.min_match_words, k_retrieval_depth, k_retrieval_depth);
  std::printf("%-12s %6s %6s %9s %9s %9s %11s  %s\n", "copy", "pairs", "top1", "recall@20", "precision", "recall",
              "by-coverage", "expected -> given");
  std::size_t all_copies = 0;
  std::size_t all_related = 0;
  std::size_t all_correct = 0;
  for (const auto& kind : kinds) {
    const KindTally& t = tallies[kind];
    all_copies += t.copies;
    all_related += t.related;
    all_correct += t.correct;
    // Precision: of the copies given a relation, the share given the right one; recall: of all.
    const double precision = share(t.correct, t.related);
    const double recall = share(t.correct, t.copies);
    std::printf("%-12s %6zu %6.3f %9.3f %9.3f %9.3f %11.3f  %s -> %s\n", kind.c_str(), t.copies,
                share(t.top1, t.copies), share(t.recall_k, t.copies), precision, recall,
                share(t.coverage_correct, t.copies), histogram(t.labels).c_str(), histogram(t.relations).c_str());
    const std::string name = "samelang." + kind;
    figures().emplace_back(name + ".top1", share(t.top1, t.copies));
    figures().emplace_back(name + ".recall20", share(t.recall_k, t.copies));
    figures().emplace_back(name + ".precision", precision);
    figures().emplace_back(name + ".recall", recall);
  }
  std::printf("first-N recall@%zu by true coverage:", k_retrieval_depth);
  for (std::size_t b = 0; b < bands.size(); ++b) {
    std::printf(" %s%.1f: %.3f (%zu)", b + 1 == bands.size() ? ">=" : "<",
                b + 1 == bands.size() ? bands[b - 1] : bands[b], share(band_recall[b].first, band_recall[b].second),
                band_recall[b].second);
  }
  std::printf("\n");
  // Pooled, with the unrelated pairs: a relation given to an unrelated pair is a wrong one.
  const double precision = share(all_correct, all_related + false_matches);
  const double recall = share(all_correct, all_copies);
  std::printf("all copies: precision %.3f recall %.3f (%zu copies; precision counts false matches too)\n", precision,
              recall, all_copies);
  figures().emplace_back("samelang.precision", precision);
  figures().emplace_back("samelang.recall", recall);
  std::printf("per relation (pooled): ");
  for (const auto relation :
       {model::Relation::verbatim, model::Relation::partial, model::Relation::excerpt, model::Relation::rewrite}) {
    std::printf("%s given %zu (precision %.3f), expected %zu", model::to_string(relation), given[relation],
                share(given_right[relation], given[relation]), labelled[relation]);
    if (labelled[relation] > 0) {
      std::printf(" (recall %.3f)", share(labelled_hit[relation], labelled[relation]));
    }
    std::printf("; ");
  }
  std::printf("\n");
  const double false_rate = share(false_matches, unrelated_pairs);
  std::printf("false matches: %zu of %zu pairs (each original vs its %zu most similar others by signature, "
              "as the copy): rate %.4f, partial or stronger %.4f  %s\n",
              false_matches, unrelated_pairs, k_neighbours, false_rate, share(false_partial, unrelated_pairs),
              histogram(false_relations).c_str());
  for (const auto& example : false_examples) {
    std::printf("  false match (partial or stronger): %s\n", example.c_str());
  }
  // A floor needs "higher is better": the share of unrelated pairs left unrelated.
  figures().emplace_back("samelang.unrelated.none", 1.0 - false_rate);
  figures().emplace_back("samelang.unrelated.below-partial", 1.0 - share(false_partial, unrelated_pairs));
}

void ntrex(const std::string& dir, const std::vector<std::string>& ids) {
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
  const double precision =
      true_positives + false_positives == 0
          ? 0.0
          : static_cast<double>(true_positives) / static_cast<double>(true_positives + false_positives);
  const double recall = true_pairs == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(true_pairs);
  std::printf("relation translation (ukr rus deu pol fra spa, both directions; true pair vs closest wrong "
              "candidate): precision %.3f recall %.3f\n",
              precision, recall);
  figures().emplace_back("translation.precision", precision);
  figures().emplace_back("translation.recall", recall);
  same_language(english);
}

} // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::string reuse_file;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--reuse" && a + 1 < argc) {
      reuse_file = argv[++a];
    } else if (arg == "--ntrex" && a + 1 < argc) {
      dir = argv[++a];
    } else if (!arg.empty() && arg[0] != '-') {
      dir = arg;
    } else {
      std::fprintf(stderr, "usage: eval_similarity [NTREX_DIR] [--reuse FILE]\n");
      return 2;
    }
  }
  std::vector<std::string> ids;
  if (!dir.empty()) {
    for (const auto& line : read_lines(dir + "/DOCUMENT_IDS.tsv")) {
      ids.push_back(line.substr(0, line.find('\t')));
    }
  }
  if (ids.empty()) {
    std::printf("ntrex: skipped: no %s/DOCUMENT_IDS.tsv\n", dir.empty() ? "NTREX_DIR" : dir.c_str());
  } else {
    ntrex(dir, ids);
  }
  if (reuse_file.empty()) {
    std::printf("samelang: skipped: no --reuse FILE\n");
  } else {
    same_language_extraction(reuse_file);
  }
  std::printf("\n");
  for (const auto& [name, value] : figures()) {
    std::printf("figure %s %.4f\n", name.c_str(), value);
  }
  return 0;
}
