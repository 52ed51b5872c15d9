// Regressions for bugs found by the model's unit tests; each test failed before its fix.
#include "model/faults/actuator_failure.h"
#include "model/faults/blown_fuse.h"

#include "tests/model/faults/fault_test_support.h"

#include "model/faults/water_ingress.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;

// Without its logic supply the module is in brown-out: its input comparators then read 0 V
// (active-low inputs look pressed), and a module that kept running released an unlocked car's
// hatch by itself.
TEST(FaultRegression, BlownLogicFuseHoldsTheModuleInResetInsteadOfReleasingTheHatch) {
  bcmhil::model::VehicleConfig config;
  config.locked = false;
  FaultyCar f(default_spec("blown_fuse", sc_core::sc_time(500, sc_core::SC_MS), {}, {{"fuse", "30A"}}), config);
  f.run_until(3 * kS);
  EXPECT_FALSE(f.car().bc1.powered());
  EXPECT_TRUE(rises(f.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty());
  // And a fob press is not acted on either.
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(5 * kS);
  EXPECT_TRUE(rises(f.sig("indicator_lh.lit")).empty());
}

TEST(FaultRegression, BatteryBelowBrownOutAndBackRestartsTheModule) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(1 * kS);
  EXPECT_TRUE(t.car().bc1.powered());
  t.car().set_battery_volts(5.0);
  t.run_until(2 * kS);
  EXPECT_FALSE(t.car().bc1.powered());
  t.car().set_battery_volts(12.6);
  t.run_until(3 * kS);
  EXPECT_TRUE(t.car().bc1.powered());
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(5 * kS);
  EXPECT_EQ(rises(t.sig("indicator_lh.lit")).size(), 2u);
}

// Two water faults used to collide on one branch name: the second could not be built. Both must
// act: two films on one pin conduct like two in parallel, and water on the tailgate and on the
// indicator drivers kills both.
TEST(FaultRegression, TwoWaterFaultsCoexist) {
  CarUnderTest t;
  const std::map<std::string, double> fast{{"wetting_time", 1.0}, {"corrosion_time", 1.0}, {"salt", 0.0}};
  const auto* water = bcmhil::faults::find_fault_type("water_ingress");
  auto first = water->create(default_spec("water_ingress", sc_core::SC_ZERO_TIME, fast), t.car());
  auto second = water->create(default_spec("water_ingress", sc_core::SC_ZERO_TIME, fast), t.car());
  auto third = water->create(
      default_spec("water_ingress", sc_core::SC_ZERO_TIME, fast, {{"region", "indicator_drivers"}}), t.car());
  EXPECT_STRNE(first->name(), second->name());
  t.elaborate();
  t.run_until(3 * kS);
  // An ohmmeter between the tailgate pin and module ground: two wet 10 kohm films in parallel.
  auto& net = t.car().circuit.network();
  auto film = [&](const bcmhil::faults::Fault& f) {
    return net.resistance(*dynamic_cast<const bcmhil::faults::WaterIngress&>(f).film("X330.3", "X330.4"));
  };
  const double films = 1.0 / (1.0 / film(*first) + 1.0 / film(*second));
  EXPECT_NEAR(films, 5e3, 1.0);
  // Both regions have died: the trunk button flashes nothing and releases nothing.
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(5 * kS);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE"), 3 * kS).size(), 1u) << "the module still commands the release";
  EXPECT_LT(max_in(t.sig("V(bc1.tailgate_out)"), 3 * kS, 5 * kS), 20e-3);  // the K-line's films leak mV
  EXPECT_TRUE(rises(t.sig("indicator_lh.lit"), 3 * kS).empty());
  EXPECT_TRUE(rises(t.sig("hatch.open")).empty());
}

// A fault whose constructor rejects its parameters used to leave its thread behind on the
// destroyed object, and the simulation crashed when it went on. Now nothing of it is left: the
// car runs on as a healthy one.
TEST(FaultRegression, RejectedFaultLeavesNothingRunning) {
  CarUnderTest t;
  auto spec = default_spec("blown_fuse", sc_core::sc_time(100, sc_core::SC_MS));
  spec.choices["fuse"] = "F99";
  EXPECT_THROW(bcmhil::faults::find_fault_type("blown_fuse")->create(spec, t.car()), std::invalid_argument);
  t.elaborate();
  for (const auto* object : sc_core::sc_get_top_level_objects())
    EXPECT_EQ(std::string(object->name()).find("blown_fuse"), std::string::npos) << object->name();
  t.run_until(1 * kS);
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(1, sc_core::SC_SEC));
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(3 * kS);
  EXPECT_EQ(rises(t.sig("hatch.open")).size(), 1u) << "the healthy car still opens";
}

// A lock that seizes while the motor is already pulling used to release all the same.
TEST(FaultRegression, LockSeizedMidPullDoesNotRelease) {
  FaultyCar f(default_spec("actuator_failure", sc_core::sc_time::from_value(1 * kS + 51 * kMs + 100 * kMs),
                           {}, {{"mode", "seized"}}));
  f.run_until(1 * kS);
  f.car().press_fob(1, FobButton::trunk);  // release starts ~51 ms later; travel is 150 ms
  f.run_until(3 * kS);
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty());
}

}  // namespace
