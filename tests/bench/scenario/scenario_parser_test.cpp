#include "bench/scenario/scenario.h"

#include <gtest/gtest.h>

#include "source_dir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <vector>

using namespace bcmhil::scenario;

namespace {

const char* kMinimal = R"(name: minimal
duration: 10 s
)";

// The error for `text`, which must be invalid.
ScenarioError error_of(const std::string& text) {
  try {
    parse_scenario(text, "test.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ScenarioError({}, "");
}


}  // namespace

TEST(ScenarioParser, MinimalScenarioGetsDefaults) {
  const auto s = parse_scenario(kMinimal, "m.yaml");
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.duration, sc_core::sc_time(10, sc_core::SC_SEC));
  EXPECT_EQ(s.vehicle.coding.trunk_ack_flashes, 2);  // the seed owner's two blinks
  EXPECT_TRUE(s.vehicle.locked);
  EXPECT_DOUBLE_EQ(s.clock_hz, 1e6);
}

TEST(ScenarioParser, ReadsEverySection) {
  const auto s = parse_scenario(R"(name: full
description: all of it
duration: 60 s
vehicle: {battery: 11.8 V, ignition: on, locked: false, module_clock: 1 MHz}
coding: {trunk_ack_flashes: 3, tailgate_pulse: 800 ms, key_ids: [0x123456], rolling_window: 8}
fobs:
  - {key: 1, battery: 2.5 V, counter: 100, in_range: false}
faults:
  - {type: water_ingress, at: 2 s, wetting_time: 5 s, salt: 0.5}
  - {type: hinge_wire_open, at: 1 s}
steps:
  - {at: 5 s, do: set_battery, volts: 11 V}
  - {at: 3 s, do: press_fob, button: unlock, key: 2}
  - {at: 4 s, do: press_lid_handle, duration: 1 s}
  - {at: 6 s, do: close_hatch}
  - {at: 7 s, do: set_ignition, on: false}
expect:
  - {name: x, signal: hatch.open, during: [1 s, 2 s], never: true}
  - {signal: V(hatch_lock.pin2), at: 3 s, max_at_most: 500 mV}
)",
                              "full.yaml");
  EXPECT_DOUBLE_EQ(s.vehicle.battery_volts, 11.8);
  EXPECT_TRUE(s.vehicle.ignition_on);
  EXPECT_FALSE(s.vehicle.locked);
  EXPECT_EQ(s.vehicle.coding.trunk_ack_flashes, 3);
  EXPECT_EQ(s.vehicle.coding.tailgate_pulse, sc_core::sc_time(800, sc_core::SC_MS));
  EXPECT_EQ(s.vehicle.coding.key_ids[0], 0x123456u);
  EXPECT_EQ(s.vehicle.coding.key_ids[1], 0u);
  ASSERT_EQ(s.fobs.size(), 1u);
  EXPECT_FALSE(s.fobs[0].in_range);
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_DOUBLE_EQ(s.faults[0].number("wetting_time"), 5.0);
  EXPECT_DOUBLE_EQ(s.faults[0].number("corrosion_time"), 40.0);  // the library default
  EXPECT_EQ(s.faults[0].choice("region"), "tailgate_driver");
  EXPECT_EQ(s.faults[1].choice("wire"), "tailgate_feed");
  ASSERT_EQ(s.steps.size(), 5u);
  // Sorted by time whatever the file's order.
  EXPECT_EQ(s.steps[0].action, Action::press_fob);
  EXPECT_EQ(s.steps[0].button, bcmhil::model::FobButton::unlock);
  EXPECT_EQ(s.steps[0].key, 2);
  EXPECT_EQ(s.steps[1].duration, sc_core::sc_time(1, sc_core::SC_SEC));
  EXPECT_DOUBLE_EQ(s.steps[2].volts, 11.0);
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[0].check, Check::never);
  EXPECT_EQ(s.expectations[1].from, s.expectations[1].to);
  EXPECT_DOUBLE_EQ(s.expectations[1].value, 0.5);
  EXPECT_EQ(s.expectations[1].value_dimension, Dimension::voltage);
  EXPECT_EQ(s.expectations[1].name, "V(hatch_lock.pin2) max_at_most");
  EXPECT_EQ(s.expectations[1].where.line, 19);
}

TEST(ScenarioParser, YamlSyntaxErrorNamesLineAndColumn) {
  const auto e = error_of("name: x\nduration: [10 s\n");
  EXPECT_EQ(e.where().file, "test.yaml");
  EXPECT_GT(e.where().line, 1);
  EXPECT_NE(std::string(e.what()).find("YAML syntax"), std::string::npos);
}

