// HighSideDriver in a Circuit: a 12 V battery (20 mohm inside) -> driver -> output pin -> load
// to ground. On/off, Ohm's law at the pin, the current limit under a short and its release,
// the failure modes and the damage resistance, and that the network is solved only on change.
#include "model/bc1/high_side_driver.h"

#include <gtest/gtest.h>
#include <systemc>

#include <memory>

#include "systemc_kernel.h"

namespace {

using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::HighSideDriver;
using bcmhil::model::HighSideDriverSpec;
using bcmhil::trace::Recorder;

constexpr double kBattery = 12.0;
constexpr double kInternal = 0.02;
constexpr double kLoad = 2.4;  // a lock motor
// Nodes leak 1 nS to ground (model/electrical/network.cpp); at these ohms that is < 1e-7 V.
constexpr double kTol = 1e-6;

struct Bench {
  Bench() {
    bcmhil::testing::fresh_systemc_kernel();
    recorder = std::make_unique<Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    supply = net.add_node("supply");
    out = net.add_node("out");
    net.add_source("battery", supply, kGround, kBattery, kInternal);
    load = net.add_resistor("load", out, kGround, kLoad);
    driver = std::make_unique<HighSideDriver>(*circuit, "driver", supply, out, spec);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void settle() { sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS)); }
  void set_load(double ohms) {
    circuit->network().set_resistance(load, ohms);
    circuit->request_solve();
  }
  double v_out() const { return circuit->network().voltage(out); }
  double i_driver() const { return circuit->network().current(driver->branch()); }

  HighSideDriverSpec spec;  // defaults: 0.1 ohm on, 12 A limit
  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<HighSideDriver> driver;
  int supply, out, load;
};

double ohms_law_out(double load, double series) { return kBattery * load / (load + series + kInternal); }

TEST(HighSideDriver, OffIsOpenAndTheOutputReadsZero) {
  Bench b;
  EXPECT_FALSE(b.driver->commanded());
  EXPECT_FALSE(b.driver->conducting());
  EXPECT_EQ(b.circuit->network().resistance(b.driver->branch()), kOpen);
  EXPECT_NEAR(b.v_out(), 0.0, kTol);
  EXPECT_NEAR(b.i_driver(), 0.0, kTol);
}

TEST(HighSideDriver, OnFollowsOhmsLawWithTheOnResistance) {
  Bench b;
  b.driver->command(true);
  b.settle();
  EXPECT_TRUE(b.driver->conducting());
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol);
  EXPECT_NEAR(b.i_driver(), kBattery / (kLoad + 0.1 + kInternal), kTol);
  // The recorded probe has the same value at the switching instant.
  EXPECT_NEAR(b.recorder->find("V(out)")->value_at(0), ohms_law_out(kLoad, 0.1), kTol);
  EXPECT_NEAR(b.recorder->find("I(driver)")->value_at(0), kBattery / (kLoad + 0.1 + kInternal), kTol);

  b.driver->command(false);
  b.settle();
  EXPECT_NEAR(b.v_out(), 0.0, kTol);
  EXPECT_NEAR(b.recorder->find("V(out)")->value_at(1'000'000'000), 0.0, kTol);
}

TEST(HighSideDriver, CurrentLimitHoldsUnderAShortAndReleasesAfterIt) {
  Bench b;
  b.driver->command(true);
  b.settle();
  // 0.3 ohm short: 12 V / 0.42 ohm = 28.6 A unlimited, so the 12 A limit engages.
  const double r_short = 0.3;
  b.set_load(r_short);
  b.settle();
  EXPECT_TRUE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), b.spec.current_limit_a, 1e-12);
  EXPECT_NEAR(b.v_out(), b.spec.current_limit_a * r_short, kTol);
  EXPECT_NEAR(b.circuit->network().current(b.load), b.spec.current_limit_a, kTol);

  b.set_load(kLoad);
  b.settle();
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol);
  EXPECT_LT(b.i_driver(), b.spec.current_limit_a);
}

TEST(HighSideDriver, JustBelowTheLimitIsNotLimited) {
  Bench b;
  // R such that 12 / (R + 0.12) = 11.9 A.
  const double r = kBattery / 11.9 - 0.12;
  b.set_load(r);
  b.driver->command(true);
  b.settle();
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), 11.9, 1e-6);
}

TEST(HighSideDriver, SwitchingOffInLimitClearsTheLimit) {
  Bench b;
  b.set_load(0.01);
  b.driver->command(true);
  b.settle();
  ASSERT_TRUE(b.driver->limiting());
  b.driver->command(false);
  b.settle();
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), 0.0, kTol);
  EXPECT_NEAR(b.v_out(), 0.0, kTol);
}

TEST(HighSideDriver, FailedOpenConductsNothingWhenCommanded) {
  Bench b;
  b.driver->set_health(HighSideDriver::Health::failed_open);
  b.driver->command(true);
  b.settle();
  EXPECT_TRUE(b.driver->commanded());
  EXPECT_FALSE(b.driver->conducting());
  EXPECT_NEAR(b.v_out(), 0.0, kTol);
  b.driver->set_health(HighSideDriver::Health::ok);
  b.settle();
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol) << "repaired, the command takes effect";
}

TEST(HighSideDriver, FailedShortConductsWhenOffAndNoLongerLimits) {
  Bench b;
  b.driver->set_health(HighSideDriver::Health::failed_short);
  b.settle();
  EXPECT_FALSE(b.driver->commanded());
  EXPECT_TRUE(b.driver->conducting());
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol);
  // A destroyed switch does not limit: a short takes the full current.
  b.driver->command(true);
  b.set_load(0.3);
  b.settle();
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), kBattery / (0.3 + 0.1 + kInternal), 1e-6);
}

TEST(HighSideDriver, DamageResistanceAddsInSeries) {
  Bench b;
  b.driver->command(true);
  b.driver->set_damage_resistance(1.5);
  b.settle();
  EXPECT_DOUBLE_EQ(b.driver->damage_resistance(), 1.5);
  EXPECT_NEAR(b.circuit->network().resistance(b.driver->branch()), 1.6, 1e-12);
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 1.6), kTol);
  b.driver->set_damage_resistance(0.0);
  b.settle();
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol);
}

TEST(HighSideDriver, SolvesOnlyWhenSomethingChanges) {
  Bench b;
  b.settle();
  const auto start = b.circuit->network().solve_count();
  b.driver->command(true);
  b.driver->command(true);  // same command: nothing to do
  b.settle();
  EXPECT_EQ(b.circuit->network().solve_count(), start + 1);
  // Ten seconds on, nothing else happening: no solve at all (not one per cycle).
  sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_SEC));
  EXPECT_EQ(b.circuit->network().solve_count(), start + 1);
  b.driver->command(false);
  b.settle();
  EXPECT_EQ(b.circuit->network().solve_count(), start + 2);
}

TEST(HighSideDriver, AShortCostsOneExtraSolveForTheLimit) {
  Bench b;
  b.set_load(0.3);
  b.settle();
  const auto start = b.circuit->network().solve_count();
  b.driver->command(true);
  b.settle();
  // The resistive solve sees 28 A, the correction forces 12 A and solves once more.
  EXPECT_EQ(b.circuit->network().solve_count(), start + 2);
  sc_core::sc_start(sc_core::sc_time(5, sc_core::SC_SEC));
  EXPECT_EQ(b.circuit->network().solve_count(), start + 2);
}

}  // namespace
