// tests/unit/similarity/signature_test.cpp: signing, the Jaccard estimate, bytes, name skeletons.
//
// Texts are generated from a fixed vocabulary with a fixed seed, so estimates are reproducible.

#include "similarity/signature.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

using syndcheck::similarity::estimate_jaccard;
using syndcheck::similarity::name_skeleton;
using syndcheck::similarity::sign_text;
using syndcheck::similarity::Signature;
using syndcheck::similarity::SimilarityFailure;

namespace {

// `count` pseudo-random words ("w123") from a 5,000-word vocabulary.
std::string random_words(std::size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += "w" + std::to_string(rng() % 5000) + " ";
  }
  return out;
}

// Offset of the `n`-th space: the end of the first n words of a random_words() text.
std::size_t nth_space(const std::string& text, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    at = text.find(' ', at) + 1;
  }
  return at - 1;
}

} // namespace

TEST_CASE("sign_text is deterministic and ignores typography", "[similarity]") {
  const std::string text = "The ministry said on Tuesday that talks with Blinken would continue in 2024.";
  CHECK(sign_text(text) == sign_text(text));
  CHECK(estimate_jaccard(sign_text(text), sign_text(text)) == 1.0);
  CHECK(sign_text(text).bins ==
        sign_text("THE MINISTRY  said on Tuesday, that talks with Blinken — would continue in 2024!").bins);
  SECTION("empty input gives an empty signature that matches nothing") {
    const Signature empty = sign_text("  — ... ");
    CHECK(empty.empty());
    CHECK(estimate_jaccard(empty, empty) == 0.0);
  }
  SECTION("a two-word text still has a signature") {
    CHECK_FALSE(sign_text("Hello world").empty());
    CHECK(estimate_jaccard(sign_text("Hello world"), sign_text("hello WORLD")) == 1.0);
  }
}

TEST_CASE("estimate_jaccard tracks the shingle overlap", "[similarity]") {
  const std::string a = random_words(800, 1);
  SECTION("unrelated texts") {
    CHECK(estimate_jaccard(sign_text(a), sign_text(random_words(800, 2))) < 0.05);
  }
  SECTION("half of the text shared") {
    // Shingle sets of 400 shared words and 400 own words each: Jaccard ~ 400 / 1200 = 0.33.
    const std::string shared = random_words(400, 3);
    const double estimate =
        estimate_jaccard(sign_text(shared + random_words(400, 4)), sign_text(shared + random_words(400, 5)));
    CHECK(estimate > 0.2);
    CHECK(estimate < 0.47);
  }
  SECTION("one changed word barely moves it") {
    std::string edited = a;
    edited.replace(0, edited.find(' '), "changed");
    CHECK(estimate_jaccard(sign_text(a), sign_text(edited)) > 0.9);
  }
}

TEST_CASE("signatures round-trip through bytes within 1 KB", "[similarity]") {
  const Signature signature = sign_text(random_words(500, 7) + " Kyiv 2024 Blinken Washington 15,000 Zelensky");
  const std::string bytes = signature.to_bytes();
  CHECK(bytes.size() <= 1024);
  CHECK(bytes.size() <= Signature::k_max_bytes);
  CHECK_FALSE(signature.anchors.empty());
  const auto back = Signature::from_bytes(bytes);
  REQUIRE(back.has_value());
  CHECK(*back == signature);

  SECTION("damaged bytes are errors, never signatures") {
    CHECK(Signature::from_bytes("").error().failure == SimilarityFailure::truncated);
    CHECK(Signature::from_bytes("XX" + bytes.substr(2)).error().failure == SimilarityFailure::bad_magic);
    std::string other_version = bytes;
    other_version[2] = 9;
    CHECK(Signature::from_bytes(other_version).error().failure == SimilarityFailure::unsupported_version);
    CHECK(Signature::from_bytes(bytes.substr(0, bytes.size() - 1)).error().failure == SimilarityFailure::corrupt);
    CHECK(Signature::from_bytes(bytes + "x").error().failure == SimilarityFailure::corrupt);
    CHECK_FALSE(describe(Signature::from_bytes("XXXXXXXX").error()).empty());
  }
}

TEST_CASE("name_skeleton brings a name's spellings across scripts together", "[similarity]") {
  CHECK(name_skeleton("Blinken") == name_skeleton("Блінкена"));
  CHECK(name_skeleton("Johnson") == name_skeleton("Джонсон"));
  CHECK(name_skeleton("Trump") == name_skeleton("Трамп"));
  CHECK(name_skeleton("Zelensky") == name_skeleton("Зеленський"));
  CHECK(name_skeleton("Washington") == name_skeleton("Вашингтон"));
  CHECK(name_skeleton("Harvard") == name_skeleton("Гарвард"));
  CHECK(name_skeleton("Merkel") == name_skeleton("Меркель"));
  CHECK(name_skeleton("Blinken") != name_skeleton("Johnson"));
  SECTION("too short to be evidence") {
    CHECK(name_skeleton("May").empty());
    CHECK(name_skeleton("The").empty());
    CHECK(name_skeleton("北京").empty());
  }
}

TEST_CASE("the lead sketch keeps a copy of the first paragraph near its original", "[similarity]") {
  // 600 words: the lead is the first Signature::k_lead_tokens (64) of them.
  const std::string original = random_words(600, 21);
  const Signature whole = sign_text(original);
  const auto share = [&](const Signature& copy) {
    std::size_t equal = 0;
    for (std::size_t i = 0; i < Signature::k_lead_bins; ++i) {
      equal += copy.lead[i] == whole.lead[i] ? 1U : 0U;
    }
    return equal;
  };
  SECTION("a copy of the first 100 words has the original's lead exactly, though a low Jaccard") {
    const Signature copy = sign_text(original.substr(0, nth_space(original, 100)));
    CHECK(share(copy) == Signature::k_lead_bins);
    CHECK(estimate_jaccard(copy, whole) < 0.3);
  }
  SECTION("a copy of the first 40 words shares a good part of the lead") {
    const Signature copy = sign_text(original.substr(0, nth_space(original, 40)));
    CHECK(share(copy) >= 2);
  }
  SECTION("an unrelated text shares no lead bin") {
    CHECK(share(sign_text(random_words(600, 22))) == 0);
  }
  SECTION("an empty text has an all-zero lead") {
    const Signature empty = sign_text("");
    CHECK(std::all_of(empty.lead.begin(), empty.lead.end(), [](std::uint32_t bin) { return bin == 0; }));
  }
}

TEST_CASE("signature bytes of format version 1 (no lead) are rejected", "[similarity]") {
  // The pipeline signs originals again from their stored text when from_bytes() fails.
  std::string bytes = sign_text(random_words(100, 5)).to_bytes();
  bytes[2] = 1;
  const auto parsed = Signature::from_bytes(bytes);
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().failure == SimilarityFailure::unsupported_version);
}
