// text/language.cpp: language identification with CLD2.
//
// One rule: CLD2 decides; the page's declared language only settles an unreliable answer (it is in
// CLD2's top three, or CLD2 reads the text as it once boosted), so a wrong <html lang> never
// overrides text CLD2 is sure about.

#include "text/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstdio> // compact_lang_det.h uses FILE without including it

#include <array>
#include <cstddef>

namespace syndcheck::text {
namespace {

// CLD2 reads at most this much: its answer is stable after a few KiB of prose, and the cost is
// linear in the input.
constexpr std::size_t k_max_detect_bytes = 64 * 1024;
// A hinted language must hold at least this share (percent) of the text in CLD2's top three to
// break a tie; below it the language is a stray phrase, not a contender. A judgement call, not
// measured on a corpus; rerun the language tests in unit_text when changing it.
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

struct Detection {
  CLD2::Language best = CLD2::UNKNOWN_LANGUAGE;
  bool reliable = false;
  std::array<CLD2::Language, 3> language3{};
  std::array<int, 3> percent3{};
};

Detection detect(std::string_view sample, const char* content_language_hint) {
  const CLD2::CLDHints hints{content_language_hint, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  Detection out;
  std::array<double, 3> scores3{};
  int text_bytes = 0;
  int valid_prefix_bytes = 0;
  // The CheckUTF8 variant stops at invalid input instead of reading past it.
  out.best = CLD2::ExtDetectLanguageSummaryCheckUTF8(sample.data(), static_cast<int>(sample.size()), true, &hints, 0,
                                                     out.language3.data(), out.percent3.data(), scores3.data(), nullptr,
                                                     &text_bytes, &out.reliable, &valid_prefix_bytes);
  return out;
}

} // namespace

std::string detect_language(std::string_view utf8, std::string_view hint) {
  const std::string_view sample = utf8_prefix(utf8, k_max_detect_bytes);
  if (sample.empty()) {
    return {};
  }
  const Detection plain = detect(sample, nullptr);
  if (plain.reliable && plain.best != CLD2::UNKNOWN_LANGUAGE) {
    const std::string code = iso_code(plain.best);
    return code == "un" ? std::string() : code;
  }
  const std::string wanted = primary_subtag(hint);
  if (wanted.empty() || wanted == "un") {
    return {};
  }
  // Tie-breaker 1: the hint is a real contender in CLD2's own top three.
  for (std::size_t i = 0; i < plain.language3.size(); ++i) {
    if (plain.language3[i] != CLD2::UNKNOWN_LANGUAGE && plain.percent3[i] >= k_min_hint_percent &&
        iso_code(plain.language3[i]) == wanted) {
      return wanted;
    }
  }
  // Tie-breaker 2: with CLD2's own boost for the declared language, the text reads as that
  // language. Only the hint itself can come out of this, so the hint never names another language.
  const Detection hinted = detect(sample, wanted.c_str());
  if (hinted.reliable && hinted.best != CLD2::UNKNOWN_LANGUAGE && iso_code(hinted.best) == wanted) {
    return wanted;
  }
  return {};
}

} // namespace syndcheck::text
