// tests/unit/text/charset_test.cpp: decode_to_utf8 and its order of evidence.
//
// Each case names the evidence that must win and checks both the text and the reported source.

#include "text/charset.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "cp1251.hpp"

using syndcheck::test::to_cp1251;
using syndcheck::text::CharsetSource;
using syndcheck::text::decode_to_utf8;
using syndcheck::text::decode_to_utf8_owned;
using syndcheck::text::TextFailure;

namespace {

const std::string k_russian_paragraph =
    "Министерство иностранных дел сообщило, что переговоры продолжатся на следующей неделе. "
    "По словам официального представителя ведомства, стороны обсудили вопросы безопасности, "
    "торговли и гуманитарной помощи. Эксперты считают, что соглашение может быть подписано "
    "до конца года, если удастся согласовать все спорные пункты. Журналисты задали вопросы о "
    "сроках и составе делегаций, однако подробности пока не раскрываются.";

} // namespace

TEST_CASE("charset from the HTTP header decodes windows-1251", "[text]") {
  const std::string bytes = to_cp1251("Привіт, світе! Це Укрінформ.");
  const auto decoded = decode_to_utf8(bytes, "text/html; charset=windows-1251", true);
  REQUIRE(decoded.has_value());
  CHECK(decoded->utf8 == "Привіт, світе! Це Укрінформ.");
  CHECK(decoded->charset == "windows-1251");
  CHECK(decoded->source == CharsetSource::http_header);

  SECTION("the label is case-insensitive and may be quoted") {
    const auto quoted = decode_to_utf8(bytes, "text/html;CHARSET=\"Windows-1251\"", false);
    REQUIRE(quoted.has_value());
    CHECK(quoted->utf8 == "Привіт, світе! Це Укрінформ.");
  }
}

TEST_CASE("charset_from_content_type reads the charset parameter", "[text]") {
  using syndcheck::text::charset_from_content_type;
  CHECK(charset_from_content_type("text/html; charset=windows-1251") == "windows-1251");
  CHECK(charset_from_content_type("text/html;charset=\"utf-8\"; foo=bar") == "utf-8");
  CHECK(charset_from_content_type("text/html; foo=bar; Charset = koi8-r ") == "koi8-r");
  CHECK(charset_from_content_type("text/html").empty());
  CHECK(charset_from_content_type("").empty());
}

TEST_CASE("a byte order mark picks the charset and is stripped", "[text]") {
  SECTION("UTF-8") {
    const auto decoded = decode_to_utf8("\xEF\xBB\xBFП'ять", "", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "П'ять");
    CHECK(decoded->source == CharsetSource::bom);
  }
  SECTION("UTF-16LE") {
    const std::string bytes("\xFF\xFEH\0i\0 \0\x1F\x04", 10); // "Hi П"
    const auto decoded = decode_to_utf8(bytes, "", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "Hi П");
    CHECK(decoded->source == CharsetSource::bom);
  }
  SECTION("UTF-16BE") {
    const std::string bytes("\xFE\xFF\0H\0i", 6);
    const auto decoded = decode_to_utf8(bytes, "", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "Hi");
  }
  SECTION("a header saying plain UTF-16 takes the byte order from the BOM") {
    const std::string bytes("\xFF\xFEH\0i\0", 6);
    const auto decoded = decode_to_utf8(bytes, "text/plain; charset=utf-16", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "Hi");
  }
  SECTION("a UTF-8 BOM is stripped when the header also says UTF-8") {
    const auto decoded = decode_to_utf8("\xEF\xBB\xBFtext", "text/plain; charset=utf-8", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "text");
    CHECK(decoded->source == CharsetSource::http_header);
  }
}

TEST_CASE("a <meta> declaration in the first bytes picks the charset", "[text]") {
  const std::string body = to_cp1251("<p>Київ — столиця України</p>");
  SECTION("meta charset") {
    const std::string html = "<html><head><meta charset=\"windows-1251\"><title>t</title></head><body>" + body;
    const auto decoded = decode_to_utf8(html, "text/html", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::meta);
    CHECK(decoded->charset == "windows-1251");
    CHECK(decoded->utf8.find("Київ — столиця України") != std::string::npos);
  }
  SECTION("meta http-equiv with attributes in any order and case") {
    const std::string html = "<HTML><HEAD><!-- <meta charset=utf-8> --><META CONTENT='text/html; charset=windows-1251' "
                             "HTTP-EQUIV=\"Content-Type\"></HEAD><BODY>" +
                             body;
    const auto decoded = decode_to_utf8(html, "", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::meta);
    CHECK(decoded->utf8.find("Київ — столиця України") != std::string::npos);
  }
  SECTION("the meta is ignored when the input is not HTML") {
    const std::string html = "<meta charset=\"koi8-r\">" + to_cp1251(k_russian_paragraph);
    const auto decoded = decode_to_utf8(html, "", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source != CharsetSource::meta);
  }
  SECTION("an unknown label in the header falls through to the meta") {
    const std::string html = "<meta charset=\"windows-1251\">" + body;
    const auto decoded = decode_to_utf8(html, "text/html; charset=x-no-such-charset", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::meta);
    CHECK(decoded->utf8.find("Київ") != std::string::npos);
  }
  SECTION("an unknown label in the meta falls through to the detector or UTF-8") {
    const std::string html = "<meta charset=\"bogus-42\"><p>plain ascii</p>";
    const auto decoded = decode_to_utf8(html, "", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::assumed_utf8);
    CHECK(decoded->utf8 == html);
  }
}

