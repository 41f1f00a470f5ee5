// tests/unit/text/language_test.cpp: detect_language on paragraphs of the languages we serve.
//
// The hint may settle an unreliable answer but never overrides a reliable one.

#include "text/language.hpp"

#include <catch2/catch.hpp>

#include <string>

using syndcheck::text::detect_language;

namespace {

const std::string k_english =
    "The foreign ministry said on Tuesday that talks would continue next week. According to an official "
    "spokesperson, the parties discussed security, trade and humanitarian aid. Experts believe the agreement "
    "could be signed before the end of the year if all the disputed points are settled.";
const std::string k_ukrainian =
    "Міністерство закордонних справ повідомило у вівторок, що переговори продовжаться наступного тижня. "
    "За словами офіційного представника відомства, сторони обговорили питання безпеки, торгівлі та "
    "гуманітарної допомоги. Експерти вважають, що угоду можуть підписати до кінця року.";
const std::string k_russian =
    "Министерство иностранных дел сообщило во вторник, что переговоры продолжатся на следующей неделе. "
    "По словам официального представителя ведомства, стороны обсудили вопросы безопасности, торговли и "
    "гуманитарной помощи. Эксперты считают, что соглашение может быть подписано до конца года.";
const std::string k_german =
    "Das Außenministerium teilte am Dienstag mit, dass die Gespräche in der kommenden Woche fortgesetzt "
    "werden. Nach Angaben eines Sprechers erörterten die Parteien Fragen der Sicherheit, des Handels und "
    "der humanitären Hilfe. Experten gehen davon aus, dass das Abkommen noch vor Jahresende unterzeichnet wird.";

} // namespace

TEST_CASE("detect_language identifies en, uk, ru and de paragraphs", "[text]") {
  CHECK(detect_language(k_english) == "en");
  CHECK(detect_language(k_ukrainian) == "uk");
  CHECK(detect_language(k_russian) == "ru");
  CHECK(detect_language(k_german) == "de");
}

TEST_CASE("detect_language treats the hint as a tie-breaker only", "[text]") {
  SECTION("a wrong hint does not override clear text") {
    CHECK(detect_language(k_ukrainian, "ru") == "uk");
    CHECK(detect_language(k_english, "de-DE") == "en");
  }
  SECTION("the hint settles a phrase too short to be reliable") {
    CHECK(detect_language("Добрий день, друзі").empty());
    CHECK(detect_language("Добрий день, друзі", "uk-UA") == "uk");
    CHECK(detect_language("Добрий день, друзі", "en").empty());
  }
  SECTION("no text, no language") {
    CHECK(detect_language("").empty());
    CHECK(detect_language("1234 5678 !!!").empty());
  }
}

TEST_CASE("detect_language reads at most a bounded prefix", "[text]") {
  // 70 KiB of Ukrainian, then four times as much English: only a capped reader still says "uk".
  std::string text;
  while (text.size() < 70 * 1024) {
    text += k_ukrainian + " ";
  }
  while (text.size() < 350 * 1024) {
    text += k_english + " ";
  }
  CHECK(detect_language(text) == "uk");
}