// A fob of another car (or a new key not yet taught) carries its own identity (24 bits).
TEST(ScenarioParser, AFobMayCarryItsOwnIdentity) {
  const auto s = parse_scenario("name: x\nduration: 1 s\nfobs:\n  - {key: 3, id: 0x7B2003}\n  - {key: 1}\n", "t.yaml");
  ASSERT_EQ(s.fobs.size(), 2u);
  EXPECT_EQ(s.fobs[0].id, std::optional<std::uint32_t>(0x7B2003));
  EXPECT_FALSE(s.fobs[1].id.has_value()) << "the coded identity";
  const auto e = error_of("name: x\nduration: 1 s\nfobs:\n  - {key: 3, id: 0x1000000}\n");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_NE(e.message().find("id"), std::string::npos) << e.message();
}

TEST(ScenarioParser, UnknownTopLevelKeyIsAnError) {
  const auto e = error_of("name: x\nduration: 1 s\ndurations: 2 s\n");
  EXPECT_EQ(e.where().line, 3);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_NE(e.message().find("unknown key 'durations'"), std::string::npos);
}

TEST(ScenarioParser, UnknownFaultTypeListsTheKnownOnes) {
  const auto e = error_of("name: x\nduration: 1 s\nfaults:\n  - {type: flood, at: 0 s}\n");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.where().column, 12);
  EXPECT_NE(e.message().find("unknown fault type 'flood'"), std::string::npos);
  EXPECT_NE(e.message().find("water_ingress"), std::string::npos);
}

TEST(ScenarioParser, UnknownFaultParameterIsAnError) {
  const auto e = error_of("name: x\nduration: 1 s\nfaults:\n  - type: water_ingress\n    wetness: 3\n");
  EXPECT_EQ(e.where().line, 5);
  EXPECT_NE(e.message().find("unknown key 'wetness'"), std::string::npos);
}

TEST(ScenarioParser, FaultChoiceAndRangeAreChecked) {
  auto e = error_of("name: x\nduration: 1 s\nfaults:\n  - {type: hinge_wire_open, wire: antenna}\n");
  EXPECT_NE(e.message().find("'antenna' is not one of"), std::string::npos);
  e = error_of("name: x\nduration: 1 s\nfaults:\n  - {type: water_ingress, salt: 3}\n");
  EXPECT_NE(e.message().find("salt must be between 0 and 1"), std::string::npos);
}

TEST(ScenarioParser, WrongUnitIsAnError) {
  const auto e = error_of("name: x\nduration: 12 V\n");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(e.where().column, 11);
  EXPECT_NE(e.message().find("expected a value in s"), std::string::npos);
}

TEST(ScenarioParser, WindowOutsideTheRunIsAnError) {
  const auto e = error_of(R"(name: x
duration: 10 s
expect:
  - {signal: hatch.open, during: [5 s, 11 s], never: true}
)");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_NE(e.message().find("after the run ends"), std::string::npos);
}

