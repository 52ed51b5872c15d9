// trace::compare, the judge of the step-vs-skip equivalence test and of `bcmhil speed`.
#include "model/trace/compare.h"

#include <gtest/gtest.h>

using namespace bcmhil::trace;

namespace {
void feed(Recorder& rec, double late_value) {
  const SignalId lamp = rec.declare("lamp", Kind::bit, "", "", 0.0);
  const SignalId v = rec.declare("V(lamp)", Kind::real, "V", "", 0.0);
  const SignalId i = rec.declare("I(lamp)", Kind::real, "A", "", 0.0);
  rec.record(lamp, 1'000'000, 1.0);
  rec.record(v, 1'000'000, 12.0);
  rec.record(i, 2'000'000, 0.5);
  rec.record(v, 3'000'000, late_value);
}
}  // namespace

TEST(TraceCompare, IdenticalRecordingsAreTheSame) {
  Recorder a, b;
  feed(a, 11.0);
  feed(b, 11.0);
  const auto c = compare(a, b);
  EXPECT_TRUE(c.same) << c.first_difference;
  EXPECT_EQ(c.signals_compared, 3u);
  EXPECT_TRUE(c.first_difference.empty());
}

TEST(TraceCompare, NamesTheEarliestDifferenceWithItsTime) {
  Recorder a, b;
  feed(a, 11.0);
  feed(b, 11.5);
  const auto c = compare(a, b);
  EXPECT_FALSE(c.same);
  EXPECT_EQ(c.first_difference, "V(lamp) at 0.000003000 s: 11 in the first, 11.5 in the second");
  // An earlier difference on a later signal wins.
  const auto extra = b.id_of("I(lamp)");
  b.record(*extra, 2'500'000, 0.6);
  EXPECT_EQ(compare(a, b).first_difference.rfind("I(lamp) at 0.000002500 s", 0), 0u) << compare(a, b).first_difference;
}

TEST(TraceCompare, ADifferentSignalListIsADifference) {
  Recorder a, b;
  feed(a, 11.0);
  feed(b, 11.0);
  b.declare("extra", Kind::bit, "", "", 0.0);
  EXPECT_FALSE(compare(a, b).same);
  EXPECT_EQ(compare(a, b).first_difference, "3 signals in the first, 4 in the second");
}
