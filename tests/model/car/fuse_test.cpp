// Fuses that blow on overload (model/car/fuse.h): the time-current characteristic, the blow time
// scheduled from the current at each solve (no per-cycle work), no blow at or below rating, heat
// carried from one overload pulse into the next and lost while cooling.
#include "model/car/fuse.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FuseCharacteristic;

// --- the characteristic ----------------------------------------------------------------------

TEST(FuseCharacteristic, DatasheetPointsAndLimits) {
  EXPECT_TRUE(std::isinf(FuseCharacteristic::blow_time_s(0.0)));
  EXPECT_TRUE(std::isinf(FuseCharacteristic::blow_time_s(1.0)));
  EXPECT_TRUE(std::isinf(FuseCharacteristic::blow_time_s(1.10)));
  EXPECT_NEAR(FuseCharacteristic::blow_time_s(1.225), 1200.0, 1e-6);  // half-way to 110 %: twice as long
  EXPECT_DOUBLE_EQ(FuseCharacteristic::blow_time_s(1.35), 600.0);    // 135 %: within an hour
  EXPECT_DOUBLE_EQ(FuseCharacteristic::blow_time_s(2.0), 2.0);       // 200 %: 1-5 s
  EXPECT_DOUBLE_EQ(FuseCharacteristic::blow_time_s(3.5), 0.2);       // 350 %: 0.1-0.5 s
  EXPECT_DOUBLE_EQ(FuseCharacteristic::blow_time_s(5.0), 0.03);      // 500 %: 10-50 ms
  EXPECT_NEAR(FuseCharacteristic::blow_time_s(10.0), 0.0075, 1e-12);   // beyond: constant I^2 t
}

TEST(FuseCharacteristic, FallsSteadilyWithTheOverload) {
  double last = std::numeric_limits<double>::infinity();
  for (double r = 1.11; r < 20.0; r *= 1.01) {
    const double t = FuseCharacteristic::blow_time_s(r);
    EXPECT_LT(t, last) << r;
    last = t;
  }
}

// --- in the car ------------------------------------------------------------------------------

// A parked car with a switchable load on the BC1's 30CDL feed pin (behind fuse F9, 20 A).
struct LoadedCar : CarUnderTest {
  LoadedCar() {
    auto& net = car().circuit.network();
    load = net.add_resistor("test.load", net.node("bc1.kl30_cdl"), bcmhil::electrical::kGround,
                            bcmhil::electrical::kOpen);
    elaborate();
  }
  // Switches the load at the present instant (the circuit solves then) and runs 1 us on.
  void set_load(double ohms) {
    car().circuit.network().set_resistance(load, ohms);
    car().circuit.request_solve();
    run_for(1 * kUs);
  }
  double f9_amps() const { return std::fabs(amps("fuse.F9")); }
  const bcmhil::model::Fuse& f9() { return *car().power.find_fuse("F9"); }
  bcmhil::electrical::BranchId load;
};

std::uint64_t us_ceil(double seconds) { return static_cast<std::uint64_t>(std::ceil(seconds * 1e6)) * kUs; }

TEST(Fuse, ConstantOverloadBlowsExactlyWhenTheCharacteristicSays) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.set_load(0.3);  // ~38 A through a 20 A fuse
  const double ratio = t.f9_amps() / 20.0;
  ASSERT_GT(ratio, 1.8);
  ASSERT_LT(ratio, 2.0);
  const std::uint64_t expected = 1 * kS + us_ceil(FuseCharacteristic::blow_time_s(ratio));
  t.run_until(expected - 1 * kUs);
  EXPECT_FALSE(t.f9().blown);
  t.run_until(expected + 1 * kMs);
  EXPECT_TRUE(t.f9().blown);
  const auto r = rises(t.sig("fuse.F9.blown"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], expected);
  // Open: the feed pin is dead, the other fuses untouched.
  EXPECT_LT(t.volts("bc1.kl30_cdl"), 1e-3);
  EXPECT_FALSE(t.car().power.find_fuse("F10")->blown);
  EXPECT_TRUE(rises(t.sig("fuse.F10.blown")).empty());
}

