// input_pullup_corroded: a film from a switch input pin to ground, growing geometrically from
// 1 Mohm. Nothing before the onset; once below the threshold the module reads the switch
// closed: on the handle of an unlocked car a phantom press that releases the hatch.
#include "model/faults/input_pullup_corroded.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::VehicleConfig;

constexpr std::uint64_t kOnset = 500 * kMs;
const sc_core::sc_time kOnsetTime = sc_core::sc_time::from_value(kOnset);

VehicleConfig unlocked() {
  VehicleConfig c;
  c.locked = false;
  return c;
}

TEST(InputPullupCorroded, AGrownFilmOnTheHandleIsAPhantomPressThatReleasesTheHatch) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 3e3}, {"growth_time", 2.0}}),
              unlocked());
  f.run_until(kOnset - 1 * kMs);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 5.5) << "a healthy open input reads about half the supply";
  f.run_until(kOnset + 1 * kS);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 3.0) << "half grown: not yet below the threshold";
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
  f.run_until(4 * kS);
  EXPECT_LT(f.volts("bc1.boot_handle_in"), 3.0);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_EQ(rises(f.sig("hatch.open")).size(), 1u);
}

TEST(InputPullupCorroded, LockedTheHandleFilmReleasesNothing) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 3e3}, {"growth_time", 1.0}}));
  f.run_until(4 * kS);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("DOP_BOOT_RELEASE")).empty());
}

TEST(InputPullupCorroded, TheDefaultFiveKohmSitsJustAboveTheThreshold) {
  // 5 kohm in parallel with the 10 k pull-down: ~3.1 V, a marginal input that does not trip yet.
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime), unlocked());
  f.run_until(12 * kS);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 3.0);
  EXPECT_LT(f.volts("bc1.boot_handle_in"), 3.3);
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
}

TEST(InputPullupCorroded, OnTheContactInputTheModuleBelievesTheLidOpen) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 2e3}, {"growth_time", 0.0}},
                           {{"input", "DIP_BOOT_OPEN_SW"}}));
  f.run_until(2 * kS);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_OPEN_SW")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty()) << "the lid itself is shut";
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
}

}  // namespace
