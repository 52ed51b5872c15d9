// The workshop performs catalogue tests on simulated cars: each shipped look-alike shows its
// tell in the test that is meant to catch it.
#include "diagnosis/workshop.h"

#include "source_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {
namespace {

const Catalogue& shipped() {
  static const Catalogue c = load_catalogue(shipped_catalogue_path());
  return c;
}

CarUnderTest scenario_car(const std::string& name) {
  return car_from_scenario(scenario::load_scenario(testing::source_dir() + "/scenarios/" + name + ".yaml"));
}

std::string outcome(const CarUnderTest& car, const std::string& test_id) {
  const auto* test = shipped().find(test_id);
  if (!test) throw std::invalid_argument("no test " + test_id);
  return test->classes.at(play_test(car, *test).outcome).name;
}

struct Tell {
  const char* test;
  const char* outcome;
};

// Each look-alike, with the readings that tell it from the others (scenarios/README.md).
void expect_tells(const std::string& scenario, const std::vector<Tell>& tells) {
  const auto car = scenario_car(scenario);
  for (const auto& t : tells) EXPECT_EQ(outcome(car, t.test), t.outcome) << scenario << ": " << t.test;
}

TEST(WorkshopTells, HealthyCarReadsHealthy) {
  expect_tells("healthy-hatch", {{"hatch.trunk.flashes", "two"},
                                 {"hatch.trunk.opens", "opens"},
                                 {"hatch.trunk.opens_thrice", "every time"},
                                 {"hatch.ds2.fault_c4", "absent"},
                                 {"hatch.bc1_pin.volts_trunk", "battery"},
                                 {"hatch.pin2.volts_trunk", "battery"},
                                 {"hatch.pin1.volts_trunk", "0 V"},
                                 {"hatch.motor.amps_trunk", "running"},
                                 {"power.kl30_logic.volts_trunk", "battery"},
                                 {"kline.ds2.ident", "answers"}});
}

TEST(WorkshopTells, FloodedModuleHasItsFeedButNoOutput) {
  expect_tells("flooded-bcm-hatch", {{"hatch.trunk.flashes", "two"},
                                     {"hatch.trunk.opens", "stays shut"},
                                     {"hatch.bc1_feed.volts_trunk", "battery"},
                                     {"hatch.bc1_pin.volts_trunk", "0 V"},
                                     {"hatch.motor.amps_trunk", "none"},
                                     {"hatch.ds2.fault_c4", "active"}});
}

TEST(WorkshopTells, ActuatorShortedDrawsTheCurrentLimitAtTheHatch) {
  // 0xC4 active like a flood, but 12 A flows into the hatch lock (a flooded driver passes nothing).
  expect_tells("actuator-shorted", {{"hatch.ds2.fault_c4", "active"},
                                    {"hatch.motor.amps_trunk", "current limit"},
                                    {"hatch.bc1_pin.volts_trunk", "a few volts"}});
}

TEST(WorkshopTells, BadGroundLiftsHatchPinOne) {
  expect_tells("bad-ground-hatch", {{"hatch.pin1.volts_trunk", "lifted"},
                                    {"hatch.pin2.volts_trunk", "battery"},
                                    {"hatch.motor.amps_trunk", "weak"},
                                    {"hatch.ds2.fault_c4", "absent"}});
}

TEST(WorkshopTells, DendriteToGroundLimitsAtTheModuleNotAtTheHatch) {
  // The driver limits at 12 A into the bridge at the module; the motor behind it gets under 1 A.
  expect_tells("dendrite-tailgate-to-ground", {{"hatch.bc1_driver.amps_trunk", "current limit"},
                                               {"hatch.motor.amps_trunk", "weak"},
                                               {"hatch.bc1_pin.volts_trunk", "a few volts"},
                                               {"hatch.ds2.fault_c4", "active"}});
}

TEST(WorkshopTells, SupplyBrownoutPullsTheLogicFeedUnderItsResetLevel) {
  expect_tells("supply-brownout-resets", {{"power.kl30_logic.volts_trunk", "brown-out"},
                                          {"hatch.trunk.flashes", "one"},
                                          {"hatch.ds2.release_output", "off"}});
}

TEST(WorkshopTells, IntermittentHingeWireOpensSometimes) {
  expect_tells("hinge-wire-intermittent", {{"hatch.trunk.opens_thrice", "sometimes"},
                                           {"hatch.ds2.fault_c4", "absent"}});
}

TEST(WorkshopTells, BrokenHingeWireStopsBetweenModuleAndHatch) {
  expect_tells("hinge-wire-broken", {{"hatch.bc1_pin.volts_trunk", "battery"},
                                     {"hatch.pin2.volts_trunk", "0 V"},
                                     {"hatch.ds2.fault_c4", "absent"}});
}

TEST(WorkshopTells, BlownFuseKillsTheFeedPin) {
  expect_tells("fuse-30cdl-blown", {{"hatch.bc1_feed.volts_trunk", "0 V"}, {"power.fuse_f9.look", "blown"}});
}

TEST(WorkshopTells, SeizedActuatorStalls) {
  expect_tells("actuator-seized", {{"hatch.motor.amps_trunk", "stall"}, {"hatch.ds2.fault_c4", "absent"}});
}

TEST(WorkshopTells, WettedKlineSilencesTheTesterButNotTheHatch) {
  expect_tells("kline-wetted", {{"kline.ds2.ident", "no answer"},
                                {"hatch.ds2.fault_c4", "no answer"},
                                {"kline.pin.volts_rest", "0 V"},
                                {"hatch.trunk.opens", "opens"}});
}

TEST(Workshop, SameCarSameTestSameReading) {
  const auto car = scenario_car("hinge-wire-intermittent");
  for (const char* id : {"hatch.trunk.opens_thrice", "hatch.pin2.volts_trunk", "hatch.ds2.fault_c4"}) {
    const auto a = play_test(car, *shipped().find(id));
    const auto b = play_test(car, *shipped().find(id));
    EXPECT_EQ(a.raw, b.raw) << id;
    EXPECT_EQ(a.outcome, b.outcome) << id;
  }
}

TEST(Workshop, PerformsOnceAfterBringingIn) {
  Workshop shop(scenario_car("healthy-hatch"));
  const auto& test = *shipped().find("hatch.trunk.flashes");
  EXPECT_THROW(shop.perform(test), std::logic_error);
  shop.bring_in();
  EXPECT_EQ(shop.perform(test).raw, 2.0);
  EXPECT_THROW(shop.perform(test), std::logic_error);
}

TEST(Workshop, UnknownSignalNamesTheTestsLine) {
  const auto catalogue = parse_catalogue(R"(format: bcmhil-test-catalogue/1
model: bc1
tests:
  - id: bogus
    path: hatch
    title: a signal the model does not have
    access: none
    cost_min: 0
    unit: V
    read: {signal: V(no.such.node)}
    window: [0 s, 1 s]
    reduce: max
    classes: [{name: low, below: 1 V}, {name: high}]
    words: nothing
)",
                                         "bogus.yaml");
  try {
    play_test(scenario_car("healthy-hatch"), catalogue.tests.at(0));
    FAIL() << "an unknown signal must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("bogus.yaml:4:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("V(no.such.node)"), std::string::npos) << e.what();
  }
}

