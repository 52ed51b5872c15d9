// The Verilated bc1_io block driven directly, one rising edge per cycle, by a test-local clock
// thread: what each output does on which cycle, independent of the gating driver in model/io.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include <systemc>

#include "Vbc1_io.h"
#include "systemc_kernel.h"

namespace {

constexpr std::uint64_t kResetCycles = 2;

// Line level per cycle: the value the edge of that cycle samples. Built from transitions.
class Waveform {
 public:
  void set(std::uint64_t cycle, bool level) { changes_[cycle] = level; }
  bool at(std::uint64_t cycle) const {
    auto it = changes_.upper_bound(cycle);
    if (it == changes_.begin()) return false;
    return std::prev(it)->second;
  }
  // A high pulse on [start, start + width).
  void pulse(std::uint64_t start, std::uint64_t width) {
    set(start, true);
    set(start + width, false);
  }

 private:
  std::map<std::uint64_t, bool> changes_;
};

// Test-local PWM generator for the frame format in hw/README.md: sync slot 3000 (high 2000), then
// one 1000-cycle slot per bit, high 300 (0) or 600 (1), MSB first. `bits` < 48 sends only the
// low `bits` bits of `value` (a truncated frame). Returns the cycle where the slot after the last
// bit would begin.
std::uint64_t add_frame(Waveform& line, std::uint64_t start, std::uint64_t value, int bits = 48,
                        std::uint64_t sync_width = 2000) {
  line.pulse(start, sync_width);
  std::uint64_t slot = start + 3000;
  for (int i = bits - 1; i >= 0; --i) {
    const bool one = ((value >> i) & 1u) != 0;
    line.pulse(slot, one ? 600 : 300);
    slot += 1000;
  }
  return slot;
}

// The block's 64 switch slots (hw/bc1_io.v SWITCHES), one bit each; the top one is tested too.
using SwitchBits = std::uint64_t;
constexpr SwitchBits kTopSwitch = SwitchBits{1} << 63;

struct Outputs {
  SwitchBits switch_debounced;
  std::uint64_t rf_frame;
  std::uint32_t rf_frame_count;
  std::uint32_t rf_error_count;
  bool need_next_cycle;
  bool wake_valid;
  std::uint32_t wake_cycle;
};

SC_MODULE(Bench) {
  Vbc1_io dut{"dut"};
  sc_core::sc_signal<bool> clk{"clk"}, rst_n{"rst_n"}, rf_data{"rf_data"};
  sc_core::sc_signal<std::uint32_t> cycle{"cycle"};
  sc_core::sc_signal<SwitchBits> switch_raw{"switch_raw"}, switch_debounced{"switch_debounced"};
  sc_core::sc_signal<std::uint64_t> rf_frame{"rf_frame"};
  sc_core::sc_signal<std::uint32_t> rf_frame_count{"rf_frame_count"}, rf_error_count{"rf_error_count"};
  sc_core::sc_signal<bool> need_next_cycle{"need_next_cycle"}, wake_valid{"wake_valid"};
  sc_core::sc_signal<std::uint32_t> wake_cycle{"wake_cycle"};

  std::function<SwitchBits(std::uint64_t)> switches = [](std::uint64_t) { return SwitchBits{0}; };
  std::function<bool(std::uint64_t)> rf = [](std::uint64_t) { return false; };
  std::function<void(std::uint64_t, const Outputs&)> after_edge = [](std::uint64_t, const Outputs&) {};
  std::uint64_t cycles = 0;
  std::uint32_t cycle_offset = 0;  // what the block sees as cycle c is c + offset (mod 2^32)

  SC_CTOR(Bench) {
    dut.clk(clk);
    dut.rst_n(rst_n);
    dut.cycle(cycle);
    dut.switch_raw(switch_raw);
    dut.rf_data(rf_data);
    dut.switch_debounced(switch_debounced);
    dut.rf_frame(rf_frame);
    dut.rf_frame_count(rf_frame_count);
    dut.rf_error_count(rf_error_count);
    dut.need_next_cycle(need_next_cycle);
    dut.wake_valid(wake_valid);
    dut.wake_cycle(wake_cycle);
    SC_THREAD(clock);
  }

  void clock() {
    for (std::uint64_t c = 0; c < cycles; ++c) {
      cycle.write(static_cast<std::uint32_t>(c) + cycle_offset);
      rst_n.write(c >= kResetCycles);
      switch_raw.write(switches(c));
      rf_data.write(rf(c));
      clk.write(true);
      wait(sc_core::SC_ZERO_TIME);
      clk.write(false);
      wait(sc_core::SC_ZERO_TIME);
      after_edge(c, Outputs{switch_debounced.read(), rf_frame.read(), rf_frame_count.read(),
                            rf_error_count.read(), need_next_cycle.read(), wake_valid.read(),
                            wake_cycle.read()});
      wait(1, sc_core::SC_US);
    }
  }
};

// Cycles on which a watched output changed, with its new value.
template <typename T>
using Changes = std::vector<std::pair<std::uint64_t, T>>;

struct Observed {
  Changes<SwitchBits> debounced;
  Changes<std::uint32_t> frame_count, error_count;
  Changes<std::uint64_t> frame;
  std::map<std::uint64_t, Outputs> snapshots;  // outputs after chosen edges
};

Observed run(std::uint64_t cycles, std::function<SwitchBits(std::uint64_t)> switches,
        std::function<bool(std::uint64_t)> rf, std::vector<std::uint64_t> snapshot_at = {},
        std::uint32_t cycle_offset = 0) {
  bcmhil::testing::fresh_systemc_kernel();
  Bench bench("bench");
  Observed result;
  Outputs last{};
  bench.cycles = cycles;
  bench.cycle_offset = cycle_offset;
  bench.switches = std::move(switches);
  bench.rf = std::move(rf);
  bench.after_edge = [&](std::uint64_t c, const Outputs& o) {
    if (o.switch_debounced != last.switch_debounced) result.debounced.emplace_back(c, o.switch_debounced);
    if (o.rf_frame != last.rf_frame) result.frame.emplace_back(c, o.rf_frame);
    if (o.rf_frame_count != last.rf_frame_count) result.frame_count.emplace_back(c, o.rf_frame_count);
    if (o.rf_error_count != last.rf_error_count) result.error_count.emplace_back(c, o.rf_error_count);
    last = o;
    for (auto at : snapshot_at) {
      if (at == c) result.snapshots[c] = o;
    }
  };
  sc_core::sc_start();
  return result;
}

std::function<SwitchBits(std::uint64_t)> switch_line(const Waveform& w, int bit) {
  return [w, bit](std::uint64_t c) { return w.at(c) ? (SwitchBits{1} << bit) : SwitchBits{0}; };
}
std::function<bool(std::uint64_t)> rf_line(const Waveform& w) {
  return [w](std::uint64_t c) { return w.at(c); };
}
const auto kNoSwitches = [](std::uint64_t) { return SwitchBits{0}; };
const auto kRfIdle = [](std::uint64_t) { return false; };

// ---------------------------------------------------------------- debouncer

TEST(Bc1IoDebounce, CleanPressAppearsOnTheFourthAgreeingSample) {
  // Sampled first on edge 10500: first synchroniser stage 10500, second 10501, so the sample on
  // cycle 11000 is the first to see it; samples 11000, 12000, 13000, 14000 agree.
  Waveform sw;
  sw.set(10500, true);
  const Observed r = run(16000, switch_line(sw, 3), kRfIdle, {10499, 10500, 10501, 13999, 14000});
  ASSERT_EQ(r.debounced.size(), 1u);
  EXPECT_EQ(r.debounced[0], (std::pair<std::uint64_t, SwitchBits>{14000, SwitchBits{1} << 3}));

  // The clock-gate requests along the way.
  EXPECT_FALSE(r.snapshots.at(10499).need_next_cycle);
  EXPECT_FALSE(r.snapshots.at(10499).wake_valid);
  EXPECT_TRUE(r.snapshots.at(10500).need_next_cycle);  // still between the two stages
  EXPECT_FALSE(r.snapshots.at(10501).need_next_cycle);
  EXPECT_TRUE(r.snapshots.at(10501).wake_valid);
  EXPECT_EQ(r.snapshots.at(10501).wake_cycle, 11000u);
  EXPECT_TRUE(r.snapshots.at(13999).wake_valid);
  EXPECT_EQ(r.snapshots.at(13999).wake_cycle, 14000u);
  EXPECT_FALSE(r.snapshots.at(14000).wake_valid);  // settled: nothing to do until an input moves
}

TEST(Bc1IoDebounce, SynchroniserLatencyDecidesWhichSampleSeesAChange) {
  {
    Waveform sw;
    sw.set(10998, true);  // second stage has it after edge 10999: sample 11000 sees it
    const Observed r = run(16000, switch_line(sw, 0), kRfIdle);
    ASSERT_EQ(r.debounced.size(), 1u);
    EXPECT_EQ(r.debounced[0].first, 14000u);
  }
  {
    Waveform sw;
    sw.set(10999, true);  // second stage only after edge 11000: first sample is 12000
    const Observed r = run(16000, switch_line(sw, 0), kRfIdle);
    ASSERT_EQ(r.debounced.size(), 1u);
    EXPECT_EQ(r.debounced[0].first, 15000u);
  }
}

TEST(Bc1IoDebounce, BounceShorterThanFourSamplesIsRejected) {
  Waveform sw;
  sw.set(10500, true);  // seen by samples 11000, 12000, 13000 only
  sw.set(13200, false);
  for (std::uint64_t t = 20000; t < 30000; t += 700) sw.pulse(t, 350);  // chatter
  const Observed r = run(40000, switch_line(sw, 7), kRfIdle, {35000});
  EXPECT_TRUE(r.debounced.empty());
  EXPECT_FALSE(r.snapshots.at(35000).wake_valid);
}

TEST(Bc1IoDebounce, ReleaseAndPerBitIndependence) {
  Waveform a, b;
  a.set(10500, true);
  a.set(20500, false);
  b.set(12500, true);  // second switch comes in two samples later
  const auto switches = [a, b](std::uint64_t c) {
    return (a.at(c) ? SwitchBits{1} : 0) | (b.at(c) ? kTopSwitch : 0);
  };
  const Observed r = run(30000, switches, kRfIdle);
  const Changes<SwitchBits> expected{{14000, 1}, {16000, kTopSwitch | 1}, {24000, kTopSwitch}};
  EXPECT_EQ(r.debounced, expected);
}

TEST(Bc1IoDebounce, ASampleAgreeingWithTheOutputRestartsTheCount) {
  Waveform sw;
  sw.set(10500, true);   // samples 11000, 12000, 13000 high
  sw.set(13500, false);  // sample 14000 low: count back to zero
  sw.set(14500, true);   // samples 15000 .. 18000 high: output on 18000
  const Observed r = run(20000, switch_line(sw, 1), kRfIdle);
  ASSERT_EQ(r.debounced.size(), 1u);
  EXPECT_EQ(r.debounced[0].first, 18000u);
}

// ---------------------------------------------------------------- RF decoder

constexpr std::uint64_t kFrameA = 0xA5C3'1234'9F0Eull;
constexpr std::uint64_t kFrameB = 0x0000'FFFF'0001ull;

TEST(Bc1IoRf, DecodesAFrame) {
  Waveform line;
  const std::uint64_t end = add_frame(line, 5000, kFrameA);
  // The last fall is sampled on this edge...
  const std::uint64_t last_fall = end - 1000 + ((kFrameA & 1u) ? 600 : 300);
  const Observed r = run(end + 10000, kNoSwitches, rf_line(line));
  ASSERT_EQ(r.frame_count.size(), 1u);
  // ...reaches the edge detector two synchroniser stages later.
  EXPECT_EQ(r.frame_count[0], (std::pair<std::uint64_t, std::uint32_t>{last_fall + 2, 1u}));
  ASSERT_EQ(r.frame.size(), 1u);
  EXPECT_EQ(r.frame[0], (std::pair<std::uint64_t, std::uint64_t>{last_fall + 2, kFrameA}));
  EXPECT_TRUE(r.error_count.empty());
}

TEST(Bc1IoRf, DecodesBackToBackFramesWithWidthsAtTheToleranceLimits) {
  // Every accepted width at both ends of its window: sync 1500 and 2500, zero 200 and 420,
  // one 450 and 750.
  Waveform line;
  auto frame_with = [&line](std::uint64_t start, std::uint64_t value, std::uint64_t sync,
                            std::uint64_t zero, std::uint64_t one) {
    line.pulse(start, sync);
    std::uint64_t slot = start + 3000;
    for (int i = 47; i >= 0; --i) {
      line.pulse(slot, ((value >> i) & 1u) ? one : zero);
      slot += 1000;
    }
    return slot;
  };
  std::uint64_t t = frame_with(5000, kFrameA, 1500, 200, 450);
  t = frame_with(t + 500, kFrameB, 2500, 420, 750);
  const Observed r = run(t + 5000, kNoSwitches, rf_line(line));
  ASSERT_EQ(r.frame.size(), 2u);
  EXPECT_EQ(r.frame[0].second, kFrameA);
  EXPECT_EQ(r.frame[1].second, kFrameB);
  ASSERT_EQ(r.frame_count.size(), 2u);
  EXPECT_EQ(r.frame_count[1].second, 2u);
  EXPECT_TRUE(r.error_count.empty());
}

TEST(Bc1IoRf, MalformedWidthsAbortTheFrameAndAFollowingFrameDecodes) {
  Waveform line;
  std::uint64_t t = 5000;
  std::vector<std::uint64_t> bad_bit_widths{199, 421, 449, 751, 1200};
  for (std::uint64_t w : bad_bit_widths) {
    line.pulse(t, 2000);                 // sync
    line.pulse(t + 3000, 600);           // a good '1'
    line.pulse(t + 4000, w);             // then a malformed bit: abort
    t += 10000;
  }
  line.pulse(t, 1499);  // sync too short: a malformed frame on its own
  t += 5000;
  line.pulse(t, 2501);  // sync too long
  t += 5000;
  line.pulse(t, 50);    // a spike outside a frame
  t += 5000;
  const std::uint64_t end = add_frame(line, t, kFrameB);
  const Observed r = run(end + 5000, kNoSwitches, rf_line(line));
  ASSERT_EQ(r.error_count.size(), bad_bit_widths.size() + 3);
  EXPECT_EQ(r.error_count.back().second, bad_bit_widths.size() + 3);
  // The first error lands when the 199-cycle pulse's fall is seen.
  EXPECT_EQ(r.error_count[0].first, 5000u + 4000 + 199 + 2);
  ASSERT_EQ(r.frame.size(), 1u);
  EXPECT_EQ(r.frame[0].second, kFrameB);
  EXPECT_EQ(r.frame_count.back().second, 1u);
}

TEST(Bc1IoRf, MidFrameGapTimesOutExactlyThenTheNextFrameDecodes) {
  Waveform line;
  // Sync then 10 bits, then silence: the frame times out 3000 cycles after the last fall is seen.
  const std::uint64_t after = add_frame(line, 5000, kFrameA, 10);
  const std::uint64_t last_fall = after - 1000 + ((kFrameA & 1u) ? 600 : 300);
  const std::uint64_t end = add_frame(line, after + 20000, kFrameB);
  const Observed r = run(end + 5000, kNoSwitches, rf_line(line), {last_fall + 2, last_fall + 2999});
  ASSERT_EQ(r.error_count.size(), 1u);
  EXPECT_EQ(r.error_count[0], (std::pair<std::uint64_t, std::uint32_t>{last_fall + 2 + 3000, 1u}));
  // The block announced exactly that cycle as soon as the fall was seen.
  EXPECT_TRUE(r.snapshots.at(last_fall + 2).wake_valid);
  EXPECT_EQ(r.snapshots.at(last_fall + 2).wake_cycle, last_fall + 2 + 3000);
  EXPECT_EQ(r.snapshots.at(last_fall + 2999).wake_cycle, last_fall + 2 + 3000);
  ASSERT_EQ(r.frame.size(), 1u);
  EXPECT_EQ(r.frame[0].second, kFrameB);
}

TEST(Bc1IoRf, GapOfExactly3000IsAcceptedAnd3001IsNot) {
  for (const std::uint64_t gap : {3000u, 3001u}) {
    Waveform line;
    line.pulse(5000, 2000);  // sync, falls at 7000
    std::uint64_t t = 7000 + gap;  // first bit rises after the gap
    for (int i = 47; i >= 0; --i) {
      line.pulse(t, ((kFrameA >> i) & 1u) ? 600 : 300);
      t += 1000;
    }
    const Observed r = run(t + 5000, kNoSwitches, rf_line(line));
    if (gap == 3000) {
      EXPECT_TRUE(r.error_count.empty()) << "gap " << gap;
      ASSERT_EQ(r.frame.size(), 1u) << "gap " << gap;
      EXPECT_EQ(r.frame[0].second, kFrameA);
    } else {
      // Timed out on cycle 7002 + 3000, then the 48 bits are pulses outside a frame: the first
      // is a malformed frame and so is every other one.
      ASSERT_FALSE(r.error_count.empty()) << "gap " << gap;
      EXPECT_EQ(r.error_count[0].first, 7002u + 3000);
      EXPECT_TRUE(r.frame.empty());
    }
  }
}

TEST(Bc1IoRf, SyncInsideAFrameRestartsIt) {
  Waveform line;
  add_frame(line, 5000, kFrameA, 20);  // 20 bits, then a fresh frame right after
  const std::uint64_t end = add_frame(line, 5000 + 3000 + 20000, kFrameB);
  const Observed r = run(end + 5000, kNoSwitches, rf_line(line));
  ASSERT_EQ(r.error_count.size(), 1u);  // the interrupted frame
  ASSERT_EQ(r.frame.size(), 1u);
  EXPECT_EQ(r.frame[0].second, kFrameB);
}

TEST(Bc1IoRf, CountersWrapAt256) {
  // 300 spikes outside a frame: each is a malformed frame; the 8-bit counter wraps.
  Waveform line;
  for (std::uint64_t i = 0; i < 300; ++i) line.pulse(5000 + i * 100, 50);
  const Observed r = run(5000 + 300 * 100 + 1000, kNoSwitches, rf_line(line));
  ASSERT_EQ(r.error_count.size(), 300u);
  EXPECT_EQ(r.error_count[255].second, 0u);
  EXPECT_EQ(r.error_count.back().second, 300u % 256);
}

// ---------------------------------------------------------------- 32-bit cycle wrap

// The cycle input wraps after 2^32 cycles (71.6 min at 1 MHz). Here cycle 0 of the run is
// 2^32 - 5000, so the block's cycle number wraps to 0 on run cycle 5000.
constexpr std::uint32_t kWrapOffset = 0xFFFF'FFFFu - 5000 + 1;

TEST(Bc1IoWrap, SampleEnableAndWakeCrossTheWrap) {
  // Multiples of 1000 before the wrap fall on run cycles 704, 1704, ... 4704; after it, cycle 0
  // is the next enable (run cycle 5000), then 1000 (run 6000).
  Waveform sw;
  sw.set(3500, true);  // samples on run cycles 3704, 4704, 5000, 6000
  const Observed r = run(8000, switch_line(sw, 9), kRfIdle, {4704}, kWrapOffset);
  ASSERT_EQ(r.debounced.size(), 1u);
  EXPECT_EQ(r.debounced[0].first, 6000u);
  EXPECT_TRUE(r.snapshots.at(4704).wake_valid);
  EXPECT_EQ(r.snapshots.at(4704).wake_cycle, 0u);  // the enable just after the wrap
}

TEST(Bc1IoWrap, FrameAcrossTheWrapDecodes) {
  Waveform line;
  const std::uint64_t end = add_frame(line, 3000, kFrameA);  // sync straddles the wrap at 5000
  const Observed r = run(end + 5000, kNoSwitches, rf_line(line), {}, kWrapOffset);
  ASSERT_EQ(r.frame.size(), 1u);
  EXPECT_EQ(r.frame[0].second, kFrameA);
  EXPECT_TRUE(r.error_count.empty());
}

}  // namespace
