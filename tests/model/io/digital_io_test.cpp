// DigitalIo: the gated clock (skip_idle) must be indistinguishable from clocking every cycle.
// Randomised stimulus sets run once in each mode; every output's changes (time and value) are
// recorded and compared.
#include "model/io/digital_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <systemc>

#include "systemc_kernel.h"

namespace {

using bcmhil::model::ClockMode;
using bcmhil::model::DigitalIo;
using bcmhil::model::DigitalIoConfig;

constexpr std::uint64_t kUs = 1'000'000;  // picoseconds
constexpr std::uint64_t kMs = 1000 * kUs;
constexpr int kRf = DigitalIo::kSwitches;  // input index of the RF line; below it, the switches
// Switch 15 is not driven by the stimulus: it follows switch 14 one delta cycle later, so some
// input changes land in a later delta of a clock boundary, after the edge sampled the inputs.
constexpr int kMirrored = 15;

struct Change {
  std::uint64_t time_ps;
  int input;
  bool value;
};

struct TraceEntry {
  std::uint64_t time_ps;
  std::string output;
  std::uint64_t value;
  bool operator==(const TraceEntry& o) const {
    return std::tie(time_ps, output, value) == std::tie(o.time_ps, o.output, o.value);
  }
};
std::ostream& operator<<(std::ostream& os, const TraceEntry& e) {
  return os << e.output << "=" << e.value << " @" << e.time_ps << "ps";
}

SC_MODULE(Harness) {
  DigitalIo io;
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_raw{"switch_raw", DigitalIo::kSwitches};
  sc_core::sc_signal<bool> rf_data{"rf_data"};
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_debounced{"switch_debounced", DigitalIo::kSwitches};
  sc_core::sc_signal<std::uint64_t> rf_frame{"rf_frame"};
  sc_core::sc_signal<std::uint32_t> rf_frame_count{"rf_frame_count"};
  sc_core::sc_signal<std::uint32_t> rf_error_count{"rf_error_count"};

  std::vector<Change> stimulus;  // sorted by time
  std::vector<TraceEntry> trace;

  Harness(sc_core::sc_module_name name, DigitalIoConfig config, std::vector<Change> changes)
      : sc_core::sc_module(name), io("io", config), stimulus(std::move(changes)) {
    io.switch_raw.bind(switch_raw);
    io.rf_data(rf_data);
    io.switch_debounced.bind(switch_debounced);
    io.rf_frame(rf_frame);
    io.rf_frame_count(rf_frame_count);
    io.rf_error_count(rf_error_count);
    SC_HAS_PROCESS(Harness);
    SC_THREAD(drive);
    SC_METHOD(mirror);
    sensitive << switch_raw[14];
    dont_initialize();
    SC_METHOD(record);
    for (auto& s : switch_debounced) sensitive << s;
    sensitive << rf_frame << rf_frame_count << rf_error_count;
    dont_initialize();
  }

  void drive() {
    for (const Change& c : stimulus) {
      const std::uint64_t now = sc_core::sc_time_stamp().value();
      if (c.time_ps > now) wait(sc_core::sc_time::from_value(c.time_ps - now));
      if (c.input == kRf) rf_data.write(c.value);
      else switch_raw[c.input].write(c.value);
    }
  }

  void mirror() { switch_raw[kMirrored].write(switch_raw[14].read()); }

  void record() {
    const std::uint64_t t = sc_core::sc_time_stamp().value();
    for (int i = 0; i < DigitalIo::kSwitches; ++i) {
      if (switch_debounced[i].event()) {
        trace.push_back({t, "switch_debounced[" + std::to_string(i) + "]", switch_debounced[i].read()});
      }
    }
    if (rf_frame.event()) trace.push_back({t, "rf_frame", rf_frame.read()});
    if (rf_frame_count.event()) trace.push_back({t, "rf_frame_count", rf_frame_count.read()});
    if (rf_error_count.event()) trace.push_back({t, "rf_error_count", rf_error_count.read()});
  }
};

struct Result {
  std::vector<TraceEntry> trace;
  std::uint64_t edges;
  std::uint32_t frames;
  std::uint32_t errors;
};

Result simulate(ClockMode mode, const std::vector<Change>& changes, std::uint64_t duration_ps) {
  bcmhil::testing::fresh_systemc_kernel();
  DigitalIoConfig config;
  config.mode = mode;
  Harness h("h", config, changes);
  sc_core::sc_start(sc_core::sc_time::from_value(duration_ps));
  return {h.trace, h.io.clock_edges(), h.rf_frame_count.read(), h.rf_error_count.read()};
}

// ---------------------------------------------------------------- stimulus generation

class Stimulus {
 public:
  explicit Stimulus(std::uint64_t seed) : rng_(seed) {}