TEST(ScenarioParser, ExpectationNeedsExactlyOneCheck) {
  auto e = error_of("name: x\nduration: 10 s\nexpect:\n  - {signal: a, at: 1 s}\n");
  EXPECT_NE(e.message().find("exactly one check"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {signal: a, at: 1 s, never: true, always: false}\n");
  EXPECT_NE(e.message().find("exactly one check"), std::string::npos);
}

// The "unknown action" message lists exactly the actions the parser accepts: each listed one is
// known (whatever else its step lacks), and every documented action is listed.
TEST(ScenarioParser, UnknownActionListsEveryKnownAction) {
  const auto e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: dance}\n");
  const std::string message = e.message();
  const auto open = message.find("(known: ");
  ASSERT_NE(open, std::string::npos) << message;
  std::vector<std::string> listed;
  std::stringstream list(message.substr(open + 8, message.find(')', open) - open - 8));
  for (std::string name; std::getline(list, name, ',');) listed.push_back(name.substr(name.find_first_not_of(' ')));
  for (const char* action : {"press_fob", "press_lid_handle", "press_switch", "close_hatch", "hold_hatch", "open", "close",
                             "press_hazard", "tilt", "set_battery", "set_ignition", "turn_key", "press_lock_button",
                             "diagnose"})
    EXPECT_NE(std::find(listed.begin(), listed.end(), action), listed.end()) << action << " missing from: " << message;
  for (const auto& action : listed) {
    try {
      bcmhil::scenario::parse_scenario("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: " + action + "}\n", "x.yaml");
    } catch (const bcmhil::scenario::ScenarioError& error) {
      EXPECT_EQ(error.message().find("unknown action"), std::string::npos) << action << ": " << error.message();
    }
  }
}

TEST(ScenarioParser, StepsAreChecked) {
  auto e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: dance}\n");
  EXPECT_NE(e.message().find("unknown action 'dance'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: press_fob, button: boot}\n");
  EXPECT_NE(e.message().find("lock, unlock or trunk"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 11 s, do: close_hatch}\n");
  EXPECT_NE(e.message().find("after the run ends"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: press_fob, button: trunk, key: 5}\n");
  EXPECT_NE(e.message().find("between 1 and 4"), std::string::npos);
}

TEST(ScenarioParser, NotAMappingIsAnError) {
  EXPECT_EQ(error_of("- a\n- b\n").where().line, 1);
  EXPECT_NE(error_of("").message().find("mapping"), std::string::npos);
  EXPECT_NE(error_of("name: x\nduration: 1 s\nsteps: 3\n").message().find("must be a list"), std::string::npos);
}

TEST(ScenarioParser, MissingFileIsAClearError) {
  try {
    load_scenario("/nonexistent/nothing.yaml");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/nothing.yaml: cannot open"), std::string::npos);
  }
}

TEST(ScenarioParser, EveryShippedScenarioParses) {
  int count = 0;
  // scenarios/bench too; and each expects something, as `bcmhil run` requires.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(bcmhil::testing::source_dir() + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW(require_expectations(load_scenario(entry.path().string()))) << entry.path();
    ++count;
  }
  EXPECT_GE(count, 3);
}

// Random bytes and mangled scenarios must give a ScenarioError, never a crash or another exception.
TEST(ScenarioParser, MangledInputOnlyEverGivesScenarioErrors) {
  const std::string base = R"(name: full
duration: 60 s
vehicle: {battery: 11.8 V}
faults:
  - {type: water_ingress, at: 2 s, wetting_time: 5 s}
steps:
  - {at: 3 s, do: press_fob, button: unlock, key: 2}
expect:
  - {signal: V(hatch_lock.pin2), during: [1 s, 2 s], max_at_most: 500 mV}
)";
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const std::string alphabet = "{}[]:,-#&*!|>'\"% \n\t01aZ.";
  for (int round = 0; round < 3000; ++round) {
    std::string text = base;
    const int edits = 1 + next() % 4;
    for (int k = 0; k < edits; ++k) {
      const auto pos = next() % text.size();
      switch (next() % 3) {
        case 0: text[pos] = alphabet[next() % alphabet.size()]; break;
        case 1: text.erase(pos, 1 + next() % 8); break;
        default: text.insert(pos, 1, alphabet[next() % alphabet.size()]); break;
      }
      if (text.empty()) text = "x";
    }
    try {
      parse_scenario(text, "fuzz.yaml");
    } catch (const ScenarioError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "non-scenario exception " << e.what() << " for:\n" << text;
    }
  }
}

TEST(ScenarioParser, DiagnoseStepsAndFaultExpectations) {
  const auto s = parse_scenario(R"(name: diag
duration: 10 s
steps:
  - {at: 1 s, do: diagnose, job: faults}
  - {at: 2 s, do: diagnose, job: force, output: DOP_BOOT_RELEASE, on: true}
expect:
  - {fault: 0xC4, during: [1 s, 3 s], state: active}
  - {fault: 196, at: 2 s, state: absent}
)",
                                "d.yaml");
  ASSERT_EQ(s.steps.size(), 2u);
  EXPECT_EQ(s.steps[0].action, Action::diagnose);
  EXPECT_EQ(s.steps[0].job, "faults");
  EXPECT_EQ(s.steps[1].job_args, (std::vector<std::string>{"DOP_BOOT_RELEASE", "on"}));
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[0].signal, "ds2.fault.0xC4");
  EXPECT_EQ(s.expectations[0].check, Check::fault_state);
  EXPECT_DOUBLE_EQ(s.expectations[0].value, 2.0);
  EXPECT_EQ(s.expectations[1].signal, "ds2.fault.0xC4");
  EXPECT_DOUBLE_EQ(s.expectations[1].value, 0.0);
}

