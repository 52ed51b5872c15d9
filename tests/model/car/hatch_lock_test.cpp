// HatchLock on its own: a 12 V feed switched onto pin 2, pins 1 and 4 grounded, pin 3 with the
// BC1's 10 k / 10 k input divider. The latch lets go after `travel` (150 ms) of motor current
// >= pull_in_current_a (1.5 A), the lid springs open and the contact switch closes.
#include "model/car/hatch_lock.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::HatchLock;
using bcmhil::model::HatchLockSpec;

constexpr std::uint64_t kOn = 100 * kMs;  // when the tests switch the feed on

struct Bench {
  explicit Bench(HatchLockSpec spec = {}) {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    lock = std::make_unique<HatchLock>("hatch_lock", *circuit, *recorder, spec);
    auto& net = circuit->network();
    battery = net.add_node("battery");
    net.add_source("source", battery, kGround, 12.0, 0.02);
    feed = net.add_resistor("feed", battery, lock->pin(2), kOpen);
    net.add_resistor("motor_ground", lock->pin(1), kGround, 0.01);
    net.add_resistor("contact_ground", lock->pin(4), kGround, 0.01);
    net.add_resistor("pull_up", battery, lock->pin(3), 10e3);
    net.add_resistor("pull_down", lock->pin(3), kGround, 10e3);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  void set_feed(double ohms) {
    circuit->network().set_resistance(feed, ohms);
    circuit->request_solve();
  }
  double v(int node) const { return circuit->network().voltage(node); }
  const bcmhil::trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<HatchLock> lock;
  int battery, feed;
};

TEST(HatchLock, ReleasesAfterTheTravelTimeWithEnoughCurrent) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 149 * kMs);
  EXPECT_FALSE(b.lock->latch_released());
  EXPECT_GT(b.circuit->network().current(b.lock->motor()), 4.0);  // ~12 V / 2.4 ohm
  b.run_until(kOn + 500 * kMs);
  EXPECT_TRUE(b.lock->latch_released());
  EXPECT_TRUE(b.lock->hatch_open());
  // Exactly the travel time after the current started (HatchLockSpec::travel = 150 ms).
  EXPECT_EQ(rises(b.sig("hatch_lock.latch_released")), std::vector<std::uint64_t>{kOn + 150 * kMs});
  EXPECT_EQ(rises(b.sig("hatch.open")), std::vector<std::uint64_t>{kOn + 150 * kMs});
}

TEST(HatchLock, ThePawlReturnsWhenTheCurrentStopsButTheLidStaysOpen) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 600 * kMs);
  b.set_feed(kOpen);
  b.run_until(kOn + 700 * kMs);
  EXPECT_FALSE(b.lock->latch_released());
  EXPECT_TRUE(b.lock->hatch_open());
  EXPECT_EQ(falls(b.sig("hatch_lock.latch_released")), std::vector<std::uint64_t>{kOn + 600 * kMs});
}

TEST(HatchLock, APulseShorterThanTheTravelDoesNotRelease) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 149 * kMs);
  b.set_feed(kOpen);
  b.run_until(kOn + 2 * kS);
  EXPECT_TRUE(rises(b.sig("hatch_lock.latch_released")).empty());
  EXPECT_TRUE(rises(b.sig("hatch.open")).empty());
  // A second short pulse starts the travel over: the first does not count towards it.
  b.set_feed(0.01);
  b.run_until(now() + 100 * kMs);
  b.set_feed(kOpen);
  b.run_until(now() + 1 * kS);
  EXPECT_FALSE(b.lock->hatch_open());
}

TEST(HatchLock, TooLittleCurrentNeverReleases) {
  Bench b;
  b.run_until(kOn);
  // 12 V over 2.4 + 6 ohm = 1.43 A, below the 1.5 A pull-in current.
  b.set_feed(6.0);
  b.run_until(kOn + 2 * kS);
  const double amps = b.circuit->network().current(b.lock->motor());
  EXPECT_GT(amps, 1.3);
  EXPECT_LT(amps, 1.5);
  EXPECT_FALSE(b.lock->latch_released());
  EXPECT_FALSE(b.lock->hatch_open());
  // Just enough: 12 / (2.4 + 5.5) = 1.52 A, released one travel time later.
  const std::uint64_t t = now();
  b.set_feed(5.5);
  b.run_until(t + 200 * kMs);
  EXPECT_EQ(rises(b.sig("hatch.open")), std::vector<std::uint64_t>{t + 150 * kMs});
}

TEST(HatchLock, CloseHatchRelatchesOnlyWhenThePawlIsBack) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 300 * kMs);
  ASSERT_TRUE(b.lock->hatch_open());
  b.lock->close_hatch();  // the motor still holds the pawl: the lid bounces back up
  b.run_until(kOn + 400 * kMs);
  EXPECT_TRUE(b.lock->hatch_open());
  b.set_feed(kOpen);
  b.run_until(kOn + 500 * kMs);
  b.lock->close_hatch();
  b.run_until(kOn + 600 * kMs);
  EXPECT_FALSE(b.lock->hatch_open());
  EXPECT_EQ(falls(b.sig("hatch.open")), std::vector<std::uint64_t>{kOn + 500 * kMs});
  // And it can be released again.
  b.set_feed(0.01);
  b.run_until(kOn + 800 * kMs);
  EXPECT_TRUE(b.lock->hatch_open());
}

