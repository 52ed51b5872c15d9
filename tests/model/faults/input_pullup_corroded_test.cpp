// input_pullup_corroded: the pull-up of a switch input corrodes, growing geometrically from its
// healthy 10 kohm. The pin then sits where the divider puts it, Vs * 10k / (10k + R) against the
// untouched 10 k pull-down; once below the 3 V threshold the module reads the switch closed: on
// the handle of an unlocked car a phantom press that releases the hatch.
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

// What a meter reads on an untouched switch input whose pull-up has `pull_up_ohm`: the divider
// between the module's sense supply and its 10 k pull-down.
double divider_volts(FaultyCar& f, double pull_up_ohm) {
  return f.volts("bc1.sense_supply") * 10e3 / (10e3 + pull_up_ohm);
}

TEST(InputPullupCorroded, ACorrodedHandlePullUpIsAPhantomPressThatReleasesTheHatch) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 100e3}, {"growth_time", 2.0}}),
              unlocked());
  f.run_until(kOnset - 1 * kMs);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 5.5) << "a healthy open input reads about half the supply";
  f.run_until(kOnset + 500 * kMs);  // a quarter grown: 10 k * 10^0.25 = 17.8 kohm, ~4.3 V
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 3.0) << "not yet below the threshold";
  EXPECT_LT(f.volts("bc1.boot_handle_in"), 5.0) << "but already sagging";
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
  f.run_until(4 * kS);
  EXPECT_NEAR(f.volts("bc1.boot_handle_in"), divider_volts(f, 100e3), 0.02);
  EXPECT_LT(f.volts("bc1.boot_handle_in"), 3.0);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 0.5) << "not the ~0 V of a switch stuck closed";
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_EQ(rises(f.sig("hatch.open")).size(), 1u);
}

TEST(InputPullupCorroded, LockedTheHandleReadsPressedButReleasesNothing) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 100e3}, {"growth_time", 1.0}}));
  f.run_until(4 * kS);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty());
}

TEST(InputPullupCorroded, TheDefault25KohmSitsJustAboveTheThreshold) {
  // 25 kohm over the 10 k pull-down: ~3.4 V, a marginal input that does not trip yet.
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime), unlocked());
  f.run_until(12 * kS);
  EXPECT_NEAR(f.volts("bc1.boot_handle_in"), divider_volts(f, 25e3), 0.02);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 3.0);
  EXPECT_LT(f.volts("bc1.boot_handle_in"), 3.6);
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
}

TEST(InputPullupCorroded, OnTheContactInputTheModuleBelievesTheLidOpen) {
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 100e3}, {"growth_time", 0.0}},
                           {{"input", "DIP_BOOT_OPEN_SW"}}));
  f.run_until(2 * kS);
  EXPECT_LT(f.volts("bc1.boot_open_in"), 3.0);
  EXPECT_GT(f.volts("bc1.boot_handle_in"), 5.5) << "the other input keeps its pull-up";
  EXPECT_EQ(rises(f.sig("DIP_BOOT_OPEN_SW")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty()) << "the lid itself is shut";
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_HANDLE_SW")).empty());
}

}  // namespace

TEST(InputPullupCorroded, AnyInputOfTheConnectorMapCanCorrode) {
  // The master unlock button's pull-up (not one of the hatch's two inputs): a phantom press.
  FaultyCar f(default_spec("input_pullup_corroded", kOnsetTime, {{"resistance", 100e3}, {"growth_time", 1.0}},
                           {{"input", "DIP_MASTER_UNLK_SW"}}));
  f.run_until(4 * kS);
  EXPECT_LT(f.volts("bc1.master_unlock_in"), 3.0);
  EXPECT_EQ(rises(f.sig("DIP_MASTER_UNLK_SW")).size(), 1u);
  // An unknown input is refused, naming it.
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  bcmhil::model::Vehicle car("car", recorder, {});
  auto spec = default_spec("input_pullup_corroded", kOnsetTime, {}, {{"input", "DIP_ROOF_SW"}});
  EXPECT_THROW(
      {
        try {
          bcmhil::faults::find_fault_type("input_pullup_corroded")->create(spec, car);
        } catch (const std::invalid_argument& e) {
          EXPECT_NE(std::string(e.what()).find("DIP_ROOF_SW"), std::string::npos) << e.what();
          throw;
        }
      },
      std::invalid_argument);
}
