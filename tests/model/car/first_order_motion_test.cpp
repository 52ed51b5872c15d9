// FirstOrderMotion against a fine numerical integration of ds/dt = rate * (settled - s) and of
// the position, and its stop and reach times against their definitions.
#include "model/car/first_order_motion.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using bcmhil::model::FirstOrderMotion;

// Speed and position after `t` seconds by classical Runge-Kutta in 10 us steps.
std::pair<double, double> integrate(const FirstOrderMotion& m, double t) {
  const int steps = static_cast<int>(std::lround(t / 10e-6));
  const double h = t / steps;
  double s = m.start_speed, x = m.start_position;
  auto accel = [&](double speed) { return m.rate * (m.settled_speed - speed); };
  for (int i = 0; i < steps; ++i) {
    const double k1 = accel(s), k2 = accel(s + h / 2 * k1), k3 = accel(s + h / 2 * k2), k4 = accel(s + h * k3);
    // The position's increments follow from the speed's stages.
    x += h / 6 * (s + 2 * (s + h / 2 * k1) + 2 * (s + h / 2 * k2) + (s + h * k3));
    s += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return {s, x};
}

// The hatch lock's motor at 12 V through 1.24 ohm against its 3 A spring, from rest.
FirstOrderMotion starting_pawl() {
  return FirstOrderMotion::of_motor(0.0, 0.0, 12.0, 1.24, 1.26, 1.2 / (0.01 * 1.26), 3.0);
}

TEST(FirstOrderMotion, OfMotorHasTheSettledSpeedWhereTheCurrentEqualsTheLoad) {
  const auto m = starting_pawl();
  EXPECT_NEAR(m.rate, 1.2 / (0.01 * 1.24), 1e-9);
  // At the settled speed the motor draws exactly the load current.
  EXPECT_NEAR((12.0 - 1.26 * m.settled_speed) / 1.24, 3.0, 1e-12);
}

TEST(FirstOrderMotion, SpeedAndPositionMatchANumericalIntegration) {
  const auto m = starting_pawl();
  for (double t : {0.001, 0.01, 0.05, 0.15}) {
    const auto [s, x] = integrate(m, t);
    EXPECT_NEAR(m.speed_at(t), s, 1e-9) << t;
    EXPECT_NEAR(m.position_at(t), x, 1e-9) << t;
  }
  // Slowing down from above its settled speed (a feed that sagged).
  const auto slowing = FirstOrderMotion::of_motor(6.0, 0.4, 9.0, 1.5, 1.26, 95.0, 3.0);
  const auto [s, x] = integrate(slowing, 0.03);
  EXPECT_NEAR(slowing.speed_at(0.03), s, 1e-9);
  EXPECT_NEAR(slowing.position_at(0.03), x, 1e-9);
}

TEST(FirstOrderMotion, ReachesATargetAtTheInstantThePositionGetsThere) {
  const auto m = starting_pawl();
  const auto t = m.time_to_reach(1.0, 1.0);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(m.position_at(*t), 1.0, 1e-13);
  EXPECT_LT(m.position_at(*t - 1e-9), 1.0);
  EXPECT_GT(*t, 0.15);
  EXPECT_LT(*t, 0.2);
  EXPECT_FALSE(m.time_to_reach(1.0, *t - 1e-6).has_value()) << "not within a shorter horizon";
  // Slowing down (concave position): the same from the other side.
  const auto slowing = FirstOrderMotion::of_motor(8.0, 0.5, 10.0, 1.3, 1.26, 95.0, 3.0);
  const auto u = slowing.time_to_reach(0.9, 1.0);
  ASSERT_TRUE(u.has_value());
  EXPECT_NEAR(slowing.position_at(*u), 0.9, 1e-13);
}

TEST(FirstOrderMotion, ADriveTooWeakToHoldTheLoadStopsIt) {
  EXPECT_FALSE(starting_pawl().time_to_stop().has_value());
  // 12 V through 11.24 ohm: 1.07 A stalled, under the 3 A load.
  const auto m = FirstOrderMotion::of_motor(6.5, 0.45, 12.0, 11.24, 1.26, 95.0, 3.0);
  ASSERT_LT(m.settled_speed, 0.0);
  const auto t = m.time_to_stop();
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(m.speed_at(*t), 0.0, 1e-12);
  EXPECT_GT(m.speed_at(*t - 1e-6), 0.0);
  const auto at_rest = FirstOrderMotion::of_motor(0.0, 0.45, 12.0, 11.24, 1.26, 95.0, 3.0);
  EXPECT_EQ(at_rest.time_to_stop(), 0.0) << "at rest it stays";
}

}  // namespace
