// tests/unit/text/normalise_test.cpp: fold(), words(), code_point_count(), transliterate_latin().
//
// Offsets are checked against the original string by cutting it at code points, because that is
// how similarity/ and report/ use them.

#include "text/normalise.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cp1251.hpp"

using syndcheck::text::code_point_count;
using syndcheck::text::fold;
using syndcheck::text::transliterate_latin;
using syndcheck::text::Word;
using syndcheck::text::words;

namespace {

// The code points [begin, end) of `utf8`, as UTF-8.
std::string cut(std::string_view utf8, std::size_t begin, std::size_t end) {
  std::string out;
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < utf8.size(); ++index) {
    const std::size_t start = pos;
    syndcheck::test::next_code_point(utf8, pos);
    if (index >= begin && index < end) {
      out.append(utf8.substr(start, pos - start));
    }
  }
  return out;
}

std::vector<std::string> folded(const std::vector<Word>& list) {
  std::vector<std::string> out;
  for (const auto& word : list) {
    out.push_back(word.folded);
  }
  return out;
}

} // namespace

TEST_CASE("fold maps case and typographic variants to one form", "[text]") {
  SECTION("case") {
    CHECK(fold("Hello WORLD") == "hello world");
    CHECK(fold("КИЇВ Київ") == "київ київ");
    CHECK(fold("Straße") == "strasse");
  }
  SECTION("quotes") {
    CHECK(fold("“Quoted” ‘single’ „low“ «guillemets» ‹one›") == "\"quoted\" 'single' \"low\" \"guillemets\" 'one'");
    CHECK(fold("O’Brien п’ять пʼять") == "o'brien п'ять п'ять");
    CHECK(fold("6″ 5′") == "6\" 5'");
  }
  SECTION("dashes") {
    CHECK(fold("a‐b‑c‒d–e—f―g−h") == "a-b-c-d-e-f-g-h");
  }
  SECTION("spaces, invisible characters and the ellipsis") {
    CHECK(fold("a\u00A0b\u202Fc\u2009d\u3000e") == "a b c d e");
    CHECK(fold("soft\u00ADhy\u200Bphen\u200D") == "softhyphen");
    CHECK(fold("wait…") == "wait...");
  }
  SECTION("compatibility forms") {
    CHECK(fold("ﬁle Ｆｕｌｌ") == "file full");
  }
  SECTION("folding is idempotent") {
    const std::string once = fold("«Укрінформ» — O’Brien\u00A0said…");
    CHECK(fold(once) == once);
  }
}

TEST_CASE("words segments mixed Ukrainian and English with offsets into the input", "[text]") {
  const std::string input = "«Укрінформ»\u00A0повідомив: O’Brien сказав п’ять слів — it's 2024.";
  const auto list = words(input);
  CHECK(folded(list) ==
        std::vector<std::string>{"укрінформ", "повідомив", "o'brien", "сказав", "п'ять", "слів", "it's", "2024"});
  REQUIRE(list.size() == 8);
  CHECK(list[0].begin == 1);
  CHECK(list[0].end == 10);
  for (const auto& word : list) {
    CHECK(fold(cut(input, word.begin, word.end)) == word.folded);
  }
  CHECK(cut(input, list[2].begin, list[2].end) == "O’Brien");
  CHECK(cut(input, list[4].begin, list[4].end) == "п’ять");

  SECTION("offsets count code points beyond the BMP as one") {
    const std::string emoji = "a 😀 b𝐀c";
    const auto with_emoji = words(emoji);
    REQUIRE(with_emoji.size() >= 2);
    CHECK(with_emoji[0].folded == "a");
    CHECK(cut(emoji, with_emoji.back().begin, with_emoji.back().end) == "b𝐀c");
    CHECK(with_emoji.back().end == code_point_count(emoji));
  }
  SECTION("the cap stops early") {
    CHECK(words(input, 3).size() == 3);
    CHECK(words(input, 0).empty());
  }
  SECTION("punctuation-only input has no words") {
    CHECK(words(" — «» ... !!").empty());
    CHECK(words("").empty());
  }
}

TEST_CASE("words segments Russian, German and CJK", "[text]") {
  SECTION("Russian") {
    // ё folds to е (see "fold merges the variants Cyrillic sites write either way").
    CHECK(folded(words("Ёлка, ЁЖИК и ёж.")) == std::vector<std::string>{"елка", "ежик", "и", "еж"});
  }
  SECTION("German") {
    CHECK(folded(words("Die Straße über den Fluß.")) ==
          std::vector<std::string>{"die", "strasse", "über", "den", "fluss"});
  }
  SECTION("Chinese gets dictionary segmentation") {
    const std::string chinese = "我们今天在北京召开了新闻发布会。";
    const auto list = words(chinese);
    CHECK(list.size() >= 5);
    std::string joined;
    for (const auto& word : list) {
      joined += cut(chinese, word.begin, word.end);
    }
    CHECK(joined == "我们今天在北京召开了新闻发布会");
  }
  SECTION("Japanese") {
    CHECK(words("東京で会議が開かれました").size() >= 4);
  }
}

