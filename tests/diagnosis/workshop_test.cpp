// The workshop performs catalogue tests on simulated cars: each shipped look-alike shows its
// tell in the test that is meant to catch it.
#include "diagnosis/workshop.h"

#include "source_dir.h"

#include <gtest/gtest.h>

#include <cmath>
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
                                 // Peak hold: the motor stalls (~9 A) when the pawl hits its end stop.
                                 {"hatch.motor.amps_trunk", "stall"},
                                 {"power.kl30_logic.volts_trunk", "battery"},
                                 {"kline.ds2.ident", "answers"}});
}

TEST(WorkshopTells, FloodedModuleHasItsFeedButNoOutput) {
  expect_tells("flooded-bcm-hatch", {{"hatch.trunk.flashes", "two"},
                                     {"hatch.winding.ohms", "winding"},
                                     {"hatch.tailgate_pin.ohms_module", "leaking"},
                                     {"hatch.trunk.opens", "stays shut"},
                                     {"hatch.bc1_feed.volts_trunk", "battery"},
                                     {"hatch.bc1_pin.volts_trunk", "0 V"},
                                     {"hatch.motor.amps_trunk", "none"},
                                     {"hatch.ds2.fault_c4", "active"},
                                     // The tester forces the output (seed/key, STEUERN_IOSTATES): nothing changes.
                                     {"hatch.ds2.force_release.bc1_pin", "0 V"}});
}

TEST(WorkshopTells, ActuatorShortedDrawsTheCurrentLimitAtTheHatch) {
  // ~28 A flows into the hatch lock (a flooded driver passes nothing) in bursts chopped by the
  // smart switch's thermal shutdown; between them the pin stands at ~9 V, so the module's readback
  // finds it high and logs nothing (scenarios/actuator-shorted.yaml).
  expect_tells("actuator-shorted", {{"hatch.ds2.fault_c4", "absent"},
                                    {"hatch.motor.amps_trunk", "current limit"},
                                    {"hatch.bc1_pin.volts_trunk", "low"},
                                    {"hatch.winding.ohms", "short"},                 // ~0.2 ohm, a healthy one 1.2
                                    {"hatch.lamp.unplugged_trunk", "bright"},         // without the lock the feed is fine
                                    {"hatch.pin2.volts_unplugged_trunk", "battery"}});
}

TEST(WorkshopTells, BadGroundLiftsHatchPinOne) {
  expect_tells("bad-ground-hatch", {{"hatch.pin1.volts_trunk", "lifted"},
                                    {"hatch.pin2.volts_trunk", "battery"},
                                    {"hatch.motor.amps_trunk", "weak"},
                                    {"hatch.ds2.fault_c4", "absent"},
                                    {"hatch.ground_wire.ohms", "corroded"},
                                    // A meter on the unplugged connector reads battery voltage, the lamp only glows.
                                    {"hatch.pin2.volts_unplugged_trunk", "battery"},
                                    {"hatch.lamp.unplugged_trunk", "dim"}});
}

TEST(WorkshopTells, DendriteToGroundLimitsAtTheModuleNotAtTheHatch) {
  // The driver limits at 30 A into the bridge at the module and chops it by thermal shutdown; the
  // motor behind it gets a few amps in bursts, the test lamp only glows.
  expect_tells("dendrite-tailgate-to-ground", {{"hatch.bc1_driver.amps_trunk", "current limit"},
                                               {"hatch.motor.amps_trunk", "reduced"},
                                               {"hatch.bc1_pin.volts_trunk", "a few volts"},
                                               {"hatch.ds2.fault_c4", "active"},
                                               {"hatch.tailgate_pin.ohms_module", "bridged"},
                                               {"hatch.winding.ohms", "winding"},
                                               {"hatch.lamp.unplugged_trunk", "dim"}});
}

TEST(WorkshopTells, SupplyBrownoutPullsTheLogicFeedUnderItsResetLevel) {
  // The module resets 1 ms into the first flash: too short to warm a cold filament, nobody sees it.
  expect_tells("supply-brownout-resets", {{"power.kl30_logic.volts_trunk", "brown-out"},
                                          {"hatch.trunk.flashes", "none"},
                                          {"hatch.ds2.release_output", "off"}});
}

TEST(WorkshopTells, IntermittentHingeWireOpensSometimes) {
  expect_tells("hinge-wire-intermittent", {{"hatch.trunk.opens_thrice", "sometimes"},
                                           {"hatch.ds2.fault_c4", "absent"}});
}

