// HeatedScreens in the car: the dashboard buttons toggle the heaters with the ignition on, the
// relays feed the elements, and load shedding takes them off below 11.8 V and back above 12.2 V
// (each level held 2 s), with the hysteresis in between.
#include "model/bc1/heated_screens.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;

const sc_core::sc_time kPress(200, sc_core::SC_MS);

struct Running : CarUnderTest {
  Running() {
    elaborate();
    car().set_battery_volts(14.0);  // engine running: the charging system holds ~14 V (estimate)
    car().set_ignition(true);
    run_until(1 * kS);
  }
  void press(const char* which) {
    car().press_switch(which, kPress);
    run_for(500 * kMs);
  }
};

TEST(HeatedScreens, AButtonPressTogglesItsHeaterThroughTheRelay) {
  Running t;
  t.press("heated_rear_window");
  EXPECT_TRUE(t.car().bc1.signal("DOP_HEATED_RR_WIN_RLY").value());
  EXPECT_TRUE(t.car().bc1.signal("DOP_HT_RR_WIN_LED").value());
  EXPECT_FALSE(t.car().bc1.signal("DOP_HEATED_FT_WIN_RLY").value());
  EXPECT_TRUE(t.car().heated_rear_window.heating());
  // ~150 W at 13.5 V is 1.215 ohm: ~11 A at the ~13.8 V the loaded battery leaves.
  EXPECT_GT(t.amps("heated_rear_window.element"), 10.0);
  EXPECT_LT(t.amps("heated_rear_window.element"), 12.0);
  EXPECT_GT(t.volts("bc1.heated_rr_win_rly"), 13.0) << "the coil output pin carries the supply";
  t.press("heated_rear_window");
  EXPECT_FALSE(t.car().bc1.signal("DOP_HEATED_RR_WIN_RLY").value());
  EXPECT_FALSE(t.car().heated_rear_window.heating());
  EXPECT_NEAR(t.amps("heated_rear_window.element"), 0.0, 1e-3);
}

TEST(HeatedScreens, WithoutIgnitionAPressDoesNothingAndIgnitionOffEndsHeating) {
  CarUnderTest t;
  t.elaborate();
  t.car().press_switch("heated_rear_window", kPress);
  t.run_until(1 * kS);
  EXPECT_EQ(rises(t.sig("DIP_HT_RR_WIN_SW")).size(), 1u) << "the module saw the press";
  EXPECT_TRUE(rises(t.sig("DOP_HEATED_RR_WIN_RLY")).empty());
  t.car().set_ignition(true);
  t.car().press_switch("heated_front_screen", kPress);
  t.run_until(2 * kS);
  EXPECT_TRUE(t.car().heated_front_screen.heating());
  t.car().set_ignition(false);
  t.run_until(3 * kS);
  EXPECT_FALSE(t.car().heated_front_screen.heating());
}

TEST(HeatedScreens, LowVoltageShedsBothAndTheHysteresisHoldsThemOffUntilAbove12_2V) {
  Running t;
  t.press("heated_rear_window");
  t.press("heated_front_screen");
  ASSERT_TRUE(t.car().heated_front_screen.heating());
  // The battery sags: 12.3 V open circuit, ~11.3 V at the module with ~48 A of heaters on.
  t.car().set_battery_volts(12.3);
  const auto sag = now();
  t.run_for(1900 * kMs);
  EXPECT_FALSE(t.car().bc1.heated_screens().shed()) << "a dip shorter than 2 s is ridden out";
  EXPECT_LT(t.volts("bc1.kl30_logic"), 11.8);
  t.run_for(200 * kMs);
  EXPECT_TRUE(t.car().bc1.heated_screens().shed());
  EXPECT_EQ(rises(t.sig("bc1.load_shed")), std::vector<std::uint64_t>{sag + 2 * kS});
  EXPECT_FALSE(t.car().heated_rear_window.heating());
  EXPECT_FALSE(t.car().heated_front_screen.heating());
  EXPECT_FALSE(t.car().bc1.signal("DOP_HT_RR_WIN_LED").value());
  // Unloaded the module now reads ~12.2 V: inside the band, so the heaters stay off.
  t.car().set_battery_volts(12.1);
  t.run_for(10 * kS);
  EXPECT_GT(t.volts("bc1.kl30_logic"), 11.8);
  EXPECT_LT(t.volts("bc1.kl30_logic"), 12.2);
  EXPECT_TRUE(t.car().bc1.heated_screens().shed());
  EXPECT_EQ(falls(t.sig("bc1.load_shed")).size(), 0u);
  // Back above 12.2 V (engine started): both come back, the requests were kept.
  t.car().set_battery_volts(14.0);
  const auto recover = now();
  t.run_for(3 * kS);
  EXPECT_EQ(falls(t.sig("bc1.load_shed")), std::vector<std::uint64_t>{recover + 2 * kS});
  EXPECT_TRUE(t.car().heated_rear_window.heating());
  EXPECT_TRUE(t.car().heated_front_screen.heating());
}

TEST(HeaterRelay, TheCoilPullsInAbovePickUpOnlyAfterTheOperateTime) {
  Running t;
  t.car().press_switch("heated_rear_window", kPress);
  t.run_for(50 * kMs);
  const auto commanded = rises(t.sig("DOP_HEATED_RR_WIN_RLY")).at(0);
  t.run_for(500 * kMs);
  // The element's current starts 3 ms (operate time) after the coil output went on.
  EXPECT_EQ(rises(t.sig("heated_rear_window.heating")).at(0), commanded + 3 * kMs);
}

}  // namespace
