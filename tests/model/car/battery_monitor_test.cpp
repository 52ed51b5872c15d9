// BatteryMonitor: the battery current and the charge drawn, integrated exactly between circuit
// solutions (the current is constant between two), with no periodic sampling.
#include "model/car/battery_monitor.h"

#include <gtest/gtest.h>
#include <systemc>

#include <memory>

#include "systemc_kernel.h"

namespace {

using bcmhil::electrical::kGround;
using bcmhil::model::BatteryMonitor;
using bcmhil::model::Circuit;
using bcmhil::trace::Recorder;

constexpr double kEmf = 12.6;
constexpr double kInternal = 0.02;
// Every node leaks 1 nS to ground (a meter's input, model/electrical/network.h): ~13 nA here,
// about 1e-7 of the load current, which the hand calculation leaves out.
constexpr double kRel = 1e-6;

struct Bench {
  Bench() {
    bcmhil::testing::fresh_systemc_kernel();
    recorder = std::make_unique<Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    const auto plus = net.add_node("battery.plus");
    battery = net.add_source("battery", plus, kGround, kEmf, kInternal);
    load = net.add_resistor("load", plus, kGround, 126.0);
    monitor = std::make_unique<BatteryMonitor>("monitor", *circuit, *recorder, battery);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_to(double seconds) {
    const sc_core::sc_time t(seconds, sc_core::SC_SEC);
    if (t > sc_core::sc_time_stamp()) sc_core::sc_start(t - sc_core::sc_time_stamp());
  }
  void set_load(double ohms) {
    circuit->network().set_resistance(load, ohms);
    circuit->request_solve();
  }
  static double amps(double load_ohm) { return kEmf / (load_ohm + kInternal); }
  const bcmhil::trace::Signal& drawn() const { return *recorder->find("battery.drawn_mAh"); }

  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<BatteryMonitor> monitor;
  bcmhil::electrical::BranchId battery;
  bcmhil::electrical::BranchId load;
};

TEST(BatteryMonitor, CurrentIsWhatTheBatteryDeliversPositiveWhenDischarging) {
  Bench b;
  b.run_to(1.0);
  EXPECT_NEAR(b.monitor->current_a(), Bench::amps(126.0), kRel * Bench::amps(126.0));
  EXPECT_NEAR(b.recorder->find("battery.current")->samples.back().value, Bench::amps(126.0),
              kRel * Bench::amps(126.0));
}

TEST(BatteryMonitor, DrawnChargeIsTheIntegralOfThePiecewiseConstantCurrent) {
  Bench b;
  b.run_to(10.0);
  b.set_load(12.6);  // ~1 A from 10 s
  b.run_to(25.0);
  b.set_load(1260.0);  // ~10 mA from 25 s
  b.run_to(40.0);
  // By hand: 10 s at 12.6/126.02 A, 15 s at 12.6/12.62 A, 15 s at 12.6/1260.02 A; 1 mAh = 3.6 As.
  const double by_hand_mah =
      (10.0 * Bench::amps(126.0) + 15.0 * Bench::amps(12.6) + 15.0 * Bench::amps(1260.0)) / 3.6;
  EXPECT_NEAR(b.monitor->drawn_mah(), by_hand_mah, kRel * by_hand_mah) << "read between solves, it is exact too";
  // The trace holds the value at the last solve (25 s) until record_now() closes the stretch.
  const double at_25s = (10.0 * Bench::amps(126.0) + 15.0 * Bench::amps(12.6)) / 3.6;
  EXPECT_NEAR(b.drawn().samples.back().value, at_25s, kRel * at_25s);
  b.monitor->record_now();
  EXPECT_NEAR(b.drawn().samples.back().value, by_hand_mah, kRel * by_hand_mah);
  EXPECT_EQ(b.drawn().samples.back().time_ps, sc_core::sc_time(40, sc_core::SC_SEC).value());
  EXPECT_NEAR(b.monitor->state_of_charge(), 1.0 - by_hand_mah / 50000.0, 1e-9);
}

TEST(BatteryMonitor, NothingIsSampledWhileNothingChanges) {
  Bench b;
  b.run_to(3600.0);  // an hour parked: no solve, no sample, yet the charge is right when read
  EXPECT_LE(b.drawn().samples.size(), 2u);
  EXPECT_NEAR(b.monitor->drawn_mah(), Bench::amps(126.0) * 1000.0, kRel * 100.0);  // 1 h at ~0.1 A
}

}  // namespace
