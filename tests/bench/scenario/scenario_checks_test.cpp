// What the scenario parser used to accept silently (issue 9): a key given twice, a second
// document, times beyond the run or absurd numbers, contradictory faults, bytes that are not
// UTF-8, and a scenario that expects nothing.
#include "bench/scenario/fault_conflicts.h"
#include "bench/scenario/scenario.h"
#include "bench/yaml/utf8_text.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace bcmhil::scenario;

namespace {

ScenarioError error_of(const std::string& text) {
  try {
    parse_scenario(text, "test.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ScenarioError({}, "");
}

// `e` is at line:column and its message contains `text`.
void expect_at(const ScenarioError& e, int line, int column, const std::string& text) {
  EXPECT_EQ(e.where().line, line) << e.what();
  EXPECT_EQ(e.where().column, column) << e.what();
  EXPECT_NE(e.message().find(text), std::string::npos) << e.what();
}

const std::string kHead = "name: x\nduration: 10 s\n";

}  // namespace

TEST(ScenarioChecks, KeyGivenTwiceIsAnErrorAtTheSecond) {
  expect_at(error_of("name: x\nduration: 10 s\nduration: 1 s\n"), 3, 1,
            "key 'duration' is given twice in this mapping (first at line 2, column 1)");
  expect_at(error_of(kHead + "steps:\n  - {at: 1 s, do: press_lid_handle, at: 2 s}\n"), 4, 37, "key 'at' is given twice");
  expect_at(error_of(kHead + "expect:\n  - name: a\n    signal: hatch.open\n    at: 1 s\n    never: true\n    never: false\n"),
            8, 5, "key 'never' is given twice");
}

TEST(ScenarioChecks, SecondDocumentIsAnError) {
  expect_at(error_of(kHead + "---\nname: y\nduration: 5 s\n"), 3, 1, "a second YAML document starts here");
}

TEST(ScenarioChecks, StepHeldBeyondTheRunIsAnError) {
  expect_at(error_of(kHead + "steps:\n  - {at: 1 s, do: press_lid_handle, duration: 1e9 s}\n"), 4, 47,
            "'1e9 s' is absurd (at most 24 h)");
  expect_at(error_of(kHead + "steps:\n  - {at: 8 s, do: press_switch, switch: heated_rear_window, duration: 3 s}\n"), 4, 71,
            "held until 11 s, after the run ends (10 s)");
  expect_at(error_of(kHead + "steps:\n  - {at: 8 s, do: turn_key, door: driver, to: lock, duration: 0 ms}\n"), 4, 63,
            "duration must be more than 0");
  EXPECT_NO_THROW(parse_scenario(kHead + "steps:\n  - {at: 8 s, do: press_hazard, duration: 2 s}\n", "ok.yaml"));
}

TEST(ScenarioChecks, AbsurdAndNonFiniteNumbersAreErrors) {
  expect_at(error_of("name: x\nduration: 1e308 min\n"), 2, 11, "is not a number with a known unit");  // overflows to inf
  expect_at(error_of("name: x\nduration: inf s\n"), 2, 11, "is not a number");
  expect_at(error_of("name: x\nduration: nan s\n"), 2, 11, "is not a number");
  expect_at(error_of(kHead + "steps:\n  - {at: 1e300 s, do: close_hatch}\n"), 4, 10, "is absurd");
  expect_at(error_of(kHead + "expect:\n  - {signal: x, during: [0 s, 1e12 s], never: true}\n"), 4, 31, "is absurd");
  expect_at(error_of(kHead + "expect:\n  - {signal: x, at: 1 s, max_at_most: 1e308 kohm}\n"), 4, 39, "not a number");
  expect_at(error_of(kHead + "fobs:\n  - {key: 1, battery: 1e9 V}\n"), 4, 23, "a fob battery must be 0-5 V");
  expect_at(error_of(kHead + "coding: {flash_on: 0 s}\n"), 3, 20, "flash_on must be between 10 ms and 5 s");
  expect_at(error_of(kHead + "coding: {interior_light_delay: 1e30 s}\n"), 3, 32, "is absurd");
}

TEST(ScenarioChecks, FaultAfterTheRunNamesItsLine) {
  expect_at(error_of(kHead + "faults:\n  - {type: hinge_wire_open, at: 20 s}\n"), 4, 33,
            "fault starts at 20 s, after the run ends (10 s)");
}

TEST(ScenarioChecks, ContradictoryFaultsAreErrorsAtTheSecond) {
  const auto e = error_of(kHead + "faults:\n  - {type: switch_failed, switch: driver_door, stuck: closed}\n"
                                  "  - {type: switch_failed, switch: driver_door, stuck: open, at: 2 s}\n");
  expect_at(e, 5, 5, "fault switch_failed on switch driver_door contradicts the switch_failed declared at test.yaml:4:5");
  expect_at(error_of(kHead + "faults:\n  - {type: actuator_failure, mode: seized}\n  - {type: actuator_failure, mode: burnt}\n"),
            5, 5, "on the tailgate lock actuator contradicts");
  expect_at(error_of(kHead + "faults:\n  - {type: hinge_wire_open, wire: hatch_ground}\n"
                             "  - {type: hinge_wire_intermittent, wire: hatch_ground}\n"),
            5, 5, "on hinge wire hatch_ground contradicts the hinge_wire_open");
  expect_at(error_of(kHead + "faults:\n  - {type: pin_bridge, from: X330.4, to: X330.3}\n"
                             "  - {type: pin_bridge, from: X330.3, to: X330.4, resistance: 1 ohm}\n"),
            5, 5, "contradicts");
  expect_at(error_of(kHead + "faults:\n  - {type: water_ingress}\n  - {type: water_ingress, at: 5 s, salt: 0.9}\n"),
            5, 5, "on board region tailgate_driver contradicts");
  // Different parts, or faults that add separate elements to one part, combine.
  EXPECT_NO_THROW(parse_scenario(kHead + R"(faults:
  - {type: water_ingress, region: tailgate_driver}
  - {type: water_ingress, region: indicator_drivers}
  - {type: switch_failed, switch: driver_door, stuck: closed}
  - {type: switch_failed, switch: passenger_door, stuck: open}
  - {type: input_pullup_corroded, input: DIP_BOOT_HANDLE_SW}
  - {type: input_leak_intermittent, input: DIP_BOOT_HANDLE_SW}
  - {type: relay_welded, relay: driver}
  - {type: relay_coil_open, relay: common}
)",
                                 "ok.yaml"));
}

TEST(ScenarioChecks, EveryFaultTypeOfTheLibraryHasItsPart) {
  for (const auto& type : bcmhil::faults::fault_library()) {
    const FaultPart* part = fault_part(type.name);
    ASSERT_NE(part, nullptr) << type.name << " is missing from bench/scenario/fault_conflicts.cpp";
    for (const auto& target : part->targets) {
      const auto it = std::find_if(type.params.begin(), type.params.end(), [&](const auto& p) { return p.name == target; });
      ASSERT_NE(it, type.params.end()) << type.name << " has no parameter " << target;
      EXPECT_EQ(it->kind, bcmhil::faults::ParamKind::choice) << type.name << "." << target;
    }
  }
}

TEST(ScenarioChecks, BytesThatAreNotUtf8AreNamedEscaped) {
  auto e = error_of("name: caf\xE9\nduration: 10 s\n");
  expect_at(e, 1, 10, "byte \\xE9 is not UTF-8");
  EXPECT_STREQ(e.what(), "test.yaml:1:10: byte \\xE9 is not UTF-8 (save the file as UTF-8)");
  e = error_of(kHead + "expect:\n  - {name: \xC3\xA9t\xE9, signal: hatch.open, at: 1 s, never: true}\n");
  expect_at(e, 4, 14, "byte \\xE9");
  // UTF-8 names pass as they are.
  const auto s = parse_scenario(kHead + "expect:\n  - {name: \xC3\xA9t\xC3\xA9, signal: hatch.open, at: 1 s, never: true}\n",
                                "ok.yaml");
  EXPECT_EQ(s.expectations[0].name, "\xC3\xA9t\xC3\xA9");
  // Whoever builds a message from raw bytes, what() stays printable on one line.
  const ScenarioError raw({"f\xFF.yaml", 2, 3}, "unknown key 'caf\xE9\n'");
  EXPECT_STREQ(raw.what(), "f\\xFF.yaml:2:3: unknown key 'caf\\xE9\\x0A'");
  EXPECT_EQ(raw.message(), "unknown key 'caf\\xE9\\x0A'");
}

TEST(ScenarioChecks, ScenarioThatExpectsNothingIsRefusedWhereTheListWouldBe) {
  const auto none = parse_scenario(kHead, "none.yaml");
  try {
    require_expectations(none);
    FAIL() << "accepted a scenario without expectations";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "none.yaml:1:1: the scenario expects nothing, so it would pass whatever the module does: "
                           "add an 'expect:' list (or run it with --allow-empty)");
  }
  const auto empty = parse_scenario(kHead + "expect: []\n", "empty.yaml");
  try {
    require_expectations(empty);
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 9);
  }
  EXPECT_NO_THROW(require_expectations(
      parse_scenario(kHead + "expect:\n  - {signal: hatch.open, at: 1 s, never: true}\n", "some.yaml")));
}