TEST(WorkshopTells, BrokenHingeWireStopsBetweenModuleAndHatch) {
  expect_tells("hinge-wire-broken", {{"hatch.bc1_pin.volts_trunk", "battery"},
                                     {"hatch.pin2.volts_trunk", "0 V"},
                                     {"hatch.ds2.fault_c4", "absent"},
                                     {"hatch.feed_wire.ohms", "open"},
                                     {"hatch.ds2.force_release.bc1_pin", "battery"}});
}

TEST(WorkshopTells, BlownFuseKillsTheFeedPin) {
  expect_tells("fuse-30cdl-blown", {{"hatch.bc1_feed.volts_trunk", "0 V"}, {"power.fuse_f9.look", "blown"}});
}

TEST(WorkshopTells, ShortThatBlewF9IsABridgeInsideTheModule) {
  // Both cars have F9 blown; only the ohmmeter between the module's own pins finds the bridge.
  expect_tells("short-blows-f9", {{"power.fuse_f9.look", "blown"}, {"power.f9_feed_pin.ohms_module", "bridged"}});
  expect_tells("fuse-30cdl-blown", {{"power.fuse_f9.look", "blown"}, {"power.f9_feed_pin.ohms_module", "normal"}});
}

CarUnderTest car_with(const std::string& fault) {
  return car_from_scenario(
      scenario::parse_scenario("name: inline\nduration: 5 s\nfaults:\n  - " + fault + "\n", "inline.yaml"));
}

TEST(WorkshopTells, OnlyTheCoilsResistanceTellsABurntCoilFromARelayWeldedAtRest) {
  // scenarios/README.md: both leave the relay pin at 0 V while commanded, and log NC FEHLER.
  for (const char* fault : {"{type: relay_coil_open, relay: driver}", "{type: relay_welded, relay: driver, side: nc}"}) {
    const auto car = car_with(fault);
    EXPECT_EQ(outcome(car, "central_locking.drv_relay_pin.volts_lock"), "0 V") << fault;
    EXPECT_EQ(outcome(car, "central_locking.ds2.fault_01"), "active") << fault;
  }
  EXPECT_EQ(outcome(car_with("{type: relay_coil_open, relay: driver}"), "central_locking.drv_relay_coil.ohms_bench"), "open");
  EXPECT_EQ(outcome(car_with("{type: relay_welded, relay: driver, side: nc}"), "central_locking.drv_relay_coil.ohms_bench"),
            "coil");
}

// Pairs that every other test reads alike (bcmhil assist --evaluate lists them), and the test
// that splits each.
TEST(WorkshopSplits, FlexingTheHingeLoomBringsABreakInsideTheInsulationBack) {
  // Seed 1 settles apart at the onset: the lid stays shut on every press, like a clean break.
  const auto intermittent = car_with("{type: hinge_wire_intermittent, wire: tailgate_feed, seed: 1}");
  const auto broken = car_with("{type: hinge_wire_open, wire: tailgate_feed}");
  EXPECT_EQ(outcome(intermittent, "hatch.trunk.opens_thrice"), "never");
  EXPECT_EQ(outcome(broken, "hatch.trunk.opens_thrice"), "never");
  EXPECT_EQ(outcome(intermittent, "hatch.trunk.opens_flexing"), "opens");
  EXPECT_EQ(outcome(broken, "hatch.trunk.opens_flexing"), "stays shut");
}

TEST(WorkshopSplits, ThePullUpReachesAStuckHandleSwitchThroughAWholeWire) {
  const auto wire = car_with("{type: hinge_wire_open, wire: handle_signal}");
  const auto button = car_with("{type: switch_failed, switch: lid_handle, stuck: open}");
  EXPECT_EQ(outcome(wire, "hatch.handle.opens_unlocked"), "stays shut");
  EXPECT_EQ(outcome(button, "hatch.handle.opens_unlocked"), "stays shut");
  EXPECT_EQ(outcome(wire, "hatch.handle_switch.volts_rest"), "0 V");
  EXPECT_EQ(outcome(button, "hatch.handle_switch.volts_rest"), "pull-up");
}

TEST(WorkshopSplits, AFilmOnTheSuperLockContactReadsInSeriesWithItsRestContact) {
  const auto film = car_with("{type: relay_contact_corrosion, relay: super, resistance: 1 Mohm, growth_time: 2 s}");
  const auto welded = car_with("{type: relay_welded, relay: super, side: nc}");
  EXPECT_EQ(outcome(film, "central_locking.super_relay_pin.volts_deadlock"), "0 V");
  EXPECT_EQ(outcome(welded, "central_locking.super_relay_pin.volts_deadlock"), "0 V");
  EXPECT_EQ(outcome(film, "central_locking.super_relay_pin.ohms_module"), "filmed");
  EXPECT_EQ(outcome(welded, "central_locking.super_relay_pin.ohms_module"), "contact");
}

