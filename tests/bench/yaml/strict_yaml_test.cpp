#include "bench/yaml/strict_yaml.h"

#include <gtest/gtest.h>

using bcmhil::yaml::load_single_document;
using bcmhil::yaml::StrictYamlError;

namespace {

StrictYamlError error_of(const std::string& text) {
  try {
    load_single_document(text);
  } catch (const StrictYamlError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return StrictYamlError(0, 0, "");
}

}  // namespace

TEST(StrictYaml, LoadsOneDocument) {
  const auto root = load_single_document("a: 1\nb: [x, y]\nc: {d: 2}\n");
  EXPECT_EQ(root["b"][1].Scalar(), "y");
  EXPECT_TRUE(load_single_document("").IsNull());
  EXPECT_EQ(load_single_document("--- \na: 1\n...\n")["a"].Scalar(), "1");
}

TEST(StrictYaml, DuplicateKeyIsReportedAtTheSecond) {
  const auto e = error_of("a: 1\nb: 2\na: 3\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 1);
  EXPECT_NE(std::string(e.what()).find("key 'a' is given twice in this mapping (first at line 1, column 1)"),
            std::string::npos)
      << e.what();
}

TEST(StrictYaml, DuplicateKeysAreFoundAtEveryDepthAndInFlowStyle) {
  auto e = error_of("steps:\n  - {at: 1 s, do: close_hatch, at: 2 s}\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 32);
  e = error_of("a:\n  b:\n    c: 1\n    \"c\": 2\n");  // quoting does not make another key
  EXPECT_EQ(e.line(), 4);
  e = error_of("a: 1\n~: 2\nnull: 3\n");  // two spellings of the null key
  EXPECT_EQ(e.line(), 3);
}

TEST(StrictYaml, EqualKeysInDifferentMappingsAreFine) {
  EXPECT_NO_THROW(load_single_document("- {at: 1, do: x}\n- {at: 2, do: y}\n"));
  EXPECT_NO_THROW(load_single_document("x: &a {k: 1, j: 2}\ny: *a\nz: {k: *a}\n"));
}

TEST(StrictYaml, SecondDocumentIsReportedWhereItStarts) {
  const auto e = error_of("a: 1\n---\nb: 2\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 1);
  EXPECT_NE(std::string(e.what()).find("a second YAML document"), std::string::npos);
  EXPECT_EQ(error_of("a: 1\n--- x\n").line(), 2);
  EXPECT_EQ(error_of("a: 1\n---\n").line(), 2);  // even an empty one: a stray '---' is not nothing
}

TEST(StrictYaml, BytesThatAreNotUtf8AreNamedEscaped) {
  const auto e = error_of("name: caf\xE9\n");
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 10);
  EXPECT_STREQ(e.what(), "byte \\xE9 is not UTF-8 (save the file as UTF-8)");
  EXPECT_STREQ(error_of("a: \x1B[31m\n").what(), "control character \\x1B is not allowed in a YAML file");
}

TEST(StrictYaml, SyntaxErrorsKeepTheirPosition) {
  const auto e = error_of("a: [1, 2\nb: 3\n");
  EXPECT_GT(e.line(), 0);
  EXPECT_EQ(std::string(e.what()).rfind("YAML syntax: ", 0), 0u) << e.what();
}