TEST(ScenarioParser, DiagnoseStepsAreChecked) {
  auto e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: diagnose, job: tickle}\n");
  EXPECT_NE(e.message().find("unknown DS2 job 'tickle'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: diagnose, job: force, output: DOP_BOOT_RELEASE}\n");
  EXPECT_NE(e.message().find("needs 'output'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: diagnose, job: faults, on: true}\n");
  EXPECT_NE(e.message().find("belong to job force only"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {fault: 0xC4, at: 1 s, state: broken}\n");
  EXPECT_NE(e.message().find("active, stored or absent"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {fault: 0xC4, signal: x, at: 1 s, state: active}\n");
  EXPECT_NE(e.message().find("either 'signal' or 'fault'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {fault: 0x1C4, at: 1 s, state: active}\n");
  EXPECT_NE(e.message().find("between 0 and 255"), std::string::npos);
}

TEST(ScenarioParser, BodyStepsMarketCodingAndInfoExpectations) {
  const auto s = parse_scenario(R"(name: body
duration: 30 s
coding: {market: ece, interior_light_delay: 5 s, alarm_time: 10 s}
steps:
  - {at: 1 s, do: open, what: passenger_door}
  - {at: 2 s, do: close, what: passenger_door}
  - {at: 3 s, do: close, what: hatch}
  - {at: 4 s, do: press_hazard, duration: 200 ms}
  - {at: 5 s, do: tilt}
  - {at: 6 s, do: tilt, on: false}
  - {at: 7 s, do: diagnose, job: info}
expect:
  - {info: 0x31, during: [7 s, 8 s], count: 2}
)",
                                "b.yaml");
  EXPECT_EQ(s.vehicle.coding.unlock_ack_flashes, 2);  // ECE: unlock flashes twice (chosen)
  EXPECT_EQ(s.vehicle.coding.lock_ack_flashes, 1);
  EXPECT_EQ(s.vehicle.coding.body.interior_light_delay, sc_core::sc_time(5, sc_core::SC_SEC));
  EXPECT_EQ(s.vehicle.coding.body.alarm_time, sc_core::sc_time(10, sc_core::SC_SEC));
  ASSERT_EQ(s.steps.size(), 7u);
  EXPECT_EQ(s.steps[0].action, Action::open);
  EXPECT_EQ(s.steps[0].what, "passenger_door");
  EXPECT_EQ(s.steps[1].action, Action::close);
  EXPECT_EQ(s.steps[2].what, "hatch");
  EXPECT_EQ(s.steps[3].action, Action::press_hazard);
  EXPECT_EQ(s.steps[3].duration, sc_core::sc_time(200, sc_core::SC_MS));
  EXPECT_EQ(s.steps[4].action, Action::tilt);
  EXPECT_TRUE(s.steps[4].on);
  EXPECT_FALSE(s.steps[5].on);
  ASSERT_EQ(s.expectations.size(), 1u);
  EXPECT_EQ(s.expectations[0].signal, "ds2.info.0x31");
  EXPECT_EQ(s.expectations[0].check, Check::info_count);
  EXPECT_DOUBLE_EQ(s.expectations[0].value, 2.0);
}

TEST(ScenarioParser, BodyStepsAreCheckedWithTheirPlace) {
  auto e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: open, what: boot}\n");
  EXPECT_NE(e.message().find("what must be driver_door, passenger_door or bonnet, got 'boot'"), std::string::npos);
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.where().column, 31);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: open, what: hatch}\n");
  EXPECT_NE(e.message().find("opens only through its lock"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: close}\n");
  EXPECT_NE(e.message().find("close needs 'what'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: tilt, on: maybe}\n");
  EXPECT_NE(e.message().find("on must be true/false"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nsteps:\n  - {at: 1 s, do: press_hazard, what: bonnet}\n");
  EXPECT_NE(e.message().find("unknown key 'what' in step press_hazard"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\ncoding: {market: jp}\n");
  EXPECT_NE(e.message().find("market must be us or ece, got 'jp'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {info: 0x42, at: 1 s}\n");
  EXPECT_NE(e.message().find("needs 'count'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {info: 0x42, fault: 0xC4, at: 1 s, count: 1}\n");
  EXPECT_NE(e.message().find("or 'info'"), std::string::npos);
  e = error_of("name: x\nduration: 10 s\nexpect:\n  - {signal: x, at: 1 s, count: 1}\n");
  EXPECT_NE(e.message().find("'count' goes with 'info'"), std::string::npos);
}
