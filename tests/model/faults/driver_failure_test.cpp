// driver_failure: a BC1 high-side driver failed open or shorted. Nothing before the onset; then a
// shorted tailgate driver powers the lock motor with the output commanded off (the hatch
// releases by itself), an open indicator driver leaves its side dark and logs 0xAA / 0xAC.
#include "model/faults/driver_failure.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;
using bcmhil::model::HighSideDriver;

constexpr std::uint64_t kOnset = 500 * kMs;
const sc_core::sc_time kOnsetTime = sc_core::sc_time::from_value(kOnset);

TEST(DriverFailure, DefaultsAreAnOpenTailgateDriver) {
  FaultyCar f(default_spec("driver_failure", kOnsetTime));
  f.run_until(kOnset - 1 * kMs);
  EXPECT_EQ(f.car().bc1.tailgate_driver().health(), HighSideDriver::Health::ok);
  f.run_until(kOnset + 1 * kMs);
  EXPECT_EQ(f.car().bc1.tailgate_driver().health(), HighSideDriver::Health::failed_open);
  EXPECT_EQ(f.car().bc1.indicator_driver_lh().health(), HighSideDriver::Health::ok);
  EXPECT_EQ(f.car().bc1.indicator_driver_rh().health(), HighSideDriver::Health::ok);
}

TEST(DriverFailure, ShortedTailgateReleasesTheHatchWithTheOutputCommandedOff) {
  FaultyCar f(default_spec("driver_failure", kOnsetTime, {}, {{"mode", "shorted"}, {"output", "tailgate"}}));
  f.run_until(kOnset - 1 * kMs);
  EXPECT_LT(f.volts("bc1.tailgate_out"), 0.5);
  EXPECT_EQ(f.sig("hatch.open").samples.back().value, 0.0);
  f.run_until(3 * kS);
  EXPECT_TRUE(rises(f.sig("DOP_BOOT_RELEASE")).empty()) << "the module never commanded it";
  EXPECT_EQ(rises(f.sig("hatch.open")).size(), 1u);
  EXPECT_GT(f.volts("bc1.tailgate_out"), 11.0);
  EXPECT_GT(f.amps("hatch_lock.motor"), 3.0) << "the motor stays powered";
  // No button, so no acknowledge flash; but the parked car's alarm is armed and sees the lid open
  // without a release of its own: a tailgate trigger (0x47), the siren sounds.
  EXPECT_EQ(f.car().bc1.info_memory().count(0x47), 1);
  EXPECT_EQ(rises(f.sig("DOP_SOUND_ALARM")).size(), 1u);
  // Closing the lid does not help: the motor still holds the pawl open.
  f.car().close_hatch();
  f.run_until(4 * kS);
  EXPECT_EQ(f.sig("hatch.open").samples.back().value, 1.0);
}

class OpenIndicator : public ::testing::TestWithParam<std::pair<std::string, int>> {};

TEST_P(OpenIndicator, ThatSideStaysDarkAndItsCodeIsLogged) {
  const auto [output, code] = GetParam();
  const std::string other = output == "indicator_lh" ? "indicator_rh" : "indicator_lh";
  FaultyCar f(default_spec("driver_failure", kOnsetTime, {}, {{"mode", "open"}, {"output", output}}));
  f.run_until(1 * kS);
  f.car().press_fob(1, FobButton::lock);
  f.run_until(2 * kS);
  EXPECT_EQ(rises(f.sig("DOP_LH_INDICATOR_LGT")).size(), 1u);
  EXPECT_TRUE(rises(f.sig(output + ".lit")).empty());
  EXPECT_EQ(rises(f.sig(other + ".lit")).size(), 1u);
  const auto* e = f.car().bc1.fault_memory().find(static_cast<std::uint8_t>(code));
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(f.car().bc1.fault_memory().entries().size(), 1u) << "only that side";
}

INSTANTIATE_TEST_SUITE_P(Sides, OpenIndicator,
                         ::testing::Values(std::make_pair(std::string("indicator_lh"), 0xAA),
                                           std::make_pair(std::string("indicator_rh"), 0xAC)));

TEST(DriverFailure, ShortedIndicatorIsLitWithoutACommand) {
  FaultyCar f(default_spec("driver_failure", kOnsetTime, {}, {{"mode", "shorted"}, {"output", "indicator_rh"}}));
  f.run_until(1 * kS);
  EXPECT_TRUE(rises(f.sig("DOP_RH_INDICATOR_LGT")).empty());
  EXPECT_EQ(rises(f.sig("indicator_rh.lit")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("indicator_lh.lit")).empty());
}

// The siren unit's lines (model/bc1/alarm_outputs.h): each output name reaches its own driver, so
// a scenario can fail either line open or shorted.
TEST(DriverFailure, ShortedSirenSoundsByItselfAndLogs0xC1) {
  bcmhil::model::VehicleConfig unlocked;
  unlocked.locked = false;
  FaultyCar f(default_spec("driver_failure", kOnsetTime, {}, {{"mode", "shorted"}, {"output", "siren"}}), unlocked);
  f.run_until(kOnset - 1 * kMs);
  EXPECT_FALSE(f.car().siren.sounding());
  f.run_until(1 * kS);
  EXPECT_EQ(f.car().bc1.siren_driver().health(), HighSideDriver::Health::failed_short);
  EXPECT_TRUE(rises(f.sig("DOP_SOUND_ALARM")).empty()) << "the module never commanded it";
  EXPECT_EQ(rises(f.sig("siren.sounding")).size(), 1u);
  const auto* e = f.car().bc1.fault_memory().find(0xC1);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
}

TEST(DriverFailure, OpenArmLineLeavesTheSirenUnitUnarmedAndLogs0xC0) {
  FaultyCar f(default_spec("driver_failure", kOnsetTime, {}, {{"mode", "open"}, {"output", "bbs_arm"}}));
  f.run_until(kOnset - 1 * kMs);
  EXPECT_GT(f.volts("siren.arm"), 11.0) << "the parked car is armed before the onset";
  f.run_until(1 * kS);
  EXPECT_EQ(f.car().bc1.alarm_outputs().bbs_driver().health(), HighSideDriver::Health::failed_open);
  EXPECT_LT(f.volts("siren.arm"), 0.5);
  const auto* e = f.car().bc1.fault_memory().find(0xC0);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(f.car().bc1.fault_memory().entries().size(), 1u);
}

}  // namespace