TEST_CASE("code_point_count counts code points, not bytes", "[text]") {
  CHECK(code_point_count("") == 0);
  CHECK(code_point_count("abc") == 3);
  CHECK(code_point_count("Київ") == 4);
  CHECK(code_point_count("我们😀") == 3);
}

TEST_CASE("transliterate_latin turns any script into folded ASCII", "[text]") {
  CHECK(transliterate_latin("Укрінформ") == "ukrinform");
  CHECK(transliterate_latin("Йонхап") == "jonhap");
  CHECK(transliterate_latin("Интерфакс-Украина") == "interfaks-ukraina");
  CHECK(transliterate_latin("Café Zürich") == "cafe zurich");
  CHECK(transliterate_latin("“Reuters”") == "\"reuters\"");
}

TEST_CASE("fold merges the variants Cyrillic sites write either way", "[text]") {
  SECTION("ё and е") {
    CHECK(fold("Ёлка ёж ЁЖ") == fold("Елка еж ЕЖ"));
    CHECK(fold("Ёлка") == "елка");
  }
  SECTION("ґ and г") {
    CHECK(fold("Ґанок ґудзик") == "ганок гудзик");
  }
  SECTION("Latin look-alikes inside Cyrillic words become Cyrillic") {
    CHECK(fold("мiсто") == fold("місто"));       // Latin i for і
    CHECK(fold("Kиїв") == "київ");               // Latin K
    CHECK(fold("Украïна") == fold("Україна"));   // Latin ï for ї
    CHECK(fold("Єврoпа") == fold("Європа"));     // Latin o
    CHECK(fold("TOB Укрaїна") == "tob україна"); // a Latin word stays Latin
  }
  SECTION("і, ї and є stay distinct letters") {
    CHECK(fold("її") != fold("ii"));
    CHECK(fold("їх") != fold("іх"));
    CHECK(fold("Євген") == "євген");
  }
  SECTION("NBSP and narrow NBSP are spaces") {
    CHECK(fold("10\u00A0000\u202Fгрн") == "10 000 грн");
  }
}

TEST_CASE("words keeps every Ukrainian apostrophe inside the word", "[text]") {
  for (const std::string apostrophe : {"\u02BC", "\u2019", "'", "`", "\u2018"}) {
    const std::string input = "п" + apostrophe + "ять м" + apostrophe + "ясо";
    CAPTURE(input);
    const auto list = words(input);
    CHECK(folded(list) == std::vector<std::string>{"п'ять", "м'ясо"});
    REQUIRE(list.size() == 2);
    CHECK(list[0].begin == 0);
    CHECK(list[0].end == 5);
    CHECK(list[1].begin == 6);
  }
  SECTION("a closing quote after a word is not part of it") {
    CHECK(folded(words("‘Київ’ — так")) == std::vector<std::string>{"київ", "так"});
  }
}

TEST_CASE("words and fold handle Greek, Arabic and Thai", "[text]") {
  SECTION("Greek: accents and final sigma fold away") {
    CHECK(folded(words("Η Αθήνα είναι η πρωτεύουσα.")) ==
          std::vector<std::string>{"η", "αθηνα", "ειναι", "η", "πρωτευουσα"});
    CHECK(fold("ΑΘΗΝΑ") == fold("Αθήνα"));
    CHECK(fold("ΟΔΟΣ") == fold("οδός"));
  }
  SECTION("Arabic: hamza forms of alef, tatweel and short vowels fold away") {
    CHECK(words("ذهب الولد إلى المدرسة").size() == 4);
    CHECK(fold("أحمد") == fold("احمد"));
    CHECK(fold("كـتـاب") == fold("كتاب"));
    CHECK(fold("كَتَبَ") == fold("كتب"));
  }
  SECTION("Thai gets dictionary segmentation") {
    const std::string thai = "ภาษาไทยง่ายนิดเดียว";
    const auto list = words(thai);
    CHECK(list.size() >= 3);
    std::string joined;
    for (const auto& word : list) {
      joined += cut(thai, word.begin, word.end);
    }
    CHECK(joined == thai);
  }
}