  // A time near `t_ps`: often on a clock boundary (the change shares its instant with an edge
  // when there is one), sometimes on a debounce sample instant (a millisecond, where the gated
  // clock has edges while a switch is unsettled), anywhere inside the cycle otherwise.
  // RF pulses keep their widths, so they never snap to a millisecond.
  std::uint64_t jitter_time(std::uint64_t t_ps, bool may_snap_to_ms = true) {
    switch (pick(0, 5)) {
      case 0:
        if (may_snap_to_ms) return t_ps / kMs * kMs;
        return t_ps / kUs * kUs;
      case 1:
      case 2: return t_ps / kUs * kUs;
      default: return t_ps + pick(0, kUs - 1);
    }
  }

  void level(int input, std::uint64_t t_ps, bool value) { changes_.push_back({t_ps, input, value}); }

  // A press or release with contact bounce: a few short toggles, then the final level.
  std::uint64_t bouncy_switch(int input, std::uint64_t t, bool final_level) {
    const int bounces = static_cast<int>(pick(0, 6));
    bool v = final_level;
    for (int i = 0; i < bounces * 2; ++i) {
      level(input, jitter_time(t), v);
      v = !v;
      t += pick(5, 2500) * kUs;  // up to 2.5 samples: some bounces are long enough to count
    }
    level(input, jitter_time(t), final_level);
    return t + kUs;
  }

  // One key-fob frame in the documented format, every width jittered but inside its window.
  std::uint64_t rf_frame(std::uint64_t t, int bits = 48) {
    std::uint64_t value = rng_() & ((std::uint64_t{1} << 48) - 1);
    t = rf_pulse(t, pick(1600, 2400) * kUs);
    t += pick(700, 1300) * kUs;
    for (int i = bits - 1; i >= 0; --i) {
      const bool one = (value >> i) & 1u;
      const std::uint64_t high = one ? pick(470, 730) : pick(220, 400);
      rf_pulse(t, high * kUs);
      t += pick(950, 1050) * kUs;
    }
    return t;
  }

  std::uint64_t rf_pulse(std::uint64_t t, std::uint64_t width_ps) {
    const std::uint64_t rise = jitter_time(t, false);
    level(kRf, rise, true);
    level(kRf, rise + width_ps, false);  // width may be off the grid by any fraction of a cycle
    return rise + width_ps;
  }

  std::uint64_t pick(std::uint64_t lo, std::uint64_t hi) {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng_);
  }

