// SleepManager: alone (a logic load, an ignition pin, a keep-awake signal) and in the car: it
// falls asleep exactly 60 s after the last activity with the ignition off, draws the quiescent
// current asleep, and wakes on an input edge, a fob telegram, the ignition or a K-line request.
#include "model/bc1/sleep_manager.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>
#include <systemc>

#include <memory>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::model::Circuit;
using bcmhil::model::SleepManager;
using bcmhil::model::SleepSpec;

constexpr double kEmf = 12.6;

struct Alone {
  Alone() {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    plus = net.add_node("battery.plus");
    battery = net.add_source("battery", plus, kGround, kEmf, 0.02);
    kl15 = net.add_node("kl15");
    ignition = net.add_resistor("ignition_switch", plus, kl15, bcmhil::electrical::kOpen);
    net.add_resistor("kl15_load", kl15, kGround, 10e3);
    logic = net.add_resistor("logic_load", plus, kGround, 200.0);
    sleep = std::make_unique<SleepManager>("sleep", *circuit, *recorder, logic, kl15);
    output = std::make_unique<sc_core::sc_signal<bool>>("output");  // in this test's kernel
    sleep->keep_awake(*output);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  double battery_amps() const { return -circuit->network().current(battery); }
  void set_ignition(bool on) {
    circuit->network().set_resistance(ignition, on ? 0.01 : bcmhil::electrical::kOpen);
    circuit->request_solve();
  }
  const bcmhil::trace::Signal& awake() const { return history(*recorder, "bc1.awake"); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<SleepManager> sleep;
  std::unique_ptr<sc_core::sc_signal<bool>> output;
  bcmhil::electrical::NodeId plus, kl15;
  bcmhil::electrical::BranchId battery, ignition, logic;
};

TEST(SleepManager, FallsAsleepExactlyAfterTheQuietTimeAndDrawsTheQuiescentCurrent) {
  Alone a;
  a.run_until(59 * kS);
  EXPECT_TRUE(a.sleep->awake());
  EXPECT_NEAR(a.battery_amps(), kEmf / (200.0 + 0.02), 1e-6) << "awake: ~63 mA";
  a.run_until(61 * kS);
  EXPECT_FALSE(a.sleep->awake());
  EXPECT_EQ(falls(a.awake()), std::vector<std::uint64_t>{60 * kS});
  const double designed = kEmf / SleepSpec{}.asleep_ohm;  // 2 mA
  EXPECT_NEAR(a.battery_amps(), designed, 0.1 * designed);
}

TEST(SleepManager, AnActiveOutputHoldsItAwakeAndTheQuietTimeStartsWhenItEnds) {
  Alone a;
  a.output->write(true);
  a.run_until(100 * kS);
  EXPECT_TRUE(a.sleep->awake());
  a.output->write(false);  // takes effect at 100 s
  a.run_until(159 * kS);
  EXPECT_TRUE(a.sleep->awake());
  a.run_until(161 * kS);
  EXPECT_FALSE(a.sleep->awake());
  EXPECT_EQ(falls(a.awake()), std::vector<std::uint64_t>{160 * kS});
}

TEST(SleepManager, TheIgnitionWakesItAndKeepsItAwake) {
  Alone a;
  a.run_until(70 * kS);
  ASSERT_FALSE(a.sleep->awake());
  a.set_ignition(true);
  a.run_until(200 * kS);
  EXPECT_TRUE(a.sleep->awake());
  EXPECT_EQ(rises(a.awake()), std::vector<std::uint64_t>{70 * kS});
  a.set_ignition(false);
  a.run_until(300 * kS);
  EXPECT_EQ(falls(a.awake()), (std::vector<std::uint64_t>{60 * kS, 260 * kS}));
  EXPECT_EQ(a.sleep->wakes(), 1u);
}

TEST(SleepManager, NoteActivityWakesItAndRestartsTheQuietTime) {
  Alone a;
  a.run_until(90 * kS);
  a.sleep->note_activity();  // e.g. a K-line request
  EXPECT_TRUE(a.sleep->awake());
  a.run_until(149 * kS);
  EXPECT_TRUE(a.sleep->awake());
  a.run_until(151 * kS);
  EXPECT_FALSE(a.sleep->awake());
}

// In the car: the whole module's draw, asleep and awake, and the real wake sources.
TEST(SleepManagerInTheCar, ParkedItSleepsAt60sAndTheBatteryCurrentFallsToTheQuiescentValue) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(59 * kS);
  const double awake_a = t.car().battery_monitor.current_a();
  t.run_until(61 * kS);
  // The last activity is the module's power-up: it boots 20 ms after being connected.
  const std::uint64_t boot = sc_core::sc_time(bcmhil::model::Bc1Module::kBootS, sc_core::SC_SEC).value();
  EXPECT_EQ(falls(t.sig("bc1.awake")), std::vector<std::uint64_t>{60 * kS + boot});
  const double asleep_a = t.car().battery_monitor.current_a();
  // Designed by hand: logic 12.6 V / 6.3 kohm plus the switch inputs' 10 k + 10 k dividers, all
  // fed through the one 47 ohm sense feed (n of them in parallel: 20 k / n).
  const auto& net = t.car().circuit.network();
  int n = 0;
  for (std::size_t b = 0; b < net.branch_count(); ++b) {
    const auto& name = net.branch_name(static_cast<int>(b));
    const std::string suffix = ".pull_up";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        net.resistance(static_cast<int>(b)) < 1e6)
      ++n;
  }
  ASSERT_GE(n, 4);
  const double designed = kEmf / SleepSpec{}.asleep_ohm + kEmf / (47.0 + 20e3 / n);
  EXPECT_NEAR(asleep_a, designed, 0.1 * designed);
  EXPECT_NEAR(awake_a - asleep_a, kEmf / SleepSpec{}.awake_ohm - kEmf / SleepSpec{}.asleep_ohm, 2e-3);
}

