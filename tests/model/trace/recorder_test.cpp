#include "model/trace/recorder.h"

#include <gtest/gtest.h>

using namespace bcmhil::trace;

TEST(Recorder, KeepsOnlyChanges) {
  Recorder rec;
  const SignalId id = rec.declare("lamp", Kind::bit, "", "", 0.0);
  rec.record(id, 10, 0.0);
  rec.record(id, 20, 1.0);
  rec.record(id, 30, 1.0);
  rec.record(id, 40, 0.0);
  const auto& s = rec.signal(id);
  ASSERT_EQ(s.samples.size(), 3u);
  EXPECT_EQ(s.samples[1].time_ps, 20u);
  EXPECT_EQ(s.samples[2].time_ps, 40u);
}

TEST(Recorder, SameInstantGlitchCollapses) {
  Recorder rec;
  const SignalId id = rec.declare("out", Kind::bit, "", "", 0.0);
  rec.record(id, 100, 1.0);
  rec.record(id, 100, 0.0);  // a delta-cycle glitch at t=100
  EXPECT_EQ(rec.signal(id).samples.size(), 1u);
  rec.record(id, 200, 1.0);
  rec.record(id, 200, 1.0);
  EXPECT_EQ(rec.signal(id).samples.size(), 2u);
}

TEST(Recorder, RealSignalsIgnoreRoundOff) {
  Recorder rec(1e-3);
  const SignalId id = rec.declare("V(pin)", Kind::real, "V", "", 12.0);
  rec.record(id, 1, 12.0004);
  rec.record(id, 2, 11.0);
  EXPECT_EQ(rec.signal(id).samples.size(), 2u);
}

TEST(Recorder, ValueAtAnsweresBetweenSamples) {
  Recorder rec;
  const SignalId id = rec.declare("x", Kind::real, "V", "", 1.0, 0);
  rec.record(id, 100, 2.0);
  EXPECT_EQ(rec.signal(id).value_at(50), 1.0);
  EXPECT_EQ(rec.signal(id).value_at(100), 2.0);
  EXPECT_EQ(rec.signal(id).value_at(1000), 2.0);
}

TEST(Recorder, RejectsDuplicatesAndTimeTravel) {
  Recorder rec;
  const SignalId id = rec.declare("x", Kind::bit, "", "", 0.0);
  EXPECT_THROW(rec.declare("x", Kind::bit, "", "", 0.0), std::invalid_argument);
  rec.record(id, 100, 1.0);
  EXPECT_THROW(rec.record(id, 50, 0.0), std::logic_error);
  EXPECT_EQ(rec.find("nope"), nullptr);
}