TEST(Workshop, ExaminesTheScenarioCarAtTheEndOfItsStory) {
  const auto s = scenario::load_scenario(testing::source_dir() + "/scenarios/flooded-bcm-hatch.yaml");
  const auto car = car_from_scenario(s);
  EXPECT_EQ(car.examine_at, s.duration);
  EXPECT_EQ(car.faults.size(), s.faults.size());
}

// Prints the raw reading of every test on every look-alike: the table the thresholds were
// chosen from (run with --gtest_also_run_disabled_tests).
TEST(WorkshopCalibration, DISABLED_PrintsTheLookAlikeTable) {
  const char* env = std::getenv("BCMHIL_CALIBRATE");
  std::vector<std::string> cars = {"healthy-hatch", "flooded-bcm-hatch", "hinge-wire-broken", "fuse-30cdl-blown",
                                   "actuator-seized", "actuator-shorted", "bad-ground-hatch",
                                   "dendrite-tailgate-to-ground", "supply-brownout-resets", "hinge-wire-intermittent"};
  if (env) {
    cars.clear();
    std::string s = env;
    for (std::size_t p = 0; p < s.size();) {
      auto q = s.find(',', p);
      if (q == std::string::npos) q = s.size();
      cars.push_back(s.substr(p, q - p));
      p = q + 1;
    }
  }
  for (const auto& name : cars) {
    const auto car = scenario_car(name);
    std::printf("== %s\n", name.c_str());
    for (const auto& t : shipped().tests) {
      const auto r = play_test(car, t);
      std::printf("  %-45s %10.4g %s  [%s]\n", t.id.c_str(), r.raw, t.unit.c_str(), t.classes[r.outcome].name.c_str());
    }
  }
}

}  // namespace
}  // namespace bcmhil::diagnosis
