// tests/unit/similarity/aligner_test.cpp: passage alignment and the relation it implies.
//
// The texts are hand-written news paragraphs; copies are built from them by the edits real
// republishers make (typography, case, a changed word, truncation, quoting inside other text).

#include "similarity/aligner.hpp"

#include <catch2/catch.hpp>

#include "text/normalise.hpp"

#include <array>
#include <string>
#include <vector>

using syndcheck::model::Relation;
using syndcheck::similarity::align;
using syndcheck::similarity::align_text;

namespace {

const std::array<std::string, 8> k_paragraphs = {
    "The foreign ministry said on Tuesday that talks with the neighbouring delegation would continue next week "
    "in Geneva, after two days of negotiations ended without a joint statement on the disputed border crossings.",
    "According to an official spokesperson, the parties discussed security guarantees, grain exports through "
    "the Black Sea ports and the exchange of prisoners, which both sides described as the most urgent issue.",
    "Experts interviewed by our correspondent believe that an agreement could be signed before the end of the "
    "year if the remaining points on customs procedures and the monitoring mission are settled in time.",
    "The opposition criticised the government for what it called a lack of transparency, demanding that the "
    "draft documents be published and debated in parliament before any signature takes place.",
    "Meanwhile, the central bank kept its key interest rate unchanged at thirteen percent, citing slowing "
    "inflation and the need to keep the national currency stable during the uncertain months ahead.",
    "Farmers in the southern regions reported that the harvest was better than expected despite the drought in "
    "July, although storage capacity remains limited because several elevators were damaged last spring.",
    "Local authorities announced a programme to rebuild schools and hospitals, financed partly by international "
    "donors, with the first contracts expected to be awarded to regional construction companies in October.",
    "The next round of talks is scheduled for the second half of November, a diplomatic source told reporters, "
    "adding that the venue could still change depending on the progress made by the technical working groups.",
};

const std::string k_unrelated =
    "A new bakery opened on the corner of Maple Street this weekend, drawing long queues of curious neighbours "
    "who wanted to taste its sourdough loaves and cinnamon rolls. The owner, a former software developer, "
    "explained that she had dreamed about baking professionally since childhood and finally decided to leave "
    "her office job. Visitors praised the friendly atmosphere, the smell of fresh bread and the reasonable "
    "prices, while a few complained that the coffee machine broke down twice during the busy morning hours. "
    "The city council member who attended the opening promised to add more parking spaces nearby, and a "
    "local school choir performed several songs in front of the shop to celebrate the occasion.";

std::string join(std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = first; i < first + count; ++i) {
    if (!out.empty()) {
      out += "\n\n";
    }
    out += k_paragraphs[i];
  }
  return out;
}

const std::string k_original = join(0, 8);

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

// The code points [begin, end) of valid UTF-8 `utf8`, as UTF-8.
std::string cut(const std::string& utf8, std::size_t begin, std::size_t end) {
  std::size_t index = 0;
  std::size_t begin_byte = utf8.size();
  std::size_t end_byte = utf8.size();
  for (std::size_t pos = 0; pos <= utf8.size(); ++pos) {
    if (pos < utf8.size() && (static_cast<unsigned char>(utf8[pos]) & 0xC0U) == 0x80U) {
      continue;
    }
    if (index == begin) {
      begin_byte = pos;
    }
    if (index == end) {
      end_byte = pos;
      break;
    }
    ++index;
  }
  return utf8.substr(begin_byte, end_byte - begin_byte);
}

} // namespace

TEST_CASE("identical texts are verbatim with full coverage", "[similarity]") {
  const auto result = align_text(k_original, k_original);
  CHECK(result.relation == Relation::verbatim);
  CHECK(result.coverage == Approx(1.0));
  CHECK(result.containment == Approx(1.0));
  REQUIRE(result.passages.size() == 1);
  CHECK(result.passages[0].copy.begin == 0);
  CHECK(result.passages[0].original.begin == 0);
  CHECK(cut(k_original, result.passages[0].copy.begin, result.passages[0].copy.end) ==
        k_original.substr(0, k_original.size() - 1)); // all but the final full stop
}

