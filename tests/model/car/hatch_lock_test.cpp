// HatchLock on its own: a 12 V feed switched onto pin 2, pins 1 and 4 grounded, pin 3 with the
// BC1's 10 k / 10 k input divider. The motor (1.2 ohm winding, back-EMF) pulls the pawl against
// its spring (3 A load current) through its travel in ~150 ms at 12 V, the latch lets go at the
// end stop, where the motor stalls; the lid springs open and the contact switch closes.
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

// When the lid first opened (ps), or 0.
std::uint64_t opened(const Bench& b) {
  const auto r = rises(b.sig("hatch.open"));
  return r.empty() ? 0 : r.front();
}

// The pawl's mechanics written out on their own and integrated numerically (classical Runge-Kutta
// in 1 us steps): ds/dt = a * (I - I_load), I = (V - k*s) / R, with V and R the feed's Thevenin
// source plus the winding.
struct Mechanics {
  double volts;
  double ohms;  // the whole loop: source, feed, ground wire and the winding
  double speed = 0.0, position = 0.0;

  double current(double s) const { return (volts - HatchLockSpec{}.back_emf_v_per_travel_s * s) / ohms; }
  double accel(double s) const {
    const HatchLockSpec spec;
    const double per_amp = spec.motor_ohm / (spec.mechanical_time_constant_s * spec.back_emf_v_per_travel_s);
    return per_amp * (current(s) - spec.load_current_a);
  }
  // Runs for `seconds`, or until the pawl reaches its end stop or comes to rest; returns the time
  // run (s).
  double run(double seconds) {
    const double h = 1e-6;
    for (double t = 0.0; t < seconds - h / 2; t += h) {
      const double k1 = accel(speed), k2 = accel(speed + h / 2 * k1), k3 = accel(speed + h / 2 * k2),
                   k4 = accel(speed + h * k3);
      const double dx = h / 6 * (speed + 2 * (speed + h / 2 * k1) + 2 * (speed + h / 2 * k2) + (speed + h * k3));
      const double ds = h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
      if (position + dx >= 1.0) {  // crossed within this microsecond
        const double fraction = (1.0 - position) / dx;
        position = 1.0;
        return t + fraction * h;
      }
      if (speed + ds <= 0.0) {  // came to rest within this microsecond
        const double fraction = speed / -ds;
        speed = 0.0;
        return t + fraction * h;
      }
      position += dx;
      speed += ds;
    }
    return seconds;
  }
};

// The bench's 12 V source (0.02 ohm, also feeding the 20 k contact divider) through `feed_ohms`
// and the 0.01 ohm ground wire, seen from the motor, plus the winding.
Mechanics bench_mechanics(double feed_ohms) {
  const double source_ohms = 0.02 * 20e3 / (0.02 + 20e3);
  return {12.0 * 20e3 / (20e3 + 0.02), source_ohms + feed_ohms + 0.01 + HatchLockSpec{}.motor_ohm};
}

TEST(HatchLock, RunsItsTravelAndStallsAtTheEndStop) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 80 * kMs);
  EXPECT_FALSE(b.lock->latch_released());
  // Running, the back-EMF leaves little more than the spring's load current (3 A), far from
  // the ~10 A the winding alone would take.
  const double running = b.circuit->network().current(b.lock->motor());
  EXPECT_GT(running, 3.0);
  EXPECT_LT(running, 4.5);
  EXPECT_GT(b.lock->pawl_position(), 0.3);
  b.run_until(kOn + 500 * kMs);
  EXPECT_TRUE(b.lock->latch_released());
  EXPECT_TRUE(b.lock->hatch_open());
  // The travel takes ~150 ms at 12 V (the spec's estimate), emerging from the mechanics.
  const auto at = opened(b);
  EXPECT_GT(at, kOn + 120 * kMs);
  EXPECT_LT(at, kOn + 180 * kMs);
  EXPECT_EQ(rises(b.sig("hatch_lock.latch_released")), std::vector<std::uint64_t>{at});
  // Against the end stop the motor stalls: 12 V over the winding and the feed, ~9.6 A.
  EXPECT_NEAR(b.circuit->network().current(b.lock->motor()), 12.0 / (1.2 + 0.01 + 0.01 + 0.02), 0.01);
  // The clamp saw the stall only after the travel: the inrush at the start is the same stall
  // current for an instant, then the back-EMF takes it down.
  const auto& i = b.sig("I(hatch_lock.motor)");
  EXPECT_LT(i.value_at(at - 20 * kMs), 4.5);
}