TEST(SleepManagerInTheCar, AFobPressWakesItAndItSleepsAgain60sAfterTheLastFlash) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kS);
  ASSERT_FALSE(t.car().bc1.sleep_manager().awake());
  t.car().press_fob(1, bcmhil::model::FobButton::lock);
  t.run_until(101 * kS);
  EXPECT_TRUE(t.car().bc1.sleep_manager().awake());
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT"), 100 * kS).size(), 1u) << "it still does what it was woken for";
  const auto last_flash_end = falls(t.sig("DOP_LH_INDICATOR_LGT"), 100 * kS).at(0);
  t.run_until(200 * kS);
  // 60 s after the last output went off (the flash, or the lock relays' pulse if later).
  std::uint64_t last_output = last_flash_end;
  for (const char* out : {"DOP_COMMON_LOCK_RLY", "DOP_DRV_LOCK_RLY", "DOP_REST_LOCK_RLY", "DOP_SUPER_LOCK_RLY"})
    if (const auto* s = t.recorder->find(out))
      for (auto f : falls(*s, 100 * kS)) last_output = std::max(last_output, f);
  const auto asleep_at = falls(t.sig("bc1.awake"), 100 * kS).at(0);
  // Plus the relays' 2 ms release: their readbacks moving are activity too.
  EXPECT_GE(asleep_at, last_output + 60 * kS);
  EXPECT_LE(asleep_at, last_output + 60 * kS + 10 * kMs);
}

TEST(SleepManagerInTheCar, AK_lineRequestWakesItWhenTheLineCarriesIt) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(70 * kS);
  ASSERT_FALSE(t.car().bc1.sleep_manager().awake());
  EXPECT_TRUE(t.car().bc1.hear_kline());
  t.run_until(71 * kS);
  EXPECT_TRUE(t.car().bc1.sleep_manager().awake());
}

}  // namespace