  std::vector<Change> take() {
    std::stable_sort(changes_.begin(), changes_.end(),
                     [](const Change& a, const Change& b) { return a.time_ps < b.time_ps; });
    // Two writes to one input in one instant would make the order of writes matter; drop the
    // earlier one (they are rare and never needed).
    std::vector<Change> out;
    for (const Change& c : changes_) {
      if (!out.empty() && out.back().time_ps == c.time_ps && out.back().input == c.input) out.pop_back();
      out.push_back(c);
    }
    return out;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<Change> changes_;
};

// Randomised set: a few switches pressed and released with bounce, an RF line with good frames,
// truncated frames, garbage pulses and long silences, over `duration`.
std::vector<Change> random_stimulus(std::uint64_t seed, std::uint64_t duration_ps) {
  Stimulus s(seed);
  const std::uint64_t horizon = duration_ps - 200 * kMs;
  // Switches: one held from time zero, others toggled.
  s.level(3, 0, true);
  for (int sw : {0, 7, 14, DigitalIo::kSwitches - 1}) {
    std::uint64_t t = s.pick(0, 300) * kMs;
    bool pressed = false;
    while (t < horizon) {
      pressed = !pressed;
      t = s.bouncy_switch(sw, t, pressed);
      t += s.pick(0, 3) == 0 ? s.pick(500, 2500) * kMs : s.pick(2, 150) * kMs;
    }
  }
  // RF line.
  std::uint64_t t = s.pick(1, 50) * kMs;
  // The first segments are one of each kind, so every seed covers them; then anything goes.
  const std::uint64_t first_segments[] = {0, 3, 2, 4};
  for (int segment = 0; t < horizon; ++segment) {
    switch (segment < 4 ? first_segments[segment] : s.pick(0, 5)) {
      case 0:
      case 1: t = s.rf_frame(t); break;
      case 2: t = s.rf_frame(t, static_cast<int>(s.pick(1, 47))); break;  // truncated: times out
      case 3: {  // garbage pulses of any width
        for (int n = static_cast<int>(s.pick(1, 8)); n > 0; --n) {
          t = s.rf_pulse(t, s.pick(1, 5000) * kUs + s.pick(0, kUs - 1));
          t += s.pick(1, 4000) * kUs;
        }
        break;
      }
      case 4: {  // a frame right after a frame (no gap), then another one
        t = s.rf_frame(t);
        t = s.rf_frame(t);
        break;
      }
      default: break;
    }
    t += s.pick(0, 2) == 0 ? s.pick(500, 3000) * kMs : s.pick(1, 100) * kMs;  // idle, often seconds
  }
  return s.take();
}

void expect_same_traces(const Result& step, const Result& skip) {
  ASSERT_EQ(step.trace.size(), skip.trace.size());
  for (std::size_t i = 0; i < step.trace.size(); ++i) {
    ASSERT_EQ(step.trace[i], skip.trace[i]) << "first difference at entry " << i;
  }
}

class RandomisedEquivalence : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomisedEquivalence, SkipIdleTraceEqualsStepEveryCycle) {
  const std::uint64_t duration = 4000 * kMs;
  const auto changes = random_stimulus(GetParam(), duration);
  const Result step = simulate(ClockMode::step_every_cycle, changes, duration);
  const Result skip = simulate(ClockMode::skip_idle, changes, duration);

  // The stimulus is not vacuous: it decoded frames, counted errors and moved switches.
  EXPECT_GT(step.frames, 0u);
  EXPECT_GT(step.errors, 0u);
  EXPECT_GT(std::count_if(step.trace.begin(), step.trace.end(),
                          [](const TraceEntry& e) { return e.output.rfind("switch", 0) == 0; }),
            4);

  expect_same_traces(step, skip);
  EXPECT_EQ(step.frames, skip.frames);
  EXPECT_EQ(step.errors, skip.errors);
  EXPECT_EQ(step.edges, duration / kUs);  // one per cycle, the reference
  EXPECT_LT(skip.edges * 20, step.edges);
  RecordProperty("step_edges", std::to_string(step.edges));
  RecordProperty("skip_edges", std::to_string(skip.edges));
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomisedEquivalence, ::testing::Values(1u, 2u, 3u, 20261123u));

// ---------------------------------------------------------------- targeted cases

// A mostly idle ten seconds: one fob frame and a few presses. Gating has to pay off here.
TEST(DigitalIo, MostlyIdleStimulusNeedsUnderOnePercentOfTheEdges) {
  Stimulus s(7);
  s.rf_frame(1200 * kMs);
  for (std::uint64_t t : {2000u, 5000u, 8000u}) {
    s.bouncy_switch(2, t * kMs, true);
    s.bouncy_switch(2, (t + 300) * kMs, false);
  }
  const auto changes = s.take();
  const std::uint64_t duration = 10'000 * kMs;
  const Result step = simulate(ClockMode::step_every_cycle, changes, duration);
  const Result skip = simulate(ClockMode::skip_idle, changes, duration);
  expect_same_traces(step, skip);
  EXPECT_EQ(skip.frames, 1u);
  EXPECT_LT(skip.edges * 100, step.edges);
}

