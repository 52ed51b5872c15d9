// The body functions end to end through the Vehicle: contacts and buttons in the car, the input
// stage and RTL debouncer, hazard / interior light / alarm, the indicator arbiter, the output pins
// and the lamps. What a person would see and a meter would read.
#include "model/bc1/bc1_module.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::BodyOpening;
using bcmhil::model::FobButton;
using bcmhil::model::VehicleConfig;
namespace info_code = bcmhil::model::info_code;

VehicleConfig unlocked() {
  VehicleConfig c;
  c.locked = false;
  return c;
}

// Presses the fob at the current time and runs until its telegram is through (~50 ms).
void press_fob(CarUnderTest& t, FobButton button) {
  t.car().press_fob(1, button);
  t.run_for(100 * kMs);
}

TEST(BodyFunctions, HazardButtonFlashesBothLampsUntilPressedAgain) {
  CarUnderTest t(unlocked());
  t.elaborate();
  t.run_until(1 * kS);
  t.car().press_hazard(sc_core::sc_time(200, sc_core::SC_MS));
  t.run_until(5 * kS);
  t.car().press_hazard(sc_core::sc_time(200, sc_core::SC_MS));
  t.run_until(7 * kS);
  for (const char* side : {"LH", "RH"}) {
    const auto cmd = rises(t.sig(std::string("DOP_") + side + "_INDICATOR_LGT"));
    // 320 ms on / 320 ms off for the ~4 s between the presses: 7 flashes.
    ASSERT_EQ(cmd.size(), 7u) << side;
    EXPECT_EQ(cmd[1] - cmd[0], 640 * kMs) << side;
    EXPECT_LT(cmd[0] - 1 * kS, 10 * kMs) << "starts at the debounced press";
    // The lamp glows visibly within ms of each command (a cold filament takes longest, ~8 ms).
    const auto lit = rises(t.sig(side == std::string("LH") ? "indicator_lh.lit" : "indicator_rh.lit"));
    ASSERT_EQ(lit.size(), 7u) << side;
    for (std::size_t i = 0; i < lit.size(); ++i) {
      EXPECT_GE(lit[i], cmd[i]);
      EXPECT_LT(lit[i] - cmd[i], 10 * kMs) << side << " flash " << i;
    }
  }
  EXPECT_GT(max_in(t.sig("V(bc1.indicator_lh_out)"), 1 * kS, 5 * kS), 11.0);
  EXPECT_TRUE(t.vehicle->bc1.fault_memory().entries().empty()) << "healthy lamps: no readback fault";
}

TEST(BodyFunctions, InteriorLampLightsWithTheDoorAndGoesOutAfterTheDelay) {
  CarUnderTest t(unlocked());
  t.elaborate();
  t.run_until(1 * kS);
  t.car().open(BodyOpening::passenger_door);
  t.run_until(3 * kS);
  EXPECT_TRUE(t.car().interior_lamp.lit());
  EXPECT_GT(t.volts("bc1.interior_light_out"), 11.5);
  // A tungsten lamp below its rated 13.5 V draws I ~ V^0.54 of its rated 10 W / 13.5 V.
  EXPECT_NEAR(t.amps("interior_lamp.filament"), 10.0 / 13.5 * std::pow(t.volts("lamp.interior") / 13.5, 0.54),
              0.01);
  t.car().close(BodyOpening::passenger_door);
  t.run_until(30 * kS);
  const auto cmd_off = falls(t.sig("bc1.interior_light"));
  ASSERT_EQ(cmd_off.size(), 1u);
  // 20 s (estimate) after the debounced close.
  EXPECT_GE(cmd_off[0], 23 * kS);
  EXPECT_LT(cmd_off[0], 23 * kS + 10 * kMs);
  // The filament's afterglow: visibly dark some 130 ms later.
  const auto off = falls(t.sig("interior_lamp.lit"));
  ASSERT_EQ(off.size(), 1u);
  EXPECT_GT(off[0], cmd_off[0] + 80 * kMs);
  EXPECT_LT(off[0], cmd_off[0] + 200 * kMs);
}

TEST(BodyFunctions, LockingWithTheDoorAjarRecordsAMislockAndFlashesThePattern) {
  CarUnderTest t(unlocked());
  t.elaborate();
  t.run_until(1 * kS);
  t.car().open(BodyOpening::passenger_door);
  t.run_until(2 * kS);
  press_fob(t, FobButton::lock);
  t.run_until(6 * kS);
  const auto& info = t.vehicle->bc1.info_memory();
  ASSERT_EQ(info.entries().size(), 1u);
  EXPECT_EQ(info.entries()[0].code, info_code::kMislockPassengerDoor);
  EXPECT_EQ(info.entries()[0].count, 1);
  // The mislock pattern (3 flashes) instead of the single lock acknowledge.
  EXPECT_EQ(rises(t.sig("indicator_lh.lit"), 2 * kS).size(), 3u);
  EXPECT_EQ(rises(t.sig("DOP_ALARM_LED")).size(), 1u);
  EXPECT_TRUE(rises(t.sig("DOP_SOUND_ALARM")).empty());
  // Locking put the interior light out at once.
  EXPECT_FALSE(t.car().interior_lamp.lit());
}

TEST(BodyFunctions, ADoorOpenedOnTheArmedCarSoundsTheSiren) {
  CarUnderTest t;  // parked and locked: armed once the module is powered
  t.elaborate();
  t.run_until(2 * kS);
  EXPECT_EQ(t.sig("bc1.alarm_armed").samples.back().value, 1.0);
  t.car().open(BodyOpening::driver_door);
  t.run_until(10 * kS);
  EXPECT_EQ(t.vehicle->bc1.info_memory().count(info_code::kTriggerDriverDoor), 1);
  EXPECT_EQ(t.sig("DOP_SOUND_ALARM").samples.back().value, 1.0);
  EXPECT_GT(t.volts("bc1.siren_out"), 11.0);
  EXPECT_GT(rises(t.sig("indicator_rh.lit"), 2 * kS).size(), 10u);
  t.run_until(40 * kS);
  EXPECT_EQ(t.sig("DOP_SOUND_ALARM").samples.back().value, 0.0) << "30 s (estimate) and silent";
}

TEST(BodyFunctions, TrunkReleaseOnTheLockedCarDoesNotTriggerTheAlarm) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(1 * kS);
  press_fob(t, FobButton::trunk);
  t.run_until(5 * kS);
  EXPECT_TRUE(t.car().hatch_lock.hatch_open());
  EXPECT_EQ(t.sig("DIP_BOOT_OPEN_SW").samples.back().value, 1.0);
  EXPECT_TRUE(t.vehicle->bc1.info_memory().entries().empty());
  EXPECT_TRUE(rises(t.sig("DOP_SOUND_ALARM")).empty());
}

}  // namespace
