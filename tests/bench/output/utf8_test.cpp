#include "bench/output/utf8.h"

#include <gtest/gtest.h>

namespace bcmhil::output {
namespace {

// Byte vectors from RFC 3629 section 4 (the syntax of well-formed sequences) and the
// Unicode Standard's table 3-7; each ill-formed case names the rule it breaks.
TEST(Utf8, WellFormedSequencesPass) {
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("GEP\xC3\x84" "CKR."));        // U+00C4, two bytes
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));               // U+20AC euro, three bytes
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x94\x8B"));           // U+1F50B battery, four bytes
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));           // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8(""));
}

TEST(Utf8, IllFormedSequencesFail) {
  EXPECT_FALSE(is_valid_utf8("caf\xE9"));                   // Latin-1 e-acute: a lone lead byte
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                  // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));              // overlong, three bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));              // U+D800, a surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));          // U+110000, beyond Unicode
  EXPECT_FALSE(is_valid_utf8("\x80"));                      // a continuation byte alone
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));                  // truncated at the end
  EXPECT_FALSE(is_valid_utf8("\xFF"));                      // never in UTF-8
}

TEST(Utf8, EachBadByteBecomesOneReplacementCharacter) {
  EXPECT_EQ(to_valid_utf8("caf\xE9 ok"), "caf\xEF\xBF\xBD ok");
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  const std::string good = "GEP\xC3\x84" "CKR. \xE2\x82\xAC";
  EXPECT_EQ(to_valid_utf8(good), good);
}

TEST(Utf8, OutputIsAlwaysValid) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8(every_byte)));
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8(every_byte + every_byte.substr(0x80))));
}

}  // namespace
}  // namespace bcmhil::output
