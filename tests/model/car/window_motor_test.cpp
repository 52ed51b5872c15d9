// WindowMotor on its own: pin 1 switched to a 12 V battery (20 mohm inside) or to ground through
// 10 mohm, pin 2 the same way (what the BC1's two window relays do). The glass rises at the
// speed where the back-EMF leaves the friction-plus-weight current (~4 s for the travel), falls
// faster (the weight helps), stalls at the end stops at battery volts over the winding, and an
// obstacle in the opening stops it with a force that follows from the stall current.
#include "model/car/window_motor.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::WindowMotor;

constexpr std::uint64_t kOn = 100 * kMs;

struct Bench {
  explicit Bench(double position, double volts = 12.0) {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    motor = std::make_unique<WindowMotor>("motor", "window.test", *circuit, *recorder, position);
    auto& net = circuit->network();
    battery = net.add_node("battery");
    net.add_source("source", battery, kGround, volts, 0.02);
    a_high = net.add_resistor("a_high", battery, motor->pin(1), kOpen);
    a_low = net.add_resistor("a_low", motor->pin(1), kGround, 0.01);
    b_high = net.add_resistor("b_high", battery, motor->pin(2), kOpen);
    b_low = net.add_resistor("b_low", motor->pin(2), kGround, 0.01);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  // +1: pin 1 to battery (up), -1: pin 2 to battery (down), 0: both grounded (brake).
  void drive(int polarity) {
    auto& net = circuit->network();
    net.set_resistance(a_high, polarity > 0 ? 0.01 : kOpen);
    net.set_resistance(a_low, polarity > 0 ? kOpen : 0.01);
    net.set_resistance(b_high, polarity < 0 ? 0.01 : kOpen);
    net.set_resistance(b_low, polarity < 0 ? kOpen : 0.01);
    circuit->request_solve();
  }
  double amps() const { return motor->current(); }
  const bcmhil::trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<WindowMotor> motor;
  int battery, a_high, a_low, b_high, b_low;
};

TEST(WindowMotor, RisesInItsTravelTimeThenStallsInTheSeal) {
  Bench b(0.0);
  b.run_until(kOn);
  b.drive(+1);
  b.run_until(kOn + kMs / 2);
  // Inrush: no back-EMF yet, battery volts over the winding (0.6 ohm + 40 mohm of feed).
  EXPECT_NEAR(b.amps(), 12.0 / 0.64, 0.2);
  b.run_until(kOn + 2 * kS);
  // Running: the back-EMF leaves friction plus the glass's weight (5.5 A).
  EXPECT_NEAR(b.amps(), 5.5, 0.2);
  EXPECT_NEAR(b.motor->position(), 0.5, 0.08);
  b.run_until(kOn + 5 * kS);
  EXPECT_DOUBLE_EQ(b.motor->position(), 1.0);
  EXPECT_TRUE(b.motor->closed());
  EXPECT_NEAR(b.amps(), 12.0 / 0.64, 0.2);  // stalled at the top
  // Shut between 3.5 and 4.5 s after the start.
  const auto shut = rises(b.sig("window.test.closed"));
  ASSERT_EQ(shut.size(), 1u);
  EXPECT_GT(shut[0], kOn + 3500 * kMs);
  EXPECT_LT(shut[0], kOn + 4500 * kMs);
}

TEST(WindowMotor, FallsFasterThanItRisesAndStaysWhereItStops) {
  Bench b(1.0);
  b.run_until(kOn);
  b.drive(-1);
  b.run_until(kOn + 1500 * kMs);
  EXPECT_NEAR(b.amps(), -2.5, 0.2);  // friction less the weight
  b.drive(0);                        // braked: both pins grounded
  b.run_until(kOn + 1700 * kMs);
  const double stopped = b.motor->position();
  EXPECT_LT(stopped, 0.6);
  EXPECT_GT(stopped, 0.4);  // ~0.31 travel/s at 12 V
  b.run_until(kOn + 10 * kS);
  EXPECT_DOUBLE_EQ(b.motor->position(), stopped);  // the worm gear holds it
  EXPECT_FALSE(b.motor->closed());
}

TEST(WindowMotor, AnObstacleStopsTheGlassAtTheStallForce) {
  Bench b(0.5);
  b.motor->set_obstacle(100.0);  // a hand 100 mm below the frame: the glass meets it at 0.75
  b.run_until(kOn);
  b.drive(+1);
  b.run_until(kOn + 3 * kS);
  // Pressed in until the stall current balances friction, weight and the spring: ~13 A x 25 N/A.
  EXPECT_GT(b.motor->pinch_force_n(), 250.0);
  EXPECT_LT(b.motor->pinch_force_n(), 400.0);
  EXPECT_LT(b.motor->position(), 0.85);
  EXPECT_GT(b.motor->position(), 0.75);
  EXPECT_GT(b.amps(), 15.0);
  EXPECT_NEAR(max_in(b.sig("window.test.pinch_force"), kOn, now()), b.motor->pinch_force_n(), 1.0);
  b.drive(-1);  // backing off frees it
  b.run_until(kOn + 4 * kS);
  EXPECT_DOUBLE_EQ(b.motor->pinch_force_n(), 0.0);
}

TEST(WindowMotor, TooLittleCurrentDoesNotMoveIt) {
  Bench b(0.5, 3.0);  // 3 V: under 5.5 A through the winding, stiction holds
  b.run_until(kOn);
  b.drive(+1);
  b.run_until(kOn + 2 * kS);
  EXPECT_DOUBLE_EQ(b.motor->position(), 0.5);
}

}  // namespace