TEST(HatchLock, ASeizedMechanismNeverReleases) {
  Bench b;
  b.lock->set_seized(true);
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 5 * kS);
  EXPECT_GT(b.circuit->network().current(b.lock->motor()), 4.0);
  EXPECT_FALSE(b.lock->latch_released());
  EXPECT_FALSE(b.lock->hatch_open());
}

TEST(HatchLock, AnOpenWindingDrawsNothingAndNeverReleases) {
  Bench b;
  b.lock->set_motor_ohm(kOpen);
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 2 * kS);
  EXPECT_NEAR(b.circuit->network().current(b.lock->motor()), 0.0, 1e-6);
  EXPECT_GT(b.v(b.lock->pin(2)), 11.9) << "full voltage at the connector";
  EXPECT_FALSE(b.lock->hatch_open());
}

TEST(HatchLock, ContactSwitchPin3ReadsHalfSupplyClosedAndZeroOpen) {
  Bench b;
  b.run_until(kOn);
  // Lid shut: the contact is open, pin 3 sits at the divider's half supply (~6 V).
  EXPECT_NEAR(b.v(b.lock->pin(3)), 6.0, 0.01);
  b.set_feed(0.01);
  b.run_until(kOn + 200 * kMs);
  ASSERT_TRUE(b.lock->hatch_open());
  // Lid open: the contact (0.05 ohm) pulls pin 3 to pin 4's ground.
  EXPECT_LT(b.v(b.lock->pin(3)), 0.01);
  EXPECT_NEAR(b.sig("V(hatch_lock.pin3)").value_at(kOn + 150 * kMs), 0.0, 0.01);
  b.set_feed(kOpen);
  b.run_until(kOn + 300 * kMs);
  b.lock->close_hatch();
  b.run_until(kOn + 400 * kMs);
  EXPECT_NEAR(b.v(b.lock->pin(3)), 6.0, 0.01);
}

TEST(HatchLock, MotorAndPinsAreNamedForProbes) {
  Bench b;
  const auto& net = b.circuit->network();
  EXPECT_EQ(net.node_name(b.lock->pin(1)), "hatch_lock.pin1");
  EXPECT_EQ(net.node_name(b.lock->pin(4)), "hatch_lock.pin4");
  EXPECT_EQ(net.branch_name(b.lock->motor()), "hatch_lock.motor");
  EXPECT_NEAR(net.resistance(b.lock->motor()), HatchLockSpec{}.motor_ohm, 1e-12);
  EXPECT_NE(b.recorder->find("I(hatch_lock.motor)"), nullptr);
  EXPECT_NE(b.recorder->find("I(hatch_lock.contact_switch)"), nullptr);
}

TEST(HatchLock, ACustomTravelTimeIsUsed) {
  HatchLockSpec spec;
  spec.travel = sc_core::sc_time(400, sc_core::SC_MS);
  Bench b(spec);
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 1 * kS);
  EXPECT_EQ(rises(b.sig("hatch.open")), std::vector<std::uint64_t>{kOn + 400 * kMs});
}

// The lid: the struts lift it 10 deg every 1.5 s / 8 from the instant the pawl lets go, up to
// 80 deg; a hand stops it anywhere; shutting puts it back to 0 at once.
TEST(HatchLock, TheStrutsLiftTheLidInStepsToFullyOpen) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 300 * kMs);
  b.set_feed(kOpen);
  b.run_until(kOn + 3 * kS);
  const auto& angle = b.sig("hatch.angle");
  const std::uint64_t step = 1500 * kMs / 8;
  const std::uint64_t released = kOn + 150 * kMs;
  EXPECT_EQ(angle.value_at(released - 1), 0.0);
  EXPECT_EQ(angle.value_at(released), 10.0);
  EXPECT_EQ(angle.value_at(released + 3 * step), 40.0);
  EXPECT_EQ(angle.value_at(released + 7 * step), 80.0);
  EXPECT_EQ(b.lock->angle_deg(), 80.0);
  EXPECT_EQ(b.recorder->find("hatch.angle")->unit, "deg");
}

TEST(HatchLock, AHandHoldsTheLidAndShuttingReturnsItToZero) {
  Bench b;
  EXPECT_FALSE(b.lock->hold_at(30.0)) << "a latched lid does not move";
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 200 * kMs);  // released at 150 ms, lifting
  b.set_feed(kOpen);
  ASSERT_TRUE(b.lock->hold_at(25.0));
  b.run_until(kOn + 3 * kS);
  EXPECT_EQ(b.lock->angle_deg(), 25.0) << "the struts do not push past a hand";
  EXPECT_TRUE(b.lock->hold_at(120.0));
  b.run_until(kOn + 3 * kS + 1 * kMs);
  EXPECT_EQ(b.lock->angle_deg(), 80.0) << "no further than fully open";
  EXPECT_TRUE(b.lock->hold_at(0.0));
  b.run_until(kOn + 3 * kS + 2 * kMs);
  EXPECT_FALSE(b.lock->hatch_open());
  EXPECT_EQ(b.lock->angle_deg(), 0.0);
}

}  // namespace
