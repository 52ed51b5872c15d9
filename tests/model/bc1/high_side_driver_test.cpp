// HighSideDriver in a Circuit: a 12 V battery (20 mohm inside) -> driver -> output pin -> load
// to ground. On/off, Ohm's law at the pin, the current limit with its foldback (MC33286: 30 A
// above 1 V at the output, 10 A below) and its release, the thermal shutdown and restart, the
// failure modes and the damage resistance, and that the network is solved only on change.
#include "model/bc1/high_side_driver.h"

#include <gtest/gtest.h>
#include <systemc>

#include <cmath>
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

  HighSideDriverSpec spec;  // defaults: 0.1 ohm on, 30 A / 10 A limits, 160 °C shutdown
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

TEST(HighSideDriver, AHardShortIsHeldAtTheShortCircuitLimitAndReleasedAfterIt) {
  Bench b;
  b.driver->command(true);
  b.settle();
  // 0.05 ohm short: 12 V / 0.17 ohm = 70 A unlimited; at 10 A the output stands at 0.5 V, under
  // the 1 V foldback, so the 10 A short-circuit limit holds (MC33286 datasheet).
  const double r_short = 0.05;
  b.set_load(r_short);
  b.settle();
  EXPECT_TRUE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), b.spec.short_circuit_limit_a, 1e-12);
  EXPECT_NEAR(b.v_out(), b.spec.short_circuit_limit_a * r_short, kTol);
  EXPECT_NEAR(b.circuit->network().current(b.load), b.spec.short_circuit_limit_a, kTol);

  b.set_load(kLoad);
  b.settle();
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.v_out(), ohms_law_out(kLoad, 0.1), kTol);
  EXPECT_LT(b.i_driver(), b.spec.short_circuit_limit_a);
}

TEST(HighSideDriver, AnOverloadAboveOneVoltGetsTheHighLimit) {
  Bench b;
  // 0.25 ohm: 12 / 0.37 = 32 A unlimited; at 10 A the output would stand at 2.5 V, above the
  // foldback, so the 30 A limit applies (what lets a cold lamp's inrush through).
  b.set_load(0.25);
  b.driver->command(true);
  b.settle();
  EXPECT_TRUE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), b.spec.current_limit_a, 1e-12);
  EXPECT_NEAR(b.v_out(), b.spec.current_limit_a * 0.25, kTol);
}

TEST(HighSideDriver, JustBelowTheLimitIsNotLimited) {
  Bench b;
  // R such that 12 / (R + 0.12) = 29.9 A: the output stands at ~8 V, above the foldback.
  const double r = kBattery / 29.9 - 0.12;
  b.set_load(r);
  b.driver->command(true);
  sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_US));  // before the junction trips
  EXPECT_FALSE(b.driver->limiting());
  EXPECT_NEAR(b.i_driver(), 29.9, 1e-6);
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
  b.set_load(0.05);
  b.settle();
  const auto start = b.circuit->network().solve_count();
  b.driver->command(true);
  sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_US));
  // The resistive solve sees 70 A, the correction forces 10 A and solves once more.
  EXPECT_EQ(b.circuit->network().solve_count(), start + 2);
}

// How long the driver conducts (its current above 1 A) within [from, to] seconds of the record.
double on_time_s(const Bench& b, double from, double to) {
  const auto& s = *b.recorder->find("I(driver)");
  double on = 0.0;
  for (std::size_t i = 0; i < s.samples.size(); ++i) {
    const double t0 = std::max(from, s.samples[i].time_ps * 1e-12);
    const double t1 = std::min(to, i + 1 < s.samples.size() ? s.samples[i + 1].time_ps * 1e-12 : to);
    if (t1 > t0 && std::fabs(s.samples[i].value) > 1.0) on += t1 - t0;
  }
  return on;
}

TEST(HighSideDriver, ThermalShutdownChopsAShortIntoBursts) {
  Bench b;
  b.set_load(0.01);  // a dead short: 10 A at ~12 V across the die, ~120 W
  b.driver->command(true);
  sc_core::sc_start(sc_core::sc_time(30, sc_core::SC_MS));
  // 120 W into the die's 5 K/W, 30 ms RC (and the package's 65 K/W, 3 s): 135 K above
  // ambient after ~7.5 ms.
  const auto& i = *b.recorder->find("I(driver)");
  ASSERT_GE(i.samples.size(), 2u);
  std::uint64_t first_off = 0;
  for (const auto& x : i.samples)
    if (x.time_ps > 0 && std::fabs(x.value) < 1e-3 && !first_off) first_off = x.time_ps;
  ASSERT_GT(first_off, 0u) << "the switch never tripped";
  EXPECT_GT(first_off * 1e-12, 0.005);
  EXPECT_LT(first_off * 1e-12, 0.010);
  // Then it restarts each time it has cooled 10 K, and trips again: the short sees bursts.
  sc_core::sc_start(sc_core::sc_time(270, sc_core::SC_MS));
  const double duty = on_time_s(b, 0.05, 0.3) / 0.25;
  EXPECT_GT(duty, 0.05) << "it restarts";
  EXPECT_LT(duty, 0.6) << "it does not hold the short";
  EXPECT_LE(b.driver->junction_c(), b.spec.shutdown_c + 1.0);
  EXPECT_GE(b.driver->junction_c(), b.spec.shutdown_c - b.spec.restart_hysteresis_k - 1.0);
  // Switched off, it cools and the protection lets go; nothing happens after that.
  b.driver->command(false);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
  EXPECT_FALSE(b.driver->thermal_shutdown());
  const auto solves = b.circuit->network().solve_count();
  sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_SEC));
  EXPECT_EQ(b.circuit->network().solve_count(), solves);
}

TEST(HighSideDriver, AStalledMotorForASecondDoesNotTripButHeldOnItDoes) {
  Bench b;
  b.set_load(1.2);  // a hatch motor's stall, ~9 A: ~2.9 W in the die
  b.driver->command(true);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
  EXPECT_FALSE(b.driver->thermal_shutdown());
  EXPECT_LT(b.driver->junction_c() - b.spec.ambient_c, 80.0);
  // Held on, the package warms through its 3 s RC (65 K/W x 2.9 W = 190 K) and trips after a
  // few seconds: the MC33286's DC rating is 6 A.
  sc_core::sc_start(sc_core::sc_time(20, sc_core::SC_SEC));
  const auto& i = *b.recorder->find("I(driver)");
  std::uint64_t first_off = 0;
  for (const auto& x : i.samples)
    if (x.time_ps > 0 && std::fabs(x.value) < 1e-3 && !first_off) first_off = x.time_ps;
  ASSERT_GT(first_off, 0u);
  EXPECT_GT(first_off * 1e-12, 2.0);
  EXPECT_LT(first_off * 1e-12, 6.0);
}

}  // namespace
