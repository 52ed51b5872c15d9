// LockRelay on its own: a battery (20 mohm inside) feeds the coil through the relay's low-side
// switch; NO is the battery, NC ground, COM loaded to ground. The armature follows the coil
// voltage with its operate (3 ms) and release (2 ms) times and its pick-up (7.2 V) and drop-out
// (1.2 V) thresholds; the contact's resistance and the fault hooks show at COM.
#include "model/bc1/lock_relay.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::LockRelay;

constexpr double kInternal = 0.02;

struct Bench {
  explicit Bench(double volts = 12.0, double load_ohm = 2.0) {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    supply = net.add_node("supply");
    com = net.add_node("com");
    source = net.add_source("battery", supply, kGround, volts, kInternal);
    load = net.add_resistor("load", com, kGround, load_ohm);
    relay = std::make_unique<LockRelay>("relay", "rly", *circuit, *recorder, supply, kGround, com, supply, kGround);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  void set_battery(double volts) {
    circuit->network().set_emf(source, volts);
    circuit->request_solve();
  }
  double v_com() const { return circuit->network().voltage(com); }
  double v_supply() const { return circuit->network().voltage(supply); }
  const bcmhil::trace::Signal& sig_armature() const { return history(*recorder, "rly.operated"); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<LockRelay> relay;
  int supply, com, source, load;
};

TEST(LockRelay, AtRestComSitsOnNcGround) {
  Bench b;
  b.run_until(10 * kMs);
  EXPECT_FALSE(b.relay->operated());
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
  EXPECT_NEAR(b.relay->coil_volts(), 0.0, 1e-4);  // the nodes' 1 nS leak: microvolts
}

TEST(LockRelay, PullsInAfterTheOperateTimeAndDropsAfterTheReleaseTime) {
  Bench b;
  b.run_until(10 * kMs);
  b.relay->command(true);
  b.run_until(12'900 * kUs);
  EXPECT_FALSE(b.relay->operated());
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
  // Coil: 12 V over 260 ohm + 0.5 ohm switch, less the battery's internal drop.
  EXPECT_NEAR(b.relay->coil_volts(), 12.0 * 260.0 / 260.5, 0.01);
  b.run_until(13'100 * kUs);
  EXPECT_TRUE(b.relay->operated());
  // COM on NO: battery through the 3 mohm contact into the 2 ohm load.
  const double amps = 12.0 / (2.0 + 0.003 + kInternal);
  EXPECT_NEAR(b.v_com(), 2.0 * amps, 1e-3);
  EXPECT_EQ(rises(b.sig_armature()), std::vector<std::uint64_t>{13 * kMs});

  b.run_until(20 * kMs);
  b.relay->command(false);
  b.run_until(21'900 * kUs);
  EXPECT_TRUE(b.relay->operated());
  b.run_until(22'100 * kUs);
  EXPECT_FALSE(b.relay->operated());
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
}

TEST(LockRelay, ACleanContactDropsThirtyMillivoltsAtTenAmps) {
  Bench b(12.0, 1.177);  // ~10 A
  b.relay->command(true);
  b.run_until(10 * kMs);
  // The NO branch runs from COM to NO: the load current flows against it.
  const double amps = -b.circuit->network().current(b.relay->no_contact());
  EXPECT_NEAR(amps, 10.0, 0.1);
  EXPECT_NEAR(b.v_supply() - b.v_com(), 0.003 * amps, 1e-4);
}

TEST(LockRelay, BelowPickUpTheArmatureStaysAndAboveItPullsIn) {
  Bench b(7.1);  // 7.1 V on the coil: below 7.2 V
  b.relay->command(true);
  b.run_until(50 * kMs);
  EXPECT_FALSE(b.relay->operated());
  b.set_battery(7.4);  // ~7.38 V on the coil
  b.run_until(60 * kMs);
  EXPECT_TRUE(b.relay->operated());
}

TEST(LockRelay, OnceInItHoldsDownToTheDropOutVoltage) {
  Bench b;
  b.relay->command(true);
  b.run_until(10 * kMs);
  ASSERT_TRUE(b.relay->operated());
  b.set_battery(2.0);  // between drop-out and pick-up: hysteresis keeps it in
  b.run_until(30 * kMs);
  EXPECT_TRUE(b.relay->operated());
  b.set_battery(1.0);
  b.run_until(40 * kMs);
  EXPECT_FALSE(b.relay->operated());
}

TEST(LockRelay, AContactFilmSitsInSeriesWithTheLoad) {
  Bench b;
  b.relay->set_contact_film(4.0);
  b.relay->command(true);
  b.run_until(10 * kMs);
  // 12 V across the film and the 2 ohm load: a third reaches COM.
  EXPECT_NEAR(b.v_com(), 12.0 * 2.0 / (2.0 + 4.003 + kInternal), 1e-3);
  b.relay->set_contact_film(kOpen);
  b.run_until(11 * kMs);
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
}

TEST(LockRelay, WeldedOnNoFeedsComWhateverTheCoilDoes) {
  Bench b;
  b.relay->set_welded(LockRelay::Side::no);
  b.run_until(10 * kMs);
  EXPECT_TRUE(b.relay->operated());
  EXPECT_FALSE(b.relay->commanded());
  EXPECT_GT(b.v_com(), 11.8);
  b.relay->command(true);
  b.relay->command(false);
  b.run_until(20 * kMs);
  EXPECT_GT(b.v_com(), 11.8);
}

TEST(LockRelay, WeldedOnNcNeverFeedsCom) {
  Bench b;
  b.relay->set_welded(LockRelay::Side::nc);
  b.relay->command(true);
  b.run_until(20 * kMs);
  EXPECT_FALSE(b.relay->operated());
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
  EXPECT_GT(b.relay->coil_volts(), 11.0);  // the coil is fine, the armature is stuck
}

TEST(LockRelay, AnOpenCoilNeverPullsIn) {
  Bench b;
  b.relay->set_coil_open(true);
  b.relay->command(true);
  b.run_until(20 * kMs);
  EXPECT_FALSE(b.relay->operated());
  EXPECT_NEAR(b.relay->coil_volts(), 0.0, 1e-4);
  EXPECT_NEAR(b.v_com(), 0.0, 1e-6);
}

}  // namespace