TEST_CASE("the detector recognises unlabelled windows-1251 text", "[text]") {
  const auto decoded = decode_to_utf8(to_cp1251(k_russian_paragraph), "", false);
  REQUIRE(decoded.has_value());
  CHECK(decoded->source == CharsetSource::detector);
  CHECK(decoded->charset == "windows-1251");
  CHECK(decoded->utf8 == k_russian_paragraph);
}

// Regression: fixtures/extract/enc-ru-wrong-meta-utf8-bytes-windows-1251 decoded to U+FFFD
// because a stale <meta charset=utf-8> was trusted over the bytes.
TEST_CASE("a <meta> utf-8 that the bytes contradict falls back to detection", "[text]") {
  SECTION("a windows-1251 page under <meta charset=utf-8>") {
    const std::string page =
        "<html><head><meta charset=\"utf-8\"></head><body><p>" + to_cp1251(k_russian_paragraph) + "</p></body></html>";
    const auto decoded = decode_to_utf8(page, "", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::detector);
    CHECK(decoded->charset == "windows-1251");
    CHECK(decoded->utf8.find(k_russian_paragraph) != std::string::npos);
  }
  SECTION("a UTF-8 page with two broken bytes stays UTF-8") {
    const std::string page =
        "<html><head><meta charset=\"utf-8\"></head><body><p>Привіт \xFF\xFE світ</p></body></html>";
    const auto decoded = decode_to_utf8(page, "", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::meta);
    CHECK(decoded->utf8.find("Привіт \uFFFD\uFFFD світ") != std::string::npos);
  }
}

TEST_CASE("latin1 and us-ascii labels decode as windows-1252, like browsers", "[text]") {
  const std::string bytes = "\x93quoted\x94 \x96 caf\xE9";
  for (const char* label : {"iso-8859-1", "latin1", "US-ASCII"}) {
    const auto decoded = decode_to_utf8(bytes, std::string("text/html; charset=") + label, false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "“quoted” – café");
    CHECK(decoded->charset == "windows-1252");
  }
}

TEST_CASE("unlabelled input falls back to UTF-8", "[text]") {
  SECTION("ASCII") {
    const auto decoded = decode_to_utf8("just ascii", "", true);
    REQUIRE(decoded.has_value());
    CHECK(decoded->source == CharsetSource::assumed_utf8);
    CHECK(decoded->charset == "UTF-8");
  }
  SECTION("valid UTF-8 Cyrillic") {
    const auto decoded = decode_to_utf8(k_russian_paragraph, "", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == k_russian_paragraph);
    CHECK(decoded->charset == "UTF-8");
  }
  SECTION("invalid sequences become U+FFFD") {
    const auto decoded = decode_to_utf8("ab\xFF\xFE"
                                        "cd",
                                        "text/plain; charset=utf-8", false);
    REQUIRE(decoded.has_value());
    CHECK(decoded->utf8 == "ab\xEF\xBF\xBD\xEF\xBF\xBD"
                           "cd");
  }
}

TEST_CASE("binary content is refused", "[text]") {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  for (int i = 0; i < 64; ++i) {
    png += std::string("\0\0\0\x0DIHDR\0\0\x01\0", 13);
  }
  const auto decoded = decode_to_utf8(png, "text/html", true);
  REQUIRE_FALSE(decoded.has_value());
  CHECK(decoded.error().failure == TextFailure::binary_content);
  CHECK_FALSE(syndcheck::text::describe(decoded.error()).empty());

  SECTION("UTF-16 text without a BOM is not binary") {
    std::string utf16;
    for (const char c : std::string("Plain English text in UTF-16 little endian, no BOM.")) {
      utf16.push_back(c);
      utf16.push_back('\0');
    }
    const auto text = decode_to_utf8(utf16, "text/plain; charset=utf-16le", false);
    REQUIRE(text.has_value());
    CHECK(text->utf8 == "Plain English text in UTF-16 little endian, no BOM.");
  }
}

TEST_CASE("decode_to_utf8_owned gives what decode_to_utf8 gives", "[text]") {
  // It moves well-formed UTF-8 instead of converting it, so it must agree with ICU's converter
  // on every input, ill-formed ones included.
  const std::string cases[] = {
      "plain ASCII",
      "\xEF\xBB\xBF\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 with a BOM",
      "emoji \xF0\x9F\x93\xB0 and NBSP \xC2\xA0.",
      "an overlong \xC0\xAF, a surrogate \xED\xA0\x80, a cut \xE2\x82 and past U+10FFFF \xF4\x90\x80\x80",
      to_cp1251(k_russian_paragraph),
  };
  for (const std::string& bytes : cases) {
    for (const char* type : {"text/html; charset=utf-8", "text/html", "text/plain; charset=windows-1251"}) {
      const auto viewed = decode_to_utf8(bytes, type, true);
      const auto owned = decode_to_utf8_owned(std::string(bytes), type, true);
      REQUIRE(viewed.has_value() == owned.has_value());
      if (viewed) {
        CHECK(owned->utf8 == viewed->utf8);
        CHECK(owned->charset == viewed->charset);
        CHECK(owned->source == viewed->source);
      }
    }
  }
}
