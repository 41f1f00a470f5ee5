// text/normalise.hpp: the text forms used for matching, with ICU.
//
// fold(): NFKC, case folding, and typographic variants mapped to one form (curly quotes to
// straight, dashes to '-', NBSP and other spaces to ' '). words(): ICU word segmentation, so that
// Ukrainian, Russian, English, German and CJK all segment, with code-point offsets into the input.

#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace syndcheck::text {

std::string fold(std::string_view utf8);

struct Word {
  std::string folded;    // fold() of the word
  std::size_t begin = 0; // code-point offset of the word in the input
  std::size_t end = 0;   // code-point offset one past the word
};

// Words (letters or digits; punctuation and spaces dropped), in order.
std::vector<Word> words(std::string_view utf8);
// The same, stopping after `max_words` words (the cap for callers that bound their work).
std::vector<Word> words(std::string_view utf8, std::size_t max_words);

// Number of code points in valid UTF-8.
std::size_t code_point_count(std::string_view utf8);

// Any script to Latin ASCII ("Укрінформ" -> "ukrinform", "Йонхап" -> "jonhap"), folded.
std::string transliterate_latin(std::string_view utf8);

} // namespace syndcheck::text