// Integrated exactly, the travel takes the time the mechanics say, to the microsecond; the latch
// lets go at that instant, not at the step that follows, and the network sees the back-EMF every
// 10 ms on the way: the running current as a curve of ~17 points.
TEST(HatchLock, TheTravelTakesTheTimeTheMechanicsSay) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 500 * kMs);
  auto mechanics = bench_mechanics(0.01);
  const double travel = mechanics.run(1.0);
  const std::uint64_t at = opened(b);
  EXPECT_NEAR(static_cast<double>(at - kOn), travel * 1e12, 1.0 * kUs) << "travel " << travel << " s";
  EXPECT_NE((at - kOn) % (10 * kMs), 0u) << "the end stop falls between two steps";
  EXPECT_EQ(rises(b.sig("hatch_lock.latch_released")), std::vector<std::uint64_t>{at});
  // The current the network drew at each step is the mechanics' current at that instant.
  const auto& i = b.sig("I(hatch_lock.motor)");
  Mechanics replay = bench_mechanics(0.01);
  for (std::uint64_t t = 10 * kMs; kOn + t < at; t += 10 * kMs) {
    replay.run(0.01);
    EXPECT_NEAR(i.value_at(kOn + t), replay.current(replay.speed), 1e-4) << t / kMs << " ms";
  }
  // One sample at switch-on, one a step, one at the end stop.
  std::size_t samples = 0;
  for (const auto& x : i.samples) samples += x.time_ps >= kOn && x.time_ps <= at;
  EXPECT_EQ(samples, 1 + (at - kOn) / (10 * kMs) + 1);
}

// The feed moves mid-step (a second load on it, a connector that heats): the motion so far is
// kept and the rest is planned from that instant with the new source.
TEST(HatchLock, AFeedThatMovesMidStepReplansFromThatInstant) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 45 * kMs);
  b.set_feed(0.5);
  b.run_until(kOn + 1 * kS);
  auto mechanics = bench_mechanics(0.01);
  mechanics.run(0.045);
  auto weaker = bench_mechanics(0.5);
  weaker.speed = mechanics.speed;
  weaker.position = mechanics.position;
  const double travel = 0.045 + weaker.run(1.0);
  EXPECT_NEAR(static_cast<double>(opened(b) - kOn), travel * 1e12, 1.0 * kUs) << "travel " << travel << " s";
}

// A feed that sags mid-travel below what holds the spring (12 V through 10 ohm: 1.1 A stalled):
// the pawl slows, stops short of the end stop and the spring takes it back; the latch holds.
TEST(HatchLock, AFeedThatSagsMidTravelStopsThePawlShort) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 85 * kMs);
  EXPECT_GT(b.lock->pawl_position(), 0.4);  // about half way
  b.set_feed(10.0);
  b.run_until(kOn + 1 * kS);
  EXPECT_TRUE(rises(b.sig("hatch_lock.latch_released")).empty());
  EXPECT_FALSE(b.lock->hatch_open());
  EXPECT_EQ(b.lock->pawl_position(), 0.0) << "the spring took the pawl back";
  // The motor is left stalled (no back-EMF): what 12 V drives through 10 ohm and the winding.
  const auto loop = bench_mechanics(10.0);
  EXPECT_NEAR(b.circuit->network().current(b.lock->motor()), loop.volts / loop.ohms, 1e-6);
}

// Between steps, too: with steps 100 ms apart the drive's sag at 85 ms brings the pawl to rest
// before the next step, at the instant the mechanics say; at rest the motor stalls (no back-EMF)
// and what it draws is too little to hold the spring, so the pawl returns.
TEST(HatchLock, ThePawlComesToRestAtTheInstantTheMechanicsSay) {
  HatchLockSpec coarse;
  coarse.step = sc_core::sc_time(100, sc_core::SC_MS);
  Bench b(coarse);
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 85 * kMs);
  b.set_feed(10.0);
  b.run_until(kOn + 1 * kS);
  auto mechanics = bench_mechanics(0.01);
  mechanics.run(0.085);
  auto sagged = bench_mechanics(10.0);
  sagged.speed = mechanics.speed;
  sagged.position = mechanics.position;
  const double rest = 0.085 + sagged.run(1.0);
  ASSERT_LT(sagged.position, 1.0);
  ASSERT_GT(rest, 0.1) << "after the step at 100 ms, before the one at 200 ms";
  const auto& i = b.sig("I(hatch_lock.motor)");
  ASSERT_FALSE(i.samples.empty());
  const auto at_rest = i.samples.back();
  EXPECT_NEAR(static_cast<double>(at_rest.time_ps - kOn), rest * 1e12, 1.0 * kUs) << "rest " << rest << " s";
  EXPECT_NEAR(at_rest.value, sagged.current(0.0), 1e-6);
  EXPECT_EQ(b.lock->pawl_position(), 0.0) << "the spring took the pawl back";
  EXPECT_FALSE(b.lock->hatch_open());
}

