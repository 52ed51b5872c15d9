// ContactSwitch in the car: a door contact pulls its BC1 input to ground through the body loom;
// the module sees it debounced under its reference name.
#include "model/car/contact_switch.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::BodyOpening;

TEST(ContactSwitch, AnOpenDoorPullsItsInputToGroundAndTheModuleSeesIt) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(1 * kS);
  // Shut door: the input sits at the divider's open-circuit voltage, about half the supply.
  EXPECT_NEAR(t.volts("bc1.driver_door_in"), 6.0, 0.5);
  EXPECT_DOUBLE_EQ(t.sig("DIP_DRV_DOOR_OPEN").samples.back().value, 0.0);
  t.car().open(BodyOpening::driver_door);
  t.run_until(1 * kS + 50 * kMs);
  // 0.05 ohm contact plus 2 m of 0.35 mm2 wire against a 10 k pull-up: millivolts.
  EXPECT_LT(t.volts("bc1.driver_door_in"), 0.01);
  EXPECT_GT(t.amps("driver_door.contact"), 0.5e-3);  // the pull-up's current, ~1.2 mA
  EXPECT_EQ(rises(t.sig("driver_door.actuated")), std::vector<std::uint64_t>{1 * kS});
  ASSERT_EQ(rises(t.sig("DIP_DRV_DOOR_OPEN")).size(), 1u);
  // Debounced within a few 1 ms samples.
  EXPECT_LT(rises(t.sig("DIP_DRV_DOOR_OPEN"))[0] - 1 * kS, 10 * kMs);
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_DRV_DOOR_OPEN"), std::optional<bool>(true));
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_PASS_DOOR_OPEN"), std::optional<bool>(false));
  t.car().close(BodyOpening::driver_door);
  t.run_until(1200 * kMs);
  EXPECT_NEAR(t.volts("bc1.driver_door_in"), 6.0, 0.5);
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_DRV_DOOR_OPEN"), std::optional<bool>(false));
}

TEST(ContactSwitch, EachOpeningHasItsOwnInput) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(1 * kS);
  t.car().open(BodyOpening::bonnet);
  t.car().set_tilted(true);
  t.run_until(1100 * kMs);
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_BONNET_SW"), std::optional<bool>(true));
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_ALARM_TILT_SW"), std::optional<bool>(true));
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_DRV_DOOR_OPEN"), std::optional<bool>(false));
  EXPECT_EQ(t.vehicle->bc1.signal("DIP_HAZARD_SW"), std::optional<bool>(false));
  EXPECT_LT(t.volts("bc1.bonnet_in"), 0.01);
  EXPECT_LT(t.volts("bc1.tilt_in"), 0.01);
}

}  // namespace
