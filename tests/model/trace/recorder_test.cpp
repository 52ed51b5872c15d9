#include "model/trace/recorder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

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

// record()'s quick test for "no change" compares with the newest sample as the history holds it:
// after a glitch is undone, that is the value before the glitch, not the glitch.
TEST(Recorder, AfterAnUndoneGlitchTheValueBeforeItIsTheOneToChangeFrom) {
  Recorder rec(1e-3);
  const SignalId id = rec.declare("V(pin)", Kind::real, "V", "", 12.0);
  rec.record(id, 100, 5.0);
  rec.record(id, 100, 12.0);  // undone at its own instant
  rec.record(id, 200, 5.0004);
  EXPECT_EQ(rec.signal(id).samples.size(), 2u);  // a change from 12 V, recorded
  rec.record(id, 300, 12.0);
  rec.record(id, 300, 5.0004);  // undone: the history holds 5.0004 V from 200 on
  rec.record(id, 400, 5.0008);  // round-off of that: nothing
  const auto& s = rec.signal(id).samples;
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.back().time_ps, 200u);
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

namespace {

constexpr std::uint64_t kMs = 1'000'000'000;  // ps

// A pin that toggles every millisecond for a second, with a delta-cycle glitch now and then
// (set and restored at one instant), and a probe that wanders a little at each toggle.
void feed(Recorder& rec) {
  const SignalId pin = rec.declare("pin", Kind::bit, "", "", 0.0);
  const SignalId probe = rec.declare("V(pin)", Kind::real, "V", "", 12.0);
  for (std::uint64_t ms = 1; ms <= 1000; ++ms) {
    const double level = ms % 2 ? 1.0 : 0.0;
    rec.record(pin, ms * kMs, level);
    if (ms % 7 == 0) rec.record(pin, ms * kMs, 1.0 - level), rec.record(pin, ms * kMs, level);  // undone glitch
    rec.record(probe, ms * kMs, level > 0.5 ? 0.4 : 12.0 - ms * 1e-4);
  }
}

std::vector<std::tuple<SignalId, std::uint64_t, double>> changes_of(Recorder& rec) {
  std::vector<std::tuple<SignalId, std::uint64_t, double>> out;
  rec.for_each_change([&](SignalId id, std::uint64_t t, double v) { out.emplace_back(id, t, v); });
  return out;
}

}  // namespace

TEST(Recorder, KeepOnlyKeepsEveryChangeAWindowReads) {
  Recorder all, some;
  const std::vector<Window> windows{{250 * kMs + 500, 260 * kMs}, {900 * kMs, 900 * kMs}};  // a stretch, an instant
  some.keep_only({{"pin", windows}});
  feed(all);
  feed(some);
  const auto& full = all.find("pin")->samples;
  const auto& kept = some.find("pin")->samples;
  EXPECT_EQ(full.size(), 1001u);
  EXPECT_LT(kept.size(), 20u);  // the first, the window's, the last two
  for (const auto& w : windows) {
    EXPECT_EQ(some.find("pin")->value_at(w.from_ps), all.find("pin")->value_at(w.from_ps));
    std::vector<double> inside_full, inside_kept;
    for (const auto& s : full) if (s.time_ps > w.from_ps && s.time_ps <= w.to_ps) inside_full.push_back(s.time_ps);
    for (const auto& s : kept) if (s.time_ps > w.from_ps && s.time_ps <= w.to_ps) inside_kept.push_back(s.time_ps);
    EXPECT_EQ(inside_kept, inside_full);
  }
  // A signal no window names keeps its first sample and its current value.
  const auto& probe = some.find("V(pin)")->samples;
  EXPECT_LE(probe.size(), 3u);
  EXPECT_EQ(probe.front().value, 12.0);
  EXPECT_EQ(probe.back().value, all.find("V(pin)")->samples.back().value);
  EXPECT_EQ(probe.back().time_ps, all.find("V(pin)")->samples.back().time_ps);
}

// serve and the bench modes: no history, only current values, counted by kept_samples().
TEST(Recorder, KeepLatestOnlyHoldsThreeSamplesASignalAtMost) {
  Recorder all, latest;
  latest.keep_latest_only();
  feed(all);
  feed(latest);
  EXPECT_EQ(all.kept_samples(), all.find("pin")->samples.size() + all.find("V(pin)")->samples.size());
  EXPECT_GT(all.kept_samples(), 1000u);
  EXPECT_LE(latest.kept_samples(), 3 * latest.signals().size());
  for (const auto& s : latest.signals())
    EXPECT_EQ(s.samples.back().value, all.find(s.name)->samples.back().value) << s.name;
}

TEST(Recorder, AGlitchIsStillUndoneWhenHistoryIsDropped) {
  Recorder rec;
  rec.keep_only({});
  const SignalId id = rec.declare("out", Kind::bit, "", "", 0.0);
  for (std::uint64_t t = 1; t <= 10; ++t) rec.record(id, t, t % 2 ? 1.0 : 0.0);  // ends at 0
  rec.record(id, 11, 1.0);
  rec.record(id, 11, 0.0);  // restored at the same instant: no edge at 11
  EXPECT_EQ(rec.signal(id).samples.back().time_ps, 10u);
  EXPECT_EQ(rec.signal(id).samples.back().value, 0.0);
}

TEST(Recorder, TheChangeLogHoldsExactlyTheChangesMemoryWouldHold) {
  Recorder in_memory, logged;
  logged.log_changes();
  logged.keep_only({});  // memory keeps nearly nothing: the log must still have it all
  feed(in_memory);
  feed(logged);
  const auto expected = changes_of(in_memory);
  EXPECT_EQ(expected.size(), 1000u + 1000u);  // every toggle; every probe move (round-off aside)
  auto got = changes_of(logged);
  // Within one instant the order is free; sort both to compare.
  auto sorted = expected;
  std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return std::get<1>(a) != std::get<1>(b) ? std::get<1>(a) < std::get<1>(b) : std::get<0>(a) < std::get<0>(b); });
  std::sort(got.begin(), got.end(), [](auto& a, auto& b) { return std::get<1>(a) != std::get<1>(b) ? std::get<1>(a) < std::get<1>(b) : std::get<0>(a) < std::get<0>(b); });
  EXPECT_EQ(got, sorted);
  // In time order as they come.
  const auto raw = changes_of(logged);
  EXPECT_TRUE(std::is_sorted(raw.begin(), raw.end(), [](auto& a, auto& b) { return std::get<1>(a) < std::get<1>(b); }));
}

TEST(Recorder, TheLogRefusesTimeTravelAcrossSignals) {
  Recorder rec;
  rec.log_changes();
  const SignalId a = rec.declare("a", Kind::bit, "", "", 0.0);
  const SignalId b = rec.declare("b", Kind::bit, "", "", 0.0);
  rec.record(a, 100, 1.0);
  EXPECT_THROW(rec.record(b, 50, 1.0), std::logic_error);
}
