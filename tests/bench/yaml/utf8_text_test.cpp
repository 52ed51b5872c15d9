// UTF-8 byte vectors from RFC 3629 (section 4 syntax: no overlongs, no surrogates, up to U+10FFFF).
#include "bench/yaml/utf8_text.h"

#include <gtest/gtest.h>

using bcmhil::yaml::first_bad_byte;
using bcmhil::yaml::printable;

TEST(Utf8Text, PrintableKeepsUtf8AndEscapesEverythingElse) {
  EXPECT_EQ(printable("caf\xC3\xA9 50 \xC2\xB5s 10 k\xCE\xA9"), "caf\xC3\xA9 50 \xC2\xB5s 10 k\xCE\xA9");
  EXPECT_EQ(printable("caf\xE9"), "caf\\xE9");                  // Latin-1 e acute
  EXPECT_EQ(printable("a\nb\tc\x7F"), "a\\x0Ab\tc\\x7F");         // one line; tab stays
  EXPECT_EQ(printable(std::string("x\0y", 3)), "x\\x00y");
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");                // overlong '/'
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xED\\xA0\\x80");        // surrogate U+D800
  EXPECT_EQ(printable("\xF4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(printable("\xF0\x9F\x94\xA7"), "\xF0\x9F\x94\xA7");    // U+1F527, 4 bytes
  EXPECT_EQ(printable("\xE2\x82"), "\\xE2\\x82");                // cut short at the end
}

TEST(Utf8Text, FirstBadByteNamesLineAndColumnInCharacters) {
  EXPECT_FALSE(first_bad_byte("name: caf\xC3\xA9\r\nx: 1\n"));
  EXPECT_FALSE(first_bad_byte("\xEF\xBB\xBFname: x\n"));  // a byte order mark is fine
  const auto bad = first_bad_byte("name: x\nexpect: \xC2\xB5\xE9\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->line, 2);
  EXPECT_EQ(bad->column, 10);  // 'expect: ' is 8, the micro sign one character
  EXPECT_EQ(bad->byte, 0xE9);
  EXPECT_FALSE(bad->control);
  const auto control = first_bad_byte("a: \x01\n");
  ASSERT_TRUE(control);
  EXPECT_TRUE(control->control);
  EXPECT_EQ(control->column, 4);
}
