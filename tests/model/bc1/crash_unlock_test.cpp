// The inertia (crash) sensor in the car: with terminal R on, its contact closing unlocks every
// door through the central locking and lights the interior until the car is locked; with the
// key out a knock does nothing.
#include "model/bc1/crash_unlock.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;

bcmhil::model::VehicleConfig locked_car(bool ignition) {
  bcmhil::model::VehicleConfig c;
  c.locked = true;
  c.ignition_on = ignition;
  return c;
}

const sc_core::sc_time kImpact(100, sc_core::SC_MS);

TEST(CrashUnlock, AnImpactWithTheKeyTurnedUnlocksAndLightsTheInterior) {
  CarUnderTest t(locked_car(true));
  t.elaborate();
  t.run_until(1 * kS);
  EXPECT_TRUE(t.car().bc1.signal("DIP_AUX_SW").value()) << "terminal R on";
  ASSERT_TRUE(t.car().door_locks.driver.locked());
  t.car().press_switch("inertia_sensor", kImpact);
  t.run_until(2 * kS);
  EXPECT_EQ(rises(t.sig("DIP_INERTIA_SENSE")).size(), 1u);
  EXPECT_FALSE(t.car().door_locks.driver.locked());
  EXPECT_FALSE(t.car().door_locks.passenger.locked());
  EXPECT_TRUE(t.car().interior_lamp.lit());
  EXPECT_EQ(t.car().bc1.crash_unlock().crashes(), 1u);
  t.run_until(60 * kS);
  EXPECT_TRUE(t.car().interior_lamp.lit()) << "no door opened, yet the light stays on";
  t.car().press_fob(1, bcmhil::model::FobButton::lock);
  t.run_until(62 * kS);
  EXPECT_TRUE(t.car().door_locks.driver.locked());
  EXPECT_FALSE(t.car().interior_lamp.lit()) << "locking ends it";
}

TEST(CrashUnlock, WithTheKeyOutAKnockDoesNothing) {
  CarUnderTest t(locked_car(false));
  t.elaborate();
  t.run_until(1 * kS);
  EXPECT_FALSE(t.car().bc1.signal("DIP_AUX_SW").value());
  t.car().press_switch("inertia_sensor", kImpact);
  t.run_until(2 * kS);
  EXPECT_EQ(rises(t.sig("DIP_INERTIA_SENSE")).size(), 1u) << "the module saw it";
  EXPECT_TRUE(t.car().door_locks.driver.locked());
  EXPECT_FALSE(t.car().interior_lamp.lit());
}

}  // namespace
