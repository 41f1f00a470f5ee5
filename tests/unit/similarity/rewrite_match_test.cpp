// tests/unit/similarity/rewrite_match_test.cpp: paraphrase detection on content words.
//
// The rewrite keeps each sentence's names, numbers and long words but changes word order and the
// small words around them, as rewriting sites do to dodge verbatim checks.

#include "similarity/rewrite_match.hpp"

#include <catch2/catch.hpp>

#include <string>

using syndcheck::similarity::match_rewrite;

namespace {

const std::string k_original =
    "The foreign ministry said on Tuesday that negotiations with the neighbouring delegation would continue "
    "next week in Geneva. According to an official spokesperson, the parties discussed security guarantees "
    "and grain exports through the Black Sea ports. Experts believe that an agreement could be signed before "
    "the end of the year.\n\nThe central bank kept its interest rate unchanged at thirteen percent.";
const std::string k_rewrite =
    "Negotiations with the neighbouring delegation will continue in Geneva next week, the foreign ministry "
    "said Tuesday. Security guarantees and grain exports through Black Sea ports were discussed by the "
    "parties, an official spokesperson said. An agreement could be signed before the year's end, experts believe."
    "\n\nInterest rate: the central bank kept it unchanged, at thirteen percent.";
const std::string k_unrelated =
    "A new bakery opened on the corner of Maple Street this weekend, drawing long queues of curious "
    "neighbours who wanted to taste its sourdough loaves. The owner explained that she had dreamed about "
    "baking professionally since childhood.";

} // namespace

TEST_CASE("match_rewrite finds paraphrased sentences", "[similarity]") {
  const auto match = match_rewrite(k_original, k_rewrite);
  CHECK(match.rewrite);
  CHECK(match.coverage > 0.7);
  CHECK(match.sentence_pairs.size() == 4);
  CHECK(match.sentence_pairs[0] == std::pair<int, int>{0, 0});
  CHECK(match.sentence_pairs[3] == std::pair<int, int>{3, 3});
}

TEST_CASE("match_rewrite rejects unrelated and padded-only copies", "[similarity]") {
  SECTION("unrelated") {
    const auto match = match_rewrite(k_original, k_unrelated);
    CHECK_FALSE(match.rewrite);
    CHECK(match.coverage < 0.2);
  }
  SECTION("one kept sentence is not a rewrite") {
    const std::string one =
        "Experts believe that an agreement could be signed before the end of the year. " + k_unrelated;
    const auto match = match_rewrite(k_original, one);
    CHECK_FALSE(match.rewrite);
    CHECK(match.sentence_pairs.size() == 1);
  }
  SECTION("empty texts") {
    CHECK_FALSE(match_rewrite("", "").rewrite);
    CHECK(match_rewrite(k_original, "").coverage == 0.0);
  }
}
