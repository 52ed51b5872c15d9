#pragma once
// Helpers shared by the model unit tests (tests/model/bc1, car, faults): a Vehicle on a fresh
// SystemC kernel, and readers of the recorder's histories (edges, extremes in a window), so the
// tests assert on exactly what a person would see in the trace.
#include "model/car/vehicle.h"
#include "model/trace/recorder.h"

#include <gtest/gtest.h>
#include <systemc>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "systemc_kernel.h"

namespace bcmhil::testing {

constexpr std::uint64_t kUs = 1'000'000;  // picoseconds per microsecond
constexpr std::uint64_t kMs = 1000 * kUs;
constexpr std::uint64_t kS = 1000 * kMs;

inline std::uint64_t ps(const sc_core::sc_time& t) { return t.value(); }
inline std::uint64_t now() { return sc_core::sc_time_stamp().value(); }

inline const trace::Signal& history(const trace::Recorder& recorder, const std::string& name) {
  const trace::Signal* s = recorder.find(name);
  if (!s) throw std::out_of_range("no recorded signal " + name);
  return *s;
}

// Times (ps) at which the signal goes from <= 0.5 to > 0.5 (rising) or back (falling), in
// [from, to).
inline std::vector<std::uint64_t> edges(const trace::Signal& s, bool rising, std::uint64_t from = 0,
                                        std::uint64_t to = std::numeric_limits<std::uint64_t>::max()) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 1; i < s.samples.size(); ++i) {
    const bool before = s.samples[i - 1].value > 0.5;
    const bool after = s.samples[i].value > 0.5;
    if (before != after && after == rising && s.samples[i].time_ps >= from && s.samples[i].time_ps < to)
      out.push_back(s.samples[i].time_ps);
  }
  return out;
}
inline std::vector<std::uint64_t> rises(const trace::Signal& s, std::uint64_t from = 0,
                                        std::uint64_t to = std::numeric_limits<std::uint64_t>::max()) {
  return edges(s, true, from, to);
}
inline std::vector<std::uint64_t> falls(const trace::Signal& s, std::uint64_t from = 0,
                                        std::uint64_t to = std::numeric_limits<std::uint64_t>::max()) {
  return edges(s, false, from, to);
}

// Highest / lowest value the signal takes anywhere in [from, to].
inline double max_in(const trace::Signal& s, std::uint64_t from, std::uint64_t to) {
  double m = s.value_at(from);
  for (const auto& x : s.samples)
    if (x.time_ps >= from && x.time_ps <= to) m = std::max(m, x.value);
  return m;
}
inline double min_in(const trace::Signal& s, std::uint64_t from, std::uint64_t to) {
  double m = s.value_at(from);
  for (const auto& x : s.samples)
    if (x.time_ps >= from && x.time_ps <= to) m = std::min(m, x.value);
  return m;
}

// A parked car on a fresh kernel, elaborated and settled at time zero.
struct CarUnderTest {
  explicit CarUnderTest(model::VehicleConfig config = {}) {
    fresh_systemc_kernel();
    recorder = std::make_unique<trace::Recorder>();
    vehicle = std::make_unique<model::Vehicle>("car", *recorder, std::move(config));
  }
  // Separate from the constructor so a test can add faults or modules before elaboration.
  void elaborate() { sc_core::sc_start(sc_core::SC_ZERO_TIME); }

  // Runs until the absolute time `t_ps` (no-op if already there).
  void run_until(std::uint64_t t_ps) {
    if (t_ps > now()) sc_core::sc_start(sc_core::sc_time::from_value(t_ps - now()));
  }
  void run_for(std::uint64_t d_ps) { run_until(now() + d_ps); }

  const trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }
  double volts(const std::string& node) const {
    const auto& net = vehicle->circuit.network();
    return net.voltage(net.node(node));
  }
  double amps(const std::string& branch) const {
    const auto& net = vehicle->circuit.network();
    return net.current(net.branch(branch));
  }
  model::Vehicle& car() { return *vehicle; }

  std::unique_ptr<trace::Recorder> recorder;
  std::unique_ptr<model::Vehicle> vehicle;
};

// When a fob press at `press_ps` finishes on air: sync 2000 us + gap 700 us, then 48 bit periods
// of 1000 us, the last one's high pulse 300 us (0) or 600 us (1) (model/bc1/rf_frame.h
// rf_timing); the last bit sent is bit 0, the check nibble's LSB.
inline std::uint64_t telegram_last_fall(std::uint64_t press_ps, std::uint64_t telegram) {
  return press_ps + 2700 * kUs + 47 * kMs + ((telegram & 1) ? 600 : 300) * kUs;
}

// From the last falling edge on DIP_RF_CODE_LOGIC to the controller acting: the fall is first
// sampled on the next clock edge n (1 us later), the RF edge detector reports it on n+2
// (hw/README.md "Latency"), so the frame count and the controller's outputs change 3 cycles
// (3 us at 1 MHz) after the fall.
constexpr std::uint64_t kRfDecodeLatency = 3 * kUs;

}  // namespace bcmhil::testing