TEST(Fuse, HeavyShortBlowsInMilliseconds) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.set_load(0.01);  // a dead short: the battery's internal resistance limits it to ~350 A
  const double ratio = t.f9_amps() / 20.0;
  ASSERT_GT(ratio, 5.0);
  const std::uint64_t expected = 1 * kS + us_ceil(FuseCharacteristic::blow_time_s(ratio));
  EXPECT_LT(expected - 1 * kS, 30 * kMs);
  t.run_until(1 * kS + 100 * kMs);
  ASSERT_EQ(rises(t.sig("fuse.F9.blown")).size(), 1u);
  EXPECT_EQ(rises(t.sig("fuse.F9.blown"))[0], expected);
}

TEST(Fuse, NoBlowAtOrBelowRatingHoweverLong) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.set_load(0.62);  // ~19 A: 95 % of rating
  EXPECT_LT(t.f9_amps(), 20.0);
  EXPECT_GT(t.f9_amps(), 18.0);
  t.run_until(600 * kS);  // ten minutes: cheap, nothing runs per cycle
  EXPECT_FALSE(t.f9().blown);
  EXPECT_EQ(t.f9().heat, 0.0);
  EXPECT_TRUE(rises(t.sig("fuse.F9.blown")).empty());
  EXPECT_GT(t.volts("bc1.kl30_cdl"), 11.0);
}

TEST(Fuse, HeatAccumulatesAcrossTwoOverloadPulses) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.set_load(0.3);
  const double t_blow = FuseCharacteristic::blow_time_s(t.f9_amps() / 20.0);
  // First pulse: 1 s, about half the melting heat, then the load goes off for 0.5 s.
  t.run_until(2 * kS);
  t.set_load(bcmhil::electrical::kOpen);
  const double after_first = t.f9().heat;
  EXPECT_NEAR(after_first, 1.0 / t_blow, 1e-9);
  EXPECT_FALSE(t.f9().blown);
  t.run_until(2500 * kMs);
  t.set_load(0.3);
  // Cooled for 0.5 s with the 5 s time constant, then the rest of the heat at the same current.
  const double carried = after_first * std::exp(-0.5 / FuseCharacteristic::kCoolingTimeConstantS);
  EXPECT_NEAR(t.f9().heat, carried, 1e-9);
  const std::uint64_t expected = 2500 * kMs + us_ceil((1.0 - carried) * t_blow);
  t.run_until(expected + 10 * kMs);
  const auto r = rises(t.sig("fuse.F9.blown"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NEAR(static_cast<double>(r[0]), static_cast<double>(expected), 1.0 * kUs);
  // Earlier than a cold fuse would have blown in the second pulse.
  EXPECT_LT(r[0], 2500 * kMs + us_ceil(t_blow));
}

TEST(Fuse, AFuseThatCooledDownStartsCold) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.set_load(0.3);
  t.run_until(2 * kS);
  t.set_load(bcmhil::electrical::kOpen);
  t.run_until(62 * kS);  // twelve time constants
  t.set_load(0.3);
  EXPECT_LT(t.f9().heat, 1e-5);
  t.run_until(70 * kS);
  EXPECT_TRUE(t.f9().blown);
}

TEST(Fuse, TheBlownFuseFaultRecordsTheBlownSignalToo) {
  LoadedCar t;
  t.run_until(1 * kS);
  t.car().power.blow(*t.car().power.find_fuse("F10"));
  t.car().power.blow(*t.car().power.find_fuse("F10"));  // once is enough
  t.run_until(2 * kS);
  ASSERT_EQ(rises(t.sig("fuse.F10.blown")).size(), 1u);
  EXPECT_EQ(rises(t.sig("fuse.F10.blown"))[0], 1 * kS);
  EXPECT_LT(t.volts("bc1.kl30_light"), 1e-3);
}

}  // namespace