TEST(WorkshopSplits, EachLeakingInputShowsItsOwnPhantomPress) {
  struct Leak {
    const char* input;
    const char* rear_led;
    const char* front_led;
    const char* lid;
  };
  for (const Leak& leak : {Leak{"DIP_HT_RR_WIN_SW", "comes on", "stays off", "stays shut"},
                           Leak{"DIP_HT_FT_SCR_SW", "stays off", "comes on", "stays shut"},
                           Leak{"DIP_BOOT_HANDLE_SW", "stays off", "stays off", "pops open"}}) {
    const auto car = car_with(std::string("{type: input_leak_intermittent, input: ") + leak.input + "}");
    EXPECT_EQ(outcome(car, "power.heated_rear.led_by_itself"), leak.rear_led) << leak.input;
    EXPECT_EQ(outcome(car, "power.heated_front.led_by_itself"), leak.front_led) << leak.input;
    EXPECT_EQ(outcome(car, "hatch.lid.pops_unlocked"), leak.lid) << leak.input;
  }
  const auto healthy = car_with("{type: input_leak_intermittent, input: DIP_HT_RR_WIN_SW, wet_resistance: 1000 Mohm}");
  EXPECT_EQ(outcome(healthy, "power.heated_rear.led_by_itself"), "stays off");
}

TEST(WorkshopSplits, AStuckAlarmSwitchNeverSoundsTheSiren) {
  const auto healthy = car_with("{type: switch_failed, switch: hazard, stuck: open}");  // no alarm zone
  for (const char* zone : {"tilt", "passenger_door", "driver_door", "bonnet"}) {
    const std::string test = std::string("alarm.") + zone + (std::string(zone) == "tilt" ? ".siren_jacked" : ".siren_opened_armed");
    EXPECT_EQ(outcome(healthy, test), "sounds") << zone;
    for (const char* stuck : {"open", "closed"})
      EXPECT_EQ(outcome(car_with(std::string("{type: switch_failed, switch: ") + zone + ", stuck: " + stuck + "}"), test),
                "silent")
          << zone << " stuck " << stuck;
  }
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

TEST(Workshop, EveryShippedTestPerformsOnTheHealthyCar) {
  // Every point, place, signal, connector and DS2 item of the shipped catalogue exists on the
  // car, and the healthy car shows something within each instrument's range.
  const auto car = scenario_car("healthy-hatch");
  for (const auto& t : shipped().tests) {
    const auto r = play_test(car, t);
    EXPECT_FALSE(std::isnan(r.raw)) << t.id;
    EXPECT_TRUE(t.range().contains(r.raw)) << t.id << ": " << r.raw;
    EXPECT_GE(r.outcome, 0) << t.id;
    EXPECT_LT(r.outcome, static_cast<int>(t.classes.size())) << t.id;
  }
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

TEST(Workshop, ReadsTheInstrumentOnlyOnceItsLeadsAreIn) {
  // A window from the test's first instant, its highest reading: a test lamp from the battery to
  // hatch pin 1, whose ground joint is corroded to 8 ohm, only glows (~5 W). A reading taken
  // before the circuit has the lamp in it would see the unloaded 12.6 V: a bright 23 W.
  const auto catalogue = parse_catalogue(R"(format: bcmhil-test-catalogue/1
model: bc1
tests:
  - id: lamp.from_the_start
    path: hatch
    title: a test lamp from the battery to hatch pin 1, read from the test's first instant
    access: lid trim off
    cost_min: 16
    unit: W
    read: {instrument: test_lamp, plus: battery+, minus: hatch.1}
    window: [0 s, 100 ms]
    reduce: max
    classes: [{name: dark, below: 2.1 W}, {name: dim, below: 12 W}, {name: bright}]
    words: Test lamp from the battery's positive post to hatch pin 1.
)",
                                         "inline.yaml");
  const auto r = play_test(scenario_car("bad-ground-hatch"), catalogue.tests.at(0));
  EXPECT_NEAR(r.raw, 21.0 * std::pow(12.6 * 6.86 / (6.86 + 8.0) / 12.0, 2), 1.0);
  EXPECT_EQ(catalogue.tests.at(0).classes.at(r.outcome).name, "dim");
}

TEST(Workshop, ExaminesTheScenarioCarAtTheEndOfItsStory) {
  const auto s = scenario::load_scenario(testing::source_dir() + "/scenarios/flooded-bcm-hatch.yaml");
  const auto car = car_from_scenario(s);
  EXPECT_EQ(car.examine_at, s.duration);
  EXPECT_EQ(car.faults.size(), s.faults.size());
}

}  // namespace
}  // namespace bcmhil::diagnosis
