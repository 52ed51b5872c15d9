// switch_failed: a body micro-switch stuck closed or open, whatever the door or lid does. The
// contact branch is held by a circuit correction, so the mechanism cannot move it even for a solve.
#include "model/faults/switch_failed.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::BodyOpening;
using bcmhil::model::FobButton;
using bcmhil::model::VehicleConfig;
namespace info_code = bcmhil::model::info_code;

constexpr std::uint64_t kOnset = 500 * kMs;
const sc_core::sc_time kOnsetTime = sc_core::sc_time::from_value(kOnset);

VehicleConfig unlocked() {
  VehicleConfig c;
  c.locked = false;
  return c;
}

TEST(SwitchFailed, EveryChoiceNamesAContactInTheCar) {
  CarUnderTest t;
  const auto* type = bcmhil::faults::find_fault_type("switch_failed");
  ASSERT_NE(type, nullptr);
  for (const auto& choice : type->params.at(0).choices)
    EXPECT_TRUE(t.car().circuit.network().find_branch(bcmhil::faults::SwitchFailed::contact_branch(choice)))
        << choice;
}

TEST(SwitchFailed, ADoorContactStuckClosedReadsOpenWithTheDoorShut) {
  FaultyCar f(default_spec("switch_failed", kOnsetTime, {}, {{"switch", "driver_door"}, {"stuck", "closed"}}),
              unlocked());
  f.run_until(kOnset - 1 * kMs);
  EXPECT_NEAR(f.volts("driver_door.terminal"), 6.0, 0.5) << "before the onset: a shut door";
  f.run_until(kOnset + 100 * kMs);
  EXPECT_LT(f.volts("driver_door.terminal"), 0.01);
  EXPECT_LT(f.volts("bc1.driver_door_in"), 0.01);
  EXPECT_EQ(f.vehicle->bc1.signal("DIP_DRV_DOOR_OPEN"), std::optional<bool>(true));
  EXPECT_TRUE(f.car().interior_lamp.lit());
  EXPECT_FALSE(f.car().driver_door.actuated());
  // Opening and shutting the real door changes nothing.
  f.car().open(BodyOpening::driver_door);
  f.run_for(100 * kMs);
  f.car().close(BodyOpening::driver_door);
  f.run_for(100 * kMs);
  EXPECT_LT(f.volts("driver_door.terminal"), 0.01);
  EXPECT_EQ(rises(f.sig("DIP_DRV_DOOR_OPEN")).size(), 1u);
  EXPECT_TRUE(falls(f.sig("DIP_DRV_DOOR_OPEN")).empty());
  // Each lock: a driver-door mislock.
  f.car().press_fob(1, FobButton::lock);
  f.run_for(2 * kS);
  EXPECT_EQ(f.vehicle->bc1.info_memory().count(info_code::kMislockDriverDoor), 1);
}

TEST(SwitchFailed, ADoorContactStuckOpenNeverSeesTheDoor) {
  FaultyCar f(default_spec("switch_failed", kOnsetTime, {}, {{"switch", "passenger_door"}, {"stuck", "open"}}),
              unlocked());
  f.run_until(1 * kS);
  f.car().open(BodyOpening::passenger_door);
  f.run_until(2 * kS);
  EXPECT_TRUE(f.car().passenger_door.actuated());
  EXPECT_GT(f.volts("passenger_door.terminal"), 5.5);
  EXPECT_TRUE(std::isinf(f.car().circuit.network().resistance(f.car().passenger_door.contact())));
  EXPECT_EQ(f.vehicle->bc1.signal("DIP_PASS_DOOR_OPEN"), std::optional<bool>(false));
  EXPECT_FALSE(f.car().interior_lamp.lit());
}

TEST(SwitchFailed, TheHatchContactStuckOpenHidesTheOpenLid) {
  FaultyCar f(default_spec("switch_failed", kOnsetTime, {}, {{"switch", "hatch_contact"}, {"stuck", "open"}}),
              unlocked());
  f.run_until(1 * kS);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(4 * kS);
  EXPECT_TRUE(f.car().hatch_lock.hatch_open()) << "the lid opens";
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_OPEN_SW")).empty()) << "but the module never sees it";
  EXPECT_GT(f.volts("bc1.boot_open_in"), 5.5);
}

TEST(SwitchFailed, TheHatchContactStuckClosedIsATailgateMislock) {
  FaultyCar f(default_spec("switch_failed", kOnsetTime, {}, {{"switch", "hatch_contact"}, {"stuck", "closed"}}),
              unlocked());
  f.run_until(1 * kS);
  EXPECT_FALSE(f.car().hatch_lock.hatch_open());
  EXPECT_EQ(f.vehicle->bc1.signal("DIP_BOOT_OPEN_SW"), std::optional<bool>(true));
  f.car().press_fob(1, FobButton::lock);
  f.run_until(3 * kS);
  EXPECT_EQ(f.vehicle->bc1.info_memory().count(info_code::kMislockTailgate), 1);
}

TEST(SwitchFailed, TheLidHandleStuckClosedReleasesTheUnlockedHatchOnce) {
  FaultyCar f(default_spec("switch_failed", kOnsetTime, {}, {{"switch", "lid_handle"}, {"stuck", "closed"}}),
              unlocked());
  f.run_until(3 * kS);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_LT(f.volts("lid_handle.switch"), 0.05);
}

}  // namespace