TEST_CASE("light typographic and case edits keep a copy verbatim", "[similarity]") {
  std::string copy = k_original;
  copy = replace_all(copy, "The ", "THE ");
  copy = replace_all(copy, ", ", ",\u00A0");
  copy = replace_all(copy, " and ", "  and  ");
  copy = replace_all(copy, "thirteen percent", "thirteen\u202Fpercent");
  copy = replace_all(copy, "neighbouring delegation", "neighbouring\u2014delegation");
  copy = replace_all(copy, "Black Sea", "“Black Sea”");
  copy = replace_all(copy, "\n\n", "\n \n");
  REQUIRE(copy != k_original);

  const auto result = align_text(k_original, copy);
  CHECK(result.relation == Relation::verbatim);
  CHECK(result.coverage >= 0.95);
  CHECK(result.passages.size() == 1);
}

TEST_CASE("one changed word does not break a passage", "[similarity]") {
  const std::string copy = replace_all(k_paragraphs[1], "security guarantees", "security assurances");
  REQUIRE(copy != k_paragraphs[1]);
  const auto result = align_text(k_paragraphs[1], copy);
  REQUIRE(result.passages.size() == 1);
  CHECK(result.relation == Relation::verbatim);
  // Every word but the changed one is aligned.
  CHECK(result.passages[0].words + 1 == syndcheck::text::words(k_paragraphs[1]).size());

  SECTION("a word changed near the end keeps the words after it") {
    const std::string late = replace_all(k_paragraphs[1], "most urgent", "most pressing");
    const auto late_result = align_text(k_paragraphs[1], late);
    REQUIRE(late_result.passages.size() == 1);
    CHECK(late_result.passages[0].words + 1 == syndcheck::text::words(k_paragraphs[1]).size());
  }
  SECTION("an inserted and a deleted word") {
    std::string edited = replace_all(k_paragraphs[2], "could be signed", "could possibly be signed");
    edited = replace_all(edited, "in time", "time");
    const auto edited_result = align_text(k_paragraphs[2], edited);
    REQUIRE(edited_result.passages.size() == 1);
    CHECK(edited_result.passages[0].words + 1 == syndcheck::text::words(k_paragraphs[2]).size());
  }
}

TEST_CASE("the first paragraphs of a long article are a partial copy", "[similarity]") {
  const auto result = align_text(k_original, join(0, 3));
  CHECK(result.relation == Relation::partial);
  CHECK(result.coverage == Approx(3.0 / 8.0).margin(0.05));
  CHECK(result.containment == Approx(1.0));
  CHECK(result.passages.size() == 1);
}

TEST_CASE("one paragraph quoted inside a long unrelated text is an excerpt", "[similarity]") {
  const std::string copy = k_unrelated + "\n\n" + k_paragraphs[4] + "\n\n" + k_unrelated;
  const auto result = align_text(k_original, copy);
  CHECK(result.relation == Relation::excerpt);
  CHECK(result.coverage < 0.3);
  CHECK(result.containment < 0.5);
  REQUIRE(result.passages.size() == 1);
  CHECK(cut(copy, result.passages[0].copy.begin, result.passages[0].copy.end) ==
        k_paragraphs[4].substr(0, k_paragraphs[4].size() - 1));
}

TEST_CASE("a short shared quote is not a match", "[similarity]") {
  const std::string quote = "the parties discussed security guarantees, grain exports through the Black Sea ports";
  const std::string copy = k_unrelated + " As one diplomat put it, " + quote + ". " + k_unrelated;
  const auto result = align_text(k_original, copy);
  CHECK(result.relation == Relation::none);
  CHECK(result.passages.empty());

  SECTION("unrelated texts share nothing") {
    const auto unrelated = align_text(k_original, k_unrelated);
    CHECK(unrelated.relation == Relation::none);
    CHECK(unrelated.coverage == Approx(0.0));
  }
  SECTION("empty input") {
    CHECK(align_text("", k_original).relation == Relation::none);
    CHECK(align_text(k_original, "").relation == Relation::none);
  }
}

