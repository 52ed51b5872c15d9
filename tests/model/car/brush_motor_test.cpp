// BrushMotor on its own, wired like a front wiper: a 13 V battery (20 mohm inside) feeds the park
// cam; "relays" put the battery on the slow or the fast brush, or (at rest) join the slow brush to
// the park cam's contact, as the run/park relay's rest contact does in the car.
#include "model/car/brush_motor.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::BrushMotor;
using bcmhil::model::Circuit;

enum class Drive { rest, slow, fast };

struct Bench {
  Bench() {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    battery = net.add_node("battery");
    net.add_source("source", battery, kGround, 13.0, 0.02);
    motor = std::make_unique<BrushMotor>("motor", "front_wiper", *circuit, *recorder, battery);
    slow_on = net.add_resistor("slow_on", battery, motor->slow(), kOpen);
    fast_on = net.add_resistor("fast_on", battery, motor->fast(), kOpen);
    rest = net.add_resistor("rest", motor->slow(), motor->park(), 0.01);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void drive(Drive d) {
    auto& net = circuit->network();
    net.set_resistance(slow_on, d == Drive::slow ? 0.01 : kOpen);
    net.set_resistance(fast_on, d == Drive::fast ? 0.01 : kOpen);
    net.set_resistance(rest, d == Drive::rest ? 0.01 : kOpen);
    circuit->request_solve();
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  double amps(const char* branch) const {
    const auto& net = circuit->network();
    return net.current(net.branch(branch));
  }
  double volts(bcmhil::electrical::NodeId n) const { return circuit->network().voltage(n); }
  const bcmhil::trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<BrushMotor> motor;
  int battery, slow_on, fast_on, rest;
};

TEST(BrushMotor, SlowBrushWipesAbout45PerMinuteAt3AAndTheIdleBrushCarriesItsBackEmf) {
  Bench b;
  EXPECT_TRUE(b.motor->parked());
  b.drive(Drive::slow);
  b.run_until(3 * kS);
  EXPECT_NEAR(b.motor->speed_rev_s() * 60.0, 45.4, 1.0);
  EXPECT_NEAR(b.amps("front_wiper.slow_winding"), 3.0, 0.1) << "the back-EMF leaves the friction current";
  // The fast brush is open: its terminal sits at its own back-EMF, 9.5 V per turn/s.
  EXPECT_NEAR(b.volts(b.motor->fast()), 9.5 * b.motor->speed_rev_s(), 0.05);
  // 2.27 turns in 3 s (less the start): the cam enters its park sector twice.
  EXPECT_EQ(rises(b.sig("front_wiper.parked"), 0, 3 * kS).size(), 2u);
}

TEST(BrushMotor, FastBrushTurnsFaster) {
  Bench b;
  b.drive(Drive::fast);
  b.run_until(2 * kS);
  EXPECT_NEAR(b.motor->speed_rev_s() * 60.0, 65.0, 1.5);
  EXPECT_NEAR(b.amps("front_wiper.fast_winding"), 4.42, 0.15);
}

TEST(BrushMotor, ReleasedMidWipeItRunsOnToParkAndIsBrakedThere) {
  Bench b;
  b.drive(Drive::slow);
  b.run_until(1000 * kMs);  // 0.7 turns: out of park, mid-wipe
  ASSERT_FALSE(b.motor->parked());
  b.drive(Drive::rest);
  b.run_until(1100 * kMs);
  EXPECT_TRUE(b.sig("front_wiper.moving").value_at(now()) > 0.5) << "the park cam feeds it on";
  b.run_until(3 * kS);
  EXPECT_TRUE(b.motor->parked());
  EXPECT_EQ(b.motor->speed_rev_s(), 0.0);
  const auto stopped = falls(b.sig("front_wiper.moving"));
  ASSERT_EQ(stopped.size(), 1u);
  const auto entered = rises(b.sig("front_wiper.parked"));
  ASSERT_EQ(entered.size(), 1u);
  // The shorted winding brakes it well inside the sector, which takes 133 ms to cross at speed.
  EXPECT_LT(stopped[0] - entered[0], 100 * kMs);
  EXPECT_NEAR(b.amps("front_wiper.slow_winding"), 0.0, 1e-6);
}

TEST(BrushMotor, AJammedMotorDrawsItsStallCurrentAndTheCamNeverMoves) {
  Bench b;
  b.motor->set_jammed(true);
  b.drive(Drive::slow);
  b.run_until(2 * kS);
  EXPECT_NEAR(b.amps("front_wiper.slow_winding"), 13.0 / 0.81, 0.5);  // 0.8 ohm + source and switch
  EXPECT_TRUE(rises(b.sig("front_wiper.moving")).empty());
  EXPECT_TRUE(falls(b.sig("front_wiper.parked")).empty());
  b.motor->set_jammed(false);
  b.run_until(3 * kS);
  EXPECT_GT(b.motor->speed_rev_s(), 0.7) << "freed, it starts again";
}

TEST(BrushMotor, RunningSteadilyItIntegratesNothing) {
  Bench b;
  b.drive(Drive::slow);
  b.run_until(2 * kS);
  const auto samples = b.sig("front_wiper.speed").samples.size();
  b.run_until(6 * kS);
  EXPECT_EQ(b.sig("front_wiper.speed").samples.size(), samples) << "no speed steps once steady";
  EXPECT_EQ(rises(b.sig("front_wiper.parked"), 2 * kS, 6 * kS).size(), 3u) << "the cam still turns (45/min)";
}

}  // namespace
