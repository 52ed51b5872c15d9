// DoorLockMotor on its own: pin 1 switched to a 12 V battery (20 mohm inside) or to ground
// through 10 mohm, pin 2 to ground or the battery the same way (the polarity reversal the BC1's
// relays do). The rod runs its travel at the speed where the back-EMF leaves just the friction
// current (~0.15 s at 12 V), then stalls at the end stop at battery volts over the winding.
#include "model/car/door_lock_motor.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::DoorLockMotor;

constexpr std::uint64_t kOn = 100 * kMs;

struct Bench {
  explicit Bench(bool locked = false, double volts = 12.0) {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    motor = std::make_unique<DoorLockMotor>("motor", "door_lock.test", *circuit, *recorder, locked);
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
  // +1: pin 1 to battery (lock), -1: pin 2 to battery (unlock), 0: both grounded (brake).
  void drive(int polarity, double series_ohm = 0.01) {
    auto& net = circuit->network();
    net.set_resistance(a_high, polarity > 0 ? series_ohm : kOpen);
    net.set_resistance(a_low, polarity > 0 ? kOpen : 0.01);
    net.set_resistance(b_high, polarity < 0 ? series_ohm : kOpen);
    net.set_resistance(b_low, polarity < 0 ? kOpen : 0.01);
    circuit->request_solve();
  }
  double amps() const { return motor->current(); }
  const bcmhil::trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<DoorLockMotor> motor;
  int battery, a_high, a_low, b_high, b_low;
};

TEST(DoorLockMotor, LocksInItsTravelTimeThenStalls) {
  Bench b;
  b.run_until(kOn);
  EXPECT_FALSE(b.motor->locked());
  b.drive(+1);
  b.run_until(kOn + kMs / 2);
  // Inrush: no back-EMF yet, battery volts over the winding (2 ohm + ~30 mohm of feed).
  EXPECT_NEAR(b.amps(), 12.0 / 2.03, 0.05);
  b.run_until(kOn + 100 * kMs);
  // Running: the back-EMF leaves about the friction current.
  EXPECT_GT(b.amps(), 1.5);
  EXPECT_LT(b.amps(), 2.0);
  EXPECT_FALSE(b.motor->position() >= 1.0);
  b.run_until(kOn + 250 * kMs);
  EXPECT_TRUE(b.motor->locked());
  EXPECT_DOUBLE_EQ(b.motor->position(), 1.0);
  EXPECT_NEAR(b.amps(), 12.0 / 2.03, 0.05);  // stalled at the end stop
  // The rod passed mid-travel about 0.08 s in, full travel about 0.16 s.
  const auto locked_at = rises(b.sig("door_lock.test.locked"));
  ASSERT_EQ(locked_at.size(), 1u);
  EXPECT_GT(locked_at[0], kOn + 60 * kMs);
  EXPECT_LT(locked_at[0], kOn + 110 * kMs);
  const auto& pos = b.sig("door_lock.test.position");
  EXPECT_LT(pos.value_at(kOn + 140 * kMs), 1.0);
  EXPECT_DOUBLE_EQ(pos.value_at(kOn + 190 * kMs), 1.0);
}

TEST(DoorLockMotor, ReversedPolarityUnlocks) {
  Bench b(true);
  EXPECT_TRUE(b.motor->locked());
  b.drive(-1);
  b.run_until(300 * kMs);
  EXPECT_FALSE(b.motor->locked());
  EXPECT_DOUBLE_EQ(b.motor->position(), 0.0);
  EXPECT_NEAR(b.amps(), -12.0 / 2.03, 0.05);
}

TEST(DoorLockMotor, PushingIntoItsOwnEndStopMovesNothing) {
  Bench b(true);
  b.drive(+1);
  b.run_until(200 * kMs);
  EXPECT_TRUE(b.motor->locked());
  EXPECT_DOUBLE_EQ(b.motor->position(), 1.0);
  EXPECT_NEAR(b.amps(), 12.0 / 2.03, 0.05);
  EXPECT_EQ(b.sig("door_lock.test.position").samples.size(), 1u);  // never stepped
}

TEST(DoorLockMotor, TooLittleCurrentCannotOvercomeFriction) {
  Bench b;
  b.drive(+1, 8.0);  // 12 V / ~10 ohm = 1.2 A < 1.5 A
  b.run_until(1 * kS);
  EXPECT_FALSE(b.motor->locked());
  EXPECT_DOUBLE_EQ(b.motor->position(), 0.0);
  EXPECT_NEAR(b.amps(), 12.0 / 10.03, 0.01);
}

TEST(DoorLockMotor, AWeakBatteryIsSlowerButStillFinishesInTheLongerOnTime) {
  Bench b(false, 9.0);
  b.drive(+1);
  b.run_until(200 * kMs);
  EXPECT_LT(b.motor->position(), 1.0);  // 0.15 s is enough at 12 V, not at 9 V
  b.run_until(400 * kMs);
  EXPECT_DOUBLE_EQ(b.motor->position(), 1.0);
}

TEST(DoorLockMotor, CutOffMidTravelTheRodStopsWhereItIs) {
  Bench b;
  b.drive(+1);
  b.run_until(40 * kMs);
  b.drive(0);  // both ends grounded: the motor brakes itself
  b.run_until(200 * kMs);
  const double p = b.motor->position();
  EXPECT_GT(p, 0.05);
  EXPECT_LT(p, 0.5);
  EXPECT_FALSE(b.motor->locked());
  EXPECT_DOUBLE_EQ(b.motor->speed(), 0.0);
  EXPECT_NEAR(b.amps(), 0.0, 1e-6);
}

}  // namespace
