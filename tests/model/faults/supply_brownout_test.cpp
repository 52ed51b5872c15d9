// supply_brownout: a corroded battery terminal. At rest the BC1 sees battery voltage; the trunk
// button's flashes plus the lock motor pull its logic feed under 6 V: the module resets, the
// release stops within milliseconds, the flashes are cut, and the battery posts stay high.
#include "model/faults/supply_brownout.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;

constexpr std::uint64_t kPressAt = 2 * kS;

TEST(SupplyBrownout, AtRestEveryPinStillReadsBatteryVoltage) {
  FaultyCar f(default_spec("supply_brownout", sc_core::SC_ZERO_TIME));
  f.run_until(1 * kS);
  EXPECT_GT(f.volts("bc1.kl30_logic"), 12.4) << "~70 mA across 1.5 ohm loses ~0.1 V";
  EXPECT_TRUE(f.car().bc1.powered());
}

TEST(SupplyBrownout, TheTrunkButtonResetsTheModuleAndTheReleaseStopsEarly) {
  FaultyCar f(default_spec("supply_brownout", sc_core::SC_ZERO_TIME));
  f.run_until(kPressAt);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(kPressAt + 2 * kS);
  const auto resets = falls(f.sig("bc1.powered"));
  ASSERT_GE(resets.size(), 1u);
  const auto release_on = rises(f.sig("DOP_BOOT_RELEASE")).at(0);
  const auto release_off = falls(f.sig("DOP_BOOT_RELEASE")).at(0);
  EXPECT_EQ(release_off, resets.at(0)) << "the reset ends the pulse";
  EXPECT_LT(release_off - release_on, 100 * kMs) << "the 600 ms pulse is cut short";
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u) << "a reset module does not resume the pulse";
  EXPECT_LE(rises(f.sig("DOP_LH_INDICATOR_LGT")).size(), 1u) << "the second flash never comes";
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty());
  // The telling measurement at the moment of the reset: the posts high, the module's pin low.
  EXPECT_LT(min_in(f.sig("V(bc1.kl30_logic)"), release_on, release_off), 6.0);
  EXPECT_GT(min_in(f.sig("battery.post_volts"), release_on, release_off), 11.5);
  EXPECT_TRUE(f.car().bc1.powered()) << "with the load gone it runs again";
}

// With the ignition on and the A/C asked for, the lamps' inrush (position lights switched on) pulls
// the module under its reset threshold: every climate input (the ignition, the blower relay's readback, the buttons)
// moves in one delta. The module must reset and come back without two processes writing one
// output in that delta (SystemC stops the run with E115; the test main fails on its reports).
TEST(SupplyBrownout, AResetWithTheIgnitionOnIsClean) {
  for (double ohm : {0.8, 1.5, 3.0}) {  // the dictionary's spread (diagnosis/variants)
    SCOPED_TRACE(ohm);
    FaultyCar f(default_spec("supply_brownout", sc_core::SC_ZERO_TIME, {{"resistance", ohm}}));
    f.car().set_ignition(true);
    f.run_until(kPressAt);
    f.car().press_switch("ac", sc_core::sc_time(200, sc_core::SC_MS));
    f.run_until(kPressAt + 1 * kS);
    ASSERT_TRUE(f.car().bc1.signal("DOP_AC_LED").value());
    f.car().set_control("light_switch", "position");
    f.run_until(kPressAt + 3 * kS);
    EXPECT_GE(falls(f.sig("bc1.powered")).size(), 1u) << "the lamps' inrush resets the module";
    EXPECT_FALSE(f.car().bc1.signal("DOP_AC_LED").value()) << "a reset forgets the A/C request";
  }
}

TEST(SupplyBrownout, AFreshTerminalDoesNotResetAnything) {
  FaultyCar f(default_spec("supply_brownout", sc_core::SC_ZERO_TIME, {{"resistance", 0.05}}));
  f.run_until(kPressAt);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(kPressAt + 2 * kS);
  EXPECT_TRUE(falls(f.sig("bc1.powered")).empty());
  EXPECT_EQ(rises(f.sig("hatch.open")).size(), 1u);
  EXPECT_EQ(rises(f.sig("DOP_LH_INDICATOR_LGT")).size(), 2u);
}

TEST(SupplyBrownout, TheResistanceGrowsGeometricallyFromACleanClamp) {
  FaultyCar f(default_spec("supply_brownout", sc_core::SC_ZERO_TIME, {{"resistance", 1.0}, {"growth_time", 10.0}}));
  f.run_until(5 * kS + 50 * kMs);
  auto* fault = dynamic_cast<bcmhil::faults::SupplyBrownout*>(f.fault.get());
  ASSERT_NE(fault, nullptr);
  EXPECT_NEAR(fault->terminal_ohm(), std::sqrt(0.001 * 1.0), 1e-9) << "half way: the geometric mean";
  f.run_until(11 * kS);
  EXPECT_NEAR(fault->terminal_ohm(), 1.0, 1e-12);
}

}  // namespace
