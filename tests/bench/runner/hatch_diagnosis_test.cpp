// The diagnosis must name each shipped look-alike correctly from its measurements alone.
#include "bench/runner/hatch_diagnosis.h"
#include "bench/runner/scenario_runner.h"

#include <gtest/gtest.h>

#include "source_dir.h"

#include <cstdlib>

using namespace bcmhil;
using runner::HatchVerdict;

namespace {

std::string scenario_path(const std::string& name) {
  return bcmhil::testing::source_dir() + "/scenarios/" + name + ".yaml";
}

runner::HatchDiagnosis diagnose(const std::string& name, double press_s) {
  const auto sc = scenario::load_scenario(scenario_path(name));
  const auto result = runner::run_scenario(sc);
  return runner::diagnose_hatch(runner::measure_hatch(*result.recorder, press_s));
}

}  // namespace

TEST(HatchDiagnosis, HealthyHatchReleases) {
  const auto d = diagnose("healthy-hatch", 2.0);
  EXPECT_EQ(d.verdict, HatchVerdict::released);
  EXPECT_EQ(d.measured.flashes, 2);
  EXPECT_GT(d.measured.hatch_pin2_v, 11.0);
}

TEST(HatchDiagnosis, FloodedModuleIsTheModule) {
  const auto early = diagnose("flooded-bcm-hatch", 5.0);
  EXPECT_EQ(early.verdict, HatchVerdict::released);
  const auto late = diagnose("flooded-bcm-hatch", 50.0);
  EXPECT_EQ(late.verdict, HatchVerdict::module_output_dead) << late.finding;
  EXPECT_EQ(late.measured.flashes, 2);
  EXPECT_TRUE(late.measured.release_commanded);
  EXPECT_GT(late.measured.feed_pin_v, 11.0);
  EXPECT_LT(late.measured.bc1_pin_v, 0.5);
  EXPECT_LT(late.measured.hatch_pin2_v, 0.5);
}

TEST(HatchDiagnosis, BrokenHingeWireIsTheHarness) {
  const auto d = diagnose("hinge-wire-broken", 2.0);
  EXPECT_EQ(d.verdict, HatchVerdict::harness_open) << d.finding;
  EXPECT_GT(d.measured.bc1_pin_v, 11.0);
  EXPECT_LT(d.measured.hatch_pin2_v, 0.5);
}

TEST(HatchDiagnosis, BlownFuseIsTheFuse) {
  EXPECT_EQ(diagnose("fuse-30cdl-blown", 2.0).verdict, HatchVerdict::feed_fuse_blown);
}

TEST(HatchDiagnosis, SeizedActuatorIsTheActuator) {
  const auto d = diagnose("actuator-seized", 2.0);
  EXPECT_EQ(d.verdict, HatchVerdict::actuator_seized) << d.finding;
  EXPECT_GT(d.measured.motor_a, 8.0);
}

TEST(HatchDiagnosis, RulesFollowTheMeasurements) {
  runner::HatchMeasurement m;
  EXPECT_EQ(runner::diagnose_hatch(m).verdict, HatchVerdict::fob_not_heard);
  m.flashes = 2;
  m.release_commanded = true;
  m.feed_pin_v = 12.4;
  m.bc1_pin_v = 5.0;
  EXPECT_EQ(runner::diagnose_hatch(m).verdict, HatchVerdict::weak_output);
  m.bc1_pin_v = 12.3;
  m.hatch_pin2_v = 12.0;
  m.motor_a = 0.0;
  EXPECT_EQ(runner::diagnose_hatch(m).verdict, HatchVerdict::actuator_open);
}