// Where a change lands relative to the cycle boundary decides which edge samples it, in both
// modes: the edge at n us samples the level held just before n us.
TEST(DigitalIo, InputChangeIsSampledAtTheNextBoundary) {
  struct Case {
    std::uint64_t change_ps;
    std::uint64_t debounced_at_ps;
  };
  const Case cases[] = {
      {10'997 * kUs + kUs / 2, 14'000 * kUs},  // sampled at 10998: second stage by 10999
      {10'998 * kUs, 15'000 * kUs},            // on the boundary: sampled by the edge at 10999
      {10'998 * kUs + 1, 15'000 * kUs},
  };
  for (const Case& c : cases) {
    for (ClockMode mode : {ClockMode::step_every_cycle, ClockMode::skip_idle}) {
      const Result r = simulate(mode, {{c.change_ps, 5, true}}, 20 * kMs);
      ASSERT_EQ(r.trace.size(), 1u);
      EXPECT_EQ(r.trace[0], (TraceEntry{c.debounced_at_ps, "switch_debounced[5]", 1}))
          << "change at " << c.change_ps << " ps, mode " << static_cast<int>(mode);
    }
  }
}

// An input that changes in the very instant of a gated edge, after the edge sampled the inputs
// (switch 14 one delta cycle late, switch 15 two), is sampled by the next cycle's edge, exactly as
// when every cycle is clocked; the driver must not wait for the next wake-up to notice it.
TEST(DigitalIo, ChangeInTheInstantOfAGatedEdgeIsSampledNextCycle) {
  // Switch 0 keeps the clock waking on every millisecond; switch 14 changes on one of them.
  const std::vector<Change> changes{{10'500 * kUs + 1, 0, true}, {12'000 * kUs, 14, true}};
  const std::vector<TraceEntry> expected{{14'000 * kUs, "switch_debounced[0]", 1},
                                         {16'000 * kUs, "switch_debounced[14]", 1},
                                         {16'000 * kUs, "switch_debounced[15]", 1}};
  for (ClockMode mode : {ClockMode::step_every_cycle, ClockMode::skip_idle}) {
    const Result r = simulate(mode, changes, 20 * kMs);
    EXPECT_EQ(r.trace, expected) << "mode " << static_cast<int>(mode);
  }
}

// The block's counters are 8 bits; DigitalIo's are widened and keep counting past 255.
TEST(DigitalIo, CountersAreWidenedPast255) {
  Stimulus s(11);
  std::uint64_t t = 10 * kMs;
  for (int i = 0; i < 300; ++i) t = s.rf_pulse(t, 50 * kUs) + 100 * kUs;  // malformed frames
  const auto changes = s.take();
  for (ClockMode mode : {ClockMode::step_every_cycle, ClockMode::skip_idle}) {
    const Result r = simulate(mode, changes, t + 10 * kMs);
    EXPECT_EQ(r.errors, 300u);
    EXPECT_EQ(r.frames, 0u);
  }
}

// The block's cycle input is 32 bits and wraps after 2^32 cycles (71.6 min at 1 MHz). Stepping
// that far is too slow for a unit test, so the gated run is checked against the cycles the block
// itself gives (tests/hw, Bc1IoWrap): a change sampled on cycle 2^32 - 1500 is sampled on
// 2^32 - 1296, 2^32 - 296, 2^32 (block cycle 0) and 2^32 + 1000.
TEST(DigitalIo, GatedClockCrossesThe32BitCycleWrap) {
  constexpr std::uint64_t kWrap = std::uint64_t{1} << 32;
  const Result r = simulate(ClockMode::skip_idle, {{(kWrap - 1501) * kUs + kUs / 2, 6, true}},
                            (kWrap + 5000) * kUs);
  ASSERT_EQ(r.trace.size(), 1u);
  EXPECT_EQ(r.trace[0], (TraceEntry{(kWrap + 1000) * kUs, "switch_debounced[6]", 1}));
  EXPECT_LT(r.edges, 20u);
}

// Nothing at all happens: after reset the gated clock stops for good.
TEST(DigitalIo, IdleModuleStopsItsClockAfterReset) {
  const Result r = simulate(ClockMode::skip_idle, {}, 5000 * kMs);
  EXPECT_TRUE(r.trace.empty());
  EXPECT_EQ(r.edges, DigitalIo::kResetCycles + 1);
}

}  // namespace