// A mechanism that seizes mid-travel stops the motor dead: the stall current at once, no release,
// and nothing more is stepped.
TEST(HatchLock, APawlThatSeizesMidTravelStallsTheMotorThere) {
  Bench b;
  b.run_until(kOn);
  b.set_feed(0.01);
  b.run_until(kOn + 85 * kMs);
  const double travelled = b.lock->pawl_position();
  EXPECT_GT(travelled, 0.4);  // about half way
  b.lock->set_seized(true);
  b.run_until(kOn + 2 * kS);
  EXPECT_EQ(b.lock->pawl_position(), travelled) << "jammed where it was";
  EXPECT_FALSE(b.lock->hatch_open());
  const auto& i = b.sig("I(hatch_lock.motor)");
  EXPECT_NEAR(i.value_at(kOn + 85 * kMs + 1 * kUs), 12.0 / (1.2 + 0.01 + 0.01 + 0.02), 0.01);
  EXPECT_LE(i.samples.back().time_ps, kOn + 85 * kMs) << "no steps after the seizure";
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
  b.run_until(kOn + 100 * kMs);
  b.set_feed(kOpen);
  b.run_until(kOn + 2 * kS);
  EXPECT_TRUE(rises(b.sig("hatch_lock.latch_released")).empty());
  EXPECT_TRUE(rises(b.sig("hatch.open")).empty());
  EXPECT_EQ(b.lock->pawl_position(), 0.0) << "the spring took the pawl back";
  // A second short pulse starts the travel over: the first does not count towards it.
  b.set_feed(0.01);
  b.run_until(now() + 100 * kMs);
  b.set_feed(kOpen);
  b.run_until(now() + 1 * kS);
  EXPECT_FALSE(b.lock->hatch_open());
}

TEST(HatchLock, TooLittleDriveNeverMovesThePawl) {
  Bench b;
  b.run_until(kOn);
  // 12 V over 1.2 + 3 ohm = 2.86 A stalled, below the spring's 3 A: the pawl never moves.
  b.set_feed(3.0);
  b.run_until(kOn + 2 * kS);
  const double amps = b.circuit->network().current(b.lock->motor());
  EXPECT_GT(amps, 2.8);
  EXPECT_LT(amps, 3.0);
  EXPECT_EQ(b.lock->pawl_position(), 0.0);
  EXPECT_FALSE(b.lock->hatch_open());
  // Just enough: 12 / (1.2 + 2.6) = 3.16 A. It creeps (the back-EMF may only take the excess
  // over the load) and needs seconds, not 150 ms.
  const std::uint64_t t = now();
  b.set_feed(2.6);
  b.run_until(t + 5 * kS);
  ASSERT_TRUE(b.lock->hatch_open());
  EXPECT_GT(opened(b) - t, 1 * kS);
}

TEST(HatchLock, AWeakerFeedRunsTheTravelSlower) {
  std::uint64_t took[2];
  const double feed[2] = {0.01, 0.5};
  for (int k = 0; k < 2; ++k) {
    Bench b;
    b.run_until(kOn);
    b.set_feed(feed[k]);
    b.run_until(kOn + 1 * kS);
    ASSERT_TRUE(b.lock->hatch_open());
    took[k] = opened(b) - kOn;
  }
  // 0.5 ohm more in the feed: ~1.5 V less at the motor while it runs, so ~20 % slower.
  EXPECT_GT(took[1], took[0] + 15 * kMs);
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
  // Jammed, it never moves: no back-EMF, the stall current from the first instant, ~9.6 A.
  EXPECT_GT(b.circuit->network().current(b.lock->motor()), 9.0);
  EXPECT_GT(b.sig("I(hatch_lock.motor)").value_at(kOn + 1 * kMs), 9.0);
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
  EXPECT_NEAR(b.sig("V(hatch_lock.pin3)").value_at(opened(b)), 0.0, 0.01);
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
  const std::uint64_t released = opened(b);
  ASSERT_GT(released, 0u);
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
  b.run_until(kOn + 200 * kMs);  // released after ~150 ms, lifting
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