TEST_CASE("a self-repeating input aligns with itself despite the work caps", "[similarity]") {
  std::string repetitive;
  for (int i = 0; i < 3000; ++i) {
    repetitive += "the same words again ";
  }
  const auto repeated = align_text(repetitive, repetitive);
  CHECK(repeated.relation == Relation::verbatim);
  CHECK(repeated.coverage == Approx(1.0));
}

TEST_CASE("a very short original copied whole still matches", "[similarity]") {
  const std::string brief = "Parliament approved the budget for next year by a narrow majority on Friday evening.";
  const auto result = align_text(brief, k_unrelated + "\n\n" + brief);
  CHECK(result.relation != Relation::none);
  CHECK(result.coverage == Approx(1.0));
}

TEST_CASE("Cyrillic text aligns through apostrophe and quote variants", "[similarity]") {
  const std::string original =
      "Міністерство закордонних справ повідомило у вівторок, що переговори продовжаться наступного тижня "
      "у Женеві. За словами речника, сторони обговорили гарантії безпеки, експорт зерна та обмін "
      "полоненими. П'ять експертів, опитаних «Укрінформом», вважають, що угоду можуть підписати до кінця "
      "року, якщо вдасться узгодити митні процедури та мандат моніторингової місії.";
  std::string copy = replace_all(original, "П'ять", "ПʼЯТЬ");
  copy = replace_all(copy, "«Укрінформом»", "\"Укрінформом\"");
  copy = "Як повідомляє агентство, " + copy;
  const auto result = align_text(original, copy);
  CHECK(result.relation == Relation::verbatim);
  CHECK(result.coverage == Approx(1.0));
  REQUIRE(result.passages.size() == 1);
  CHECK(cut(copy, result.passages[0].copy.begin, result.passages[0].copy.end).starts_with("Міністерство"));
}

TEST_CASE("passage spans are code-point offsets into each body", "[similarity]") {
  const std::string copy = "Редакція: передрук. “Note” — " + k_paragraphs[5] + "\n\nСлава. " + k_paragraphs[2];
  const auto result = align_text(k_original, copy);
  REQUIRE(result.passages.size() == 2);
  // Sorted by copy offset, whatever the order in the original.
  CHECK(result.passages[0].copy.begin < result.passages[1].copy.begin);
  CHECK(result.passages[0].original.begin > result.passages[1].original.begin);

  const std::string first = cut(copy, result.passages[0].copy.begin, result.passages[0].copy.end);
  CHECK(first.starts_with("Farmers in the southern regions"));
  CHECK(first.ends_with("damaged last spring"));
  const std::string second = cut(copy, result.passages[1].copy.begin, result.passages[1].copy.end);
  CHECK(second.starts_with("Experts interviewed"));
  CHECK(cut(k_original, result.passages[1].original.begin, result.passages[1].original.end) == second);
}

TEST_CASE("align compares the body texts of two articles", "[similarity]") {
  using syndcheck::model::Article;
  using syndcheck::model::Block;
  using syndcheck::model::BlockKind;
  Article original;
  Article copy;
  for (std::size_t i = 0; i < k_paragraphs.size(); ++i) {
    original.blocks.push_back(Block{BlockKind::paragraph, k_paragraphs[i], {}, static_cast<int>(i + 1)});
    copy.blocks.push_back(Block{BlockKind::paragraph, k_paragraphs[i], {}, static_cast<int>(i + 1)});
  }
  // A heading in the copy is not body text, so it neither adds words nor breaks the alignment.
  copy.blocks.insert(copy.blocks.begin() + 4, Block{BlockKind::heading, "Economy and farming", {}, 4});
  const auto result = align(original, copy);
  CHECK(result.relation == Relation::verbatim);
  CHECK(result.coverage == Approx(1.0));
  CHECK(result.containment == Approx(1.0));
}
