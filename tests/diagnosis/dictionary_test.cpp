#include "diagnosis/dictionary.h"

#include <gtest/gtest.h>

namespace bcmhil::diagnosis {
namespace {

TEST(Candidate, KeyNamesTheFaultAndWhereItIs) {
  EXPECT_EQ((Candidate{"healthy", {}}).key(), "healthy");
  EXPECT_EQ((Candidate{"pin_bridge", {{"to", "X330.3"}, {"from", "X330.4"}}}).key(), "pin_bridge{from=X330.4,to=X330.3}");
}

TEST(Dictionary, FindsTestsById) {
  Dictionary d;
  d.tests = {{"a", 1, "V", {"low", "high"}}, {"b", 2, "", {"no", "yes"}}};
  EXPECT_EQ(d.test_index("b"), 1);
  EXPECT_EQ(d.test_index("c"), -1);
}

}  // namespace
}  // namespace bcmhil::diagnosis
