#pragma once
// A scenario: one behaviour or fault story of the module, as written in scenarios/*.yaml
// (format: scenarios/README.md). Parsed and checked up front, so a run never starts on a file
// it would misread.
#include "model/car/vehicle.h"
#include "model/faults/fault.h"
#include "quantity.h"

#include <systemc>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::scenario {

struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string str() const;  // "file:line:column"
};

// Invalid input. what() reads "file:line:column: message".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(Location where, const std::string& message);
  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  Location where_;
  std::string message_;
};

enum class Action {
  open, close, press_hazard, tilt,
  press_fob, press_lid_handle, close_hatch, hold_hatch, set_battery, set_ignition, diagnose, turn_key,
  press_lock_button, press_switch, set_control, obstruct_window
};

struct Step {
  sc_core::sc_time at;
  Action action;
  int key = 1;                                   // press_fob
  model::FobButton button = model::FobButton::trunk;
  sc_core::sc_time duration{300, sc_core::SC_MS};  // press_lid_handle
  double volts = 12.6;                           // set_battery
  model::DoorLocks::Door door = model::DoorLocks::Door::driver;  // turn_key
  bool lock = true;                              // turn_key, press_lock_button: lock (or unlock)
  double angle_deg = 0.0;                        // hold_hatch
  bool on = true;                                // set_ignition; tilt (true: jacked up)
  std::string what;                              // open / close: driver_door|passenger_door|bonnet (close: |hatch)
  std::string target;                            // press_switch: a Vehicle::switch_names() entry; set_control: the control
  std::string position;                          // set_control: its position (model::ExteriorLamps::controls())
  model::PowerWindows::Door window = model::PowerWindows::driver;  // obstruct_window
  double gap_mm = 100.0;                         // obstruct_window: the obstacle's top below the frame
  std::string job;                               // diagnose: a bcmhil diag job name
  std::vector<std::string> job_args;             // diagnose: its arguments (force OUTPUT on|off)
  Location where;
};

// The DS2 jobs a scenario may run through the tester (bcmhil diag names).
const std::vector<std::string>& diagnose_jobs();

enum class Check {
  rising_edges, falling_edges, max_at_most, max_at_least, min_at_least, min_at_most, always, never,
  // The last fault-memory read inside the window (there must be one) shows the fault in this
  // state; value: 0 absent, 1 stored (inactive), 2 active. Signal: ds2.fault.0xNN.
  fault_state,
  // The last info-memory read (IS_LESEN) inside the window shows the record with exactly this
  // count (0: not recorded). Signal: ds2.info.0xNN.
  info_count,
};

struct Expectation {
  std::string name;
  std::string signal;
  sc_core::sc_time from;
  sc_core::sc_time to;
  Check check;
  double value;
  // The unit the threshold was written in (none for a bare number); must match the signal's.
  Dimension value_dimension = Dimension::none;
  Location where;
};

struct FobSetup {
  int key;
  double battery_volts;
  std::uint16_t counter;
  bool in_range;
  // The fob's identity when it is not the one coded for its key slot (a fob of another car, a new
  // key not yet taught); nullopt: the coded one.
  std::optional<std::uint32_t> id;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;
  sc_core::sc_time duration;
  double clock_hz = 1e6;
  model::VehicleConfig vehicle;
  std::vector<FobSetup> fobs;
  std::vector<faults::FaultSpec> faults;
  std::vector<Step> steps;
  std::vector<Expectation> expectations;
  Location expect_where;  // the 'expect:' list, or the file's start when there is none
};

Scenario load_scenario(const std::string& path);                              // throws ScenarioError
Scenario parse_scenario(const std::string& text, const std::string& origin);  // throws ScenarioError

// One step as a scenario writes it ({at: 2 s, do: press_fob, button: trunk}), for other files that
// speak the scenario's vocabulary (the test catalogue's stimuli). `run_end` bounds `at` and a
// held step's end. Throws ScenarioError naming origin:line:column.
Step parse_step(const YAML::Node& node, const std::string& origin, sc_core::sc_time run_end);

// A scenario that expects nothing passes whatever the module does, which is never what a test
// means: `bcmhil run` refuses one (exit 2) unless --allow-empty. Throws ScenarioError at
// expect_where. (serve, demo and speed play such scenarios as they are.)
void require_expectations(const Scenario& s);

const char* to_string(Check check);
const char* to_string(Action action);

}  // namespace bcmhil::scenario
