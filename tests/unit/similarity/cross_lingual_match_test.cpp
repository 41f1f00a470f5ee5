// tests/unit/similarity/cross_lingual_match_test.cpp: translation detection and paragraph pairs.
//
// The Ukrainian and German texts are translations of the English one, paragraph by paragraph.

#include "similarity/cross_lingual_match.hpp"

#include <catch2/catch.hpp>

#include <string>

using syndcheck::similarity::match_translation;

namespace {

const std::string k_english =
    "Secretary of State Antony Blinken arrived in Kyiv on 14 March 2024 for talks with President Zelensky.\n\n"
    "Blinken announced $2,500 million in military aid, including 31 Abrams tanks from Washington.\n\n"
    "NATO ministers will meet in Brussels on 3 April, Stoltenberg said.\n\n"
    "The European Commission proposed 50 billion euros for Ukraine until 2027.";
const std::string k_ukrainian =
    "Держсекретар Ентоні Блінкен прибув до Києва 14 березня 2024 року на переговори з президентом Зеленським.\n\n"
    "Блінкен оголосив про військову допомогу на 2 500 мільйонів доларів, зокрема 31 танк Abrams від Вашингтона.\n\n"
    "Міністри НАТО зустрінуться в Брюсселі 3 квітня, заявив Столтенберг.\n\n"
    "Європейська комісія запропонувала 50 мільярдів євро для України до 2027 року.";
const std::string k_german =
    "Außenminister Antony Blinken ist am 14. März 2024 zu Gesprächen mit Präsident Selenskyj in Kyjiw eingetroffen.\n\n"
    "Blinken kündigte Militärhilfe von 2.500 Millionen Dollar an, darunter 31 Abrams-Panzer aus Washington.\n\n"
    "Die NATO-Minister treffen sich am 3. April in Brüssel, sagte Stoltenberg.\n\n"
    "Die Europäische Kommission schlug 50 Milliarden Euro für die Ukraine bis 2027 vor.";
const std::string k_unrelated =
    "Прем'єр-міністр Шмигаль заявив у Львові 2 травня 2023 року, що уряд виділить 800 мільйонів гривень.\n\n"
    "Мер Садовий подякував Кабміну за підтримку програми відновлення шкіл.";

} // namespace

TEST_CASE("match_translation recognises a translated copy and pairs its paragraphs", "[similarity]") {
  SECTION("English to Ukrainian") {
    const auto match = match_translation(k_english, k_ukrainian);
    CHECK(match.translation);
    CHECK(match.confidence >= 0.5);
    CHECK(match.shared_anchors >= 6);
    CHECK(match.paragraph_pairs == std::vector<std::pair<int, int>>{{0, 0}, {1, 1}, {2, 2}, {3, 3}});
  }
  SECTION("English to German") {
    const auto match = match_translation(k_english, k_german);
    CHECK(match.translation);
    REQUIRE(match.paragraph_pairs.size() >= 3);
    CHECK(match.paragraph_pairs.front() == std::pair<int, int>{0, 0});
  }
  SECTION("a copy that translates only the first two paragraphs pairs only those") {
    const std::string first_two = k_ukrainian.substr(0, k_ukrainian.find("\n\nМіністри"));
    const auto match = match_translation(k_english, first_two);
    CHECK(match.paragraph_pairs == std::vector<std::pair<int, int>>{{0, 0}, {1, 1}});
  }
}

// Another story on the same visit: the same people and places, other paragraphs, other numbers.
// The previous confidence (share of shared anchors in the whole texts) called such pairs
// translations 11-24% of the time on ntrex; see CrossLingualOptions::translation_confidence.
const std::string k_same_story_other_article =
    "Зеленський провів у Києві зустріч із Блінкеном, під час якої обговорили ППО та енергетику.\n\n"
    "Президент подякував Вашингтону за підтримку, а також розповів про ситуацію на фронті, де за добу "
    "відбулося 87 боєзіткнень.\n\n"
    "Окремо сторони говорили про саміт НАТО у Вашингтоні та про засідання Рамштайн 19 квітня.\n\n"
    "Як повідомляв Укрінформ, Блінкен востаннє відвідував Україну у вересні 2023 року, коли оголосив "
    "про допомогу на 1 мільярд доларів.";

TEST_CASE("match_translation rejects another article on the same story", "[similarity]") {
  const auto match = match_translation(k_english, k_same_story_other_article);
  CHECK(match.shared_anchors >= 4); // enough shared names to be a candidate at all
  CHECK_FALSE(match.translation);
}

TEST_CASE("match_translation rejects unrelated texts", "[similarity]") {
  const auto match = match_translation(k_english, k_unrelated);
  CHECK_FALSE(match.translation);
  CHECK(match.confidence < 0.5);
  CHECK_FALSE(match_translation(k_english, "").translation);
  CHECK_FALSE(match_translation("", "").translation);
}
