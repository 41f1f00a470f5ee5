// tests/unit/text/hashed_tokens_test.cpp: hashed_tokens() and latin_letters().
//
// Tokens are compared by hash with each other, never with fixed values: the hash function may
// change, what must hold is which spellings hash alike and which do not.

#include "text/hashed_tokens.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using syndcheck::text::hashed_tokens;
using syndcheck::text::HashedToken;
using syndcheck::text::latin_letters;
using syndcheck::text::TokenKind;

namespace {

std::vector<HashedToken> tokens(std::string_view text, std::size_t cap = 1000) {
  std::vector<HashedToken> out;
  hashed_tokens(text, cap, out);
  return out;
}

std::uint64_t only_hash(std::string_view text) {
  const auto list = tokens(text);
  REQUIRE(list.size() == 1);
  return list[0].hash;
}

} // namespace

TEST_CASE("hashed_tokens hashes typographic and script variants alike", "[text]") {
  SECTION("case") {
    CHECK(only_hash("Київ") == only_hash("КИЇВ"));
    CHECK(only_hash("Reuters") == only_hash("reuters"));
  }
  SECTION("apostrophes") {
    const auto plain = only_hash("п'ять");
    CHECK(only_hash("п’ять") == plain);
    CHECK(only_hash("пʼять") == plain);
    CHECK(only_hash("п`ять") == plain);
  }
  SECTION("ё/е, ґ/г and Latin look-alikes") {
    CHECK(only_hash("ёлка") == only_hash("елка"));
    CHECK(only_hash("ґанок") == only_hash("ганок"));
    CHECK(only_hash("Kиїв") == only_hash("Київ"));
    CHECK(only_hash("мiсто") == only_hash("місто"));
  }
  SECTION("accents on Latin and Greek, soft hyphens, Arabic marks") {
    CHECK(only_hash("Zürich") == only_hash("Zurich"));
    CHECK(only_hash("Αθήνα") == only_hash("ΑΘΗΝΑ"));
    CHECK(only_hash("news\u00ADpaper") == only_hash("newspaper"));
    CHECK(only_hash("كَتَبَ") == only_hash("كتب"));
  }
  SECTION("numbers with any grouping and any digits") {
    const auto plain = only_hash("1000");
    CHECK(only_hash("1,000") == plain);
    CHECK(only_hash("1.000") == plain);
    CHECK(only_hash("1 000") == plain);
    CHECK(only_hash("1\u00A0000") == plain);
    CHECK(only_hash("١٠٠٠") == plain);
  }
  SECTION("different words differ") {
    CHECK(only_hash("Київ") != only_hash("Киев"));
    CHECK(only_hash("її") != only_hash("ii"));
    CHECK(only_hash("1000") != only_hash("100"));
  }
}

TEST_CASE("hashed_tokens reports kinds, capitals and byte offsets", "[text]") {
  const std::string text = "У 2024 році Блінкен сказав: «Так».";
  const auto list = tokens(text);
  REQUIRE(list.size() == 6);
  CHECK(list[1].kind == TokenKind::number);
  CHECK(text.substr(list[1].begin, list[1].end - list[1].begin) == "2024");
  CHECK(list[3].capitalised);
  CHECK_FALSE(list[4].capitalised);
  CHECK(text.substr(list[3].begin, list[3].end - list[3].begin) == "Блінкен");
  CHECK(text.substr(list[5].begin, list[5].end - list[5].begin) == "Так");

  SECTION("a space-grouped number stops at a group that is not three digits") {
    CHECK(tokens("in 2019 10 people").size() == 4);
    CHECK(tokens("10 000 people").size() == 2);
  }
  SECTION("ideographs and Thai are one token per character") {
    const auto chinese = tokens("北京召开");
    CHECK(chinese.size() == 4);
    CHECK(chinese[0].kind == TokenKind::character);
    CHECK(tokens("ภาษาไทย").size() == 7);
  }
  SECTION("the cap bounds the output") {
    CHECK(tokens(text, 2).size() == 2);
    CHECK(tokens(text, 0).empty());
  }
  SECTION("invalid UTF-8 is read, not trusted") {
    const std::string broken = "ab\xC3 cd\xE2\x82";
    const auto list_broken = tokens(broken);
    CHECK(list_broken.size() >= 2);
    for (const auto& token : list_broken) {
      CHECK(token.end <= broken.size());
    }
  }
}

TEST_CASE("latin_letters maps Cyrillic, Greek and accented Latin to ASCII", "[text]") {
  CHECK(latin_letters("Блінкена") == "blinkena");
  CHECK(latin_letters("Джонсон") == "dzhonson");
  CHECK(latin_letters("Zürich") == "zurich");
  CHECK(latin_letters("Łódź") == "lodz");
  CHECK(latin_letters("Αθήνα") == "athina");
  CHECK(latin_letters("п’ять") == "pyat");
  CHECK(latin_letters("北京").empty());
  CHECK(latin_letters("abcdefgh", 4).empty());
}
