// text/language.cpp: language identification with CLD2.
//
// One rule: CLD2 decides; the page's declared language only settles an unreliable answer when it
// is one of CLD2's own top three, so a wrong <html lang> never overrides the text.

#include "text/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <array>
#include <cstddef>

namespace syndcheck::text {
namespace {

// CLD2 reads at most this much: its answer is stable after a few KiB of prose, and the cost is
// linear in the input.
constexpr std::size_t k_max_detect_bytes = 64 * 1024;
// A hinted language must hold at least this share (percent) of the text in CLD2's top three to
// break a tie; below it the language is a stray phrase, not a contender. Chosen by hand: mixed
// uk/ru paragraphs score 30-60 for each; quotes in another language score under 20.
constexpr int k_min_hint_percent = 20;

// Cuts `text` at most at `limit` bytes, never inside a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end;
  }
  return text.substr(0, end);
}

// CLD2 codes to ISO 639-1: it keeps some retired codes and script suffixes ("zh-Hant").
std::string iso_code(CLD2::Language language) {
  std::string code = CLD2::LanguageCode(language);
  if (const std::size_t dash = code.find('-'); dash != std::string::npos) {
    code.resize(dash);
  }
  if (code == "iw") {
    return "he";
  }
  if (code == "in") {
    return "id";
  }
  if (code == "jw") {
    return "jv";
  }
  return code;
}

// "uk-UA", "UK", "uk_ua" -> "uk".
std::string primary_subtag(std::string_view tag) {
  std::string out;
  for (const char c : tag) {
    if (c == '-' || c == '_' || c == ',' || c == ' ') {
      break;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

} // namespace

std::string detect_language(std::string_view utf8, std::string_view hint) {
  const std::string_view sample = utf8_prefix(utf8, k_max_detect_bytes);
  if (sample.empty()) {
    return {};
  }
  const CLD2::CLDHints no_hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::array<CLD2::Language, 3> language3{};
  std::array<int, 3> percent3{};
  std::array<double, 3> scores3{};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
  // The CheckUTF8 variant stops at invalid input instead of reading past it.
  const CLD2::Language best = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      sample.data(), static_cast<int>(sample.size()), true, &no_hints, 0, language3.data(), percent3.data(),
      scores3.data(), nullptr, &text_bytes, &reliable, &valid_prefix_bytes);

  if (reliable && best != CLD2::UNKNOWN_LANGUAGE) {
    const std::string code = iso_code(best);
    return code == "un" ? std::string() : code;
  }
  const std::string wanted = primary_subtag(hint);
  if (wanted.empty()) {
    return {};
  }
  for (std::size_t i = 0; i < language3.size(); ++i) {
    if (language3[i] != CLD2::UNKNOWN_LANGUAGE && percent3[i] >= k_min_hint_percent &&
        iso_code(language3[i]) == wanted) {
      return wanted;
    }
  }
  return {};
}

} // namespace syndcheck::text
