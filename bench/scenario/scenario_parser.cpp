// Reads scenario YAML into a Scenario. Every key is known or it is an error (a setting nobody
// reads is a typo that would silently change the story), and every error names file, line and
// column.
#include "fault_conflicts.h"
#include "node_reader.h"
#include "quantity.h"
#include "scenario.h"

#include "bench/yaml/strict_yaml.h"
#include "bench/yaml/utf8_text.h"
#include "model/bc1/market.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::scenario {

std::string Location::str() const {
  std::ostringstream out;
  out << file;
  if (line > 0) out << ":" << line << ":" << column;
  return out.str();
}

// The message may quote the file (a key, a value, a name): bytes that are not UTF-8 are shown
// escaped, so what() is always printable text, whatever the file held.
ScenarioError::ScenarioError(Location where, const std::string& message)
    : std::runtime_error(yaml::printable(where.str() + ": " + message)),
      where_(std::move(where)),
      message_(yaml::printable(message)) {}

const char* to_string(Check check) {
  switch (check) {
    case Check::rising_edges: return "rising_edges";
    case Check::falling_edges: return "falling_edges";
    case Check::max_at_most: return "max_at_most";
    case Check::max_at_least: return "max_at_least";
    case Check::min_at_least: return "min_at_least";
    case Check::min_at_most: return "min_at_most";
    case Check::always: return "always";
    case Check::never: return "never";
    case Check::fault_state: return "fault_state";
    case Check::info_count: return "info_count";
  }
  return "?";
}

const char* to_string(Action action) {
  switch (action) {
    case Action::press_fob: return "press_fob";
    case Action::press_lid_handle: return "press_lid_handle";
    case Action::close_hatch: return "close_hatch";
    case Action::hold_hatch: return "hold_hatch";
    case Action::set_battery: return "set_battery";
    case Action::set_ignition: return "set_ignition";
    case Action::diagnose: return "diagnose";
    case Action::open: return "open";
    case Action::close: return "close";
    case Action::press_hazard: return "press_hazard";
    case Action::tilt: return "tilt";
    case Action::press_switch: return "press_switch";
    case Action::turn_key: return "turn_key";
    case Action::press_lock_button: return "press_lock_button";
  }
  return "?";
}

const std::vector<std::string>& diagnose_jobs() {
  static const std::vector<std::string> jobs{"ident", "faults", "clear-faults", "info", "inputs", "outputs",
                                             "analog", "rf", "force", "ping", "end", "reset"};
  return jobs;
}

namespace {

using sc_core::sc_time;

constexpr double kLongestTime = 24 * 3600.0;  // s
constexpr double kLongestRun = 3600.0;        // s

// The scenario parser's reader: its complaints are ScenarioErrors, and no time in a scenario
// can exceed a run (1 h) by much; a day is the sanity bound, far from sc_time's range.
class Reader : public NodeReader {
 public:
  explicit Reader(std::string origin)
      : NodeReader(std::move(origin), [](const Location& where, const std::string& message) {
          throw ScenarioError(where, message);
        }) {}
  sc_time time(const YAML::Node& node, const std::string& what) const {
    return NodeReader::time(node, what, kLongestTime, "is absurd (at most 24 h)");
  }
};

void read_coding(const Reader& r, const YAML::Node& node, model::Bc1Coding& coding) {
  r.expect_keys(node,
                {"trunk_ack_flashes", "lock_ack_flashes", "unlock_ack_flashes", "flash_on", "flash_off",
                 "tailgate_pulse", "key_ids", "rolling_window", "market", "mislock_flashes", "interior_light_delay",
                 "interior_light_cutoff", "alarm_time"},
                "coding");
  // The market sets the acknowledge patterns first; explicit counts below override it.
  if (node["market"]) {
    const auto market = model::market_from_string(r.text(node["market"], "market"));
    if (!market) r.fail(node["market"], "market must be us or ece, got '" + node["market"].Scalar() + "'");
    model::apply_market(coding, *market);
  }
  if (node["mislock_flashes"]) coding.body.mislock_flashes = r.integer(node["mislock_flashes"], "mislock_flashes", 0, 10);
  if (node["interior_light_delay"]) coding.body.interior_light_delay = r.time(node["interior_light_delay"], "interior_light_delay");
  if (node["interior_light_cutoff"]) {
    coding.body.interior_light_cutoff = r.time(node["interior_light_cutoff"], "interior_light_cutoff");
    if (coding.body.interior_light_cutoff < sc_time(1, sc_core::SC_SEC))
      r.fail(node["interior_light_cutoff"], "interior_light_cutoff must be at least 1 s");
  }
  if (node["alarm_time"]) {
    coding.body.alarm_time = r.time(node["alarm_time"], "alarm_time");
    if (coding.body.alarm_time < sc_time(1, sc_core::SC_SEC) || coding.body.alarm_time > sc_time(300, sc_core::SC_SEC))
      r.fail(node["alarm_time"], "alarm_time must be between 1 s and 300 s");
  }
  if (node["trunk_ack_flashes"]) coding.trunk_ack_flashes = r.integer(node["trunk_ack_flashes"], "trunk_ack_flashes", 0, 10);
  if (node["lock_ack_flashes"]) coding.lock_ack_flashes = r.integer(node["lock_ack_flashes"], "lock_ack_flashes", 0, 10);
  if (node["unlock_ack_flashes"]) coding.unlock_ack_flashes = r.integer(node["unlock_ack_flashes"], "unlock_ack_flashes", 0, 10);
  // A zero-length phase would make the indicator cadence spin in place (bounds chosen).
  for (const char* key : {"flash_on", "flash_off"}) {
    if (!node[key]) continue;
    const sc_time t = r.time(node[key], key);
    if (t < sc_time(10, sc_core::SC_MS) || t > sc_time(5, sc_core::SC_SEC))
      r.fail(node[key], std::string(key) + " must be between 10 ms and 5 s");
    (std::string(key) == "flash_on" ? coding.flash_on : coding.flash_off) = t;
  }
  if (node["tailgate_pulse"]) {
    coding.tailgate_pulse = r.time(node["tailgate_pulse"], "tailgate_pulse");
    if (coding.tailgate_pulse < sc_time(60, sc_core::SC_MS) || coding.tailgate_pulse > sc_time(5, sc_core::SC_SEC))
      r.fail(node["tailgate_pulse"], "tailgate_pulse must be between 60 ms and 5 s");
  }
  if (node["rolling_window"]) coding.rolling_window = r.integer(node["rolling_window"], "rolling_window", 1, 4096);
  if (const auto ids = node["key_ids"]) {
    if (!ids.IsSequence() || ids.size() > 4) r.fail(ids, "key_ids must be a list of up to 4 fob identities");
    coding.key_ids.fill(0);
    for (std::size_t i = 0; i < ids.size(); ++i)
      coding.key_ids[i] = static_cast<std::uint32_t>(r.integer(ids[i], "key id", 0, 0xFFFFFF));
  }
}

void read_vehicle(const Reader& r, const YAML::Node& node, Scenario& s) {
  r.expect_keys(node, {"battery", "ignition", "locked", "module_clock"}, "vehicle");
  if (node["battery"]) {
    s.vehicle.battery_volts = r.quantity(node["battery"], Dimension::voltage, "battery");
    if (s.vehicle.battery_volts < 0 || s.vehicle.battery_volts > 30) r.fail(node["battery"], "battery must be 0-30 V");
  }
  if (node["ignition"]) s.vehicle.ignition_on = r.boolean(node["ignition"], "ignition");
  if (node["locked"]) s.vehicle.locked = r.boolean(node["locked"], "locked");
  if (node["module_clock"]) {
    s.clock_hz = r.quantity(node["module_clock"], Dimension::frequency, "module_clock");
    if (s.clock_hz < 1e3 || s.clock_hz > 100e6) r.fail(node["module_clock"], "module_clock must be 1 kHz - 100 MHz");
    // The RTL's timing constants are in cycles of a 1 MHz clock (hw/README.md).
    if (s.clock_hz != 1e6) r.fail(node["module_clock"], "only 1 MHz is supported: the RTL timing constants assume it");
  }
}

void read_fobs(const Reader& r, const YAML::Node& node, Scenario& s) {
  if (!node.IsSequence()) r.fail(node, "fobs must be a list");
  for (const auto& f : node) {
    r.expect_keys(f, {"key", "battery", "counter", "in_range"}, "a fob");
    if (!f["key"]) r.fail(f, "a fob needs 'key' (slot 1-4)");
    FobSetup setup{static_cast<int>(r.integer(f["key"], "key", 1, 4)), 3.0, 0, true};
    if (f["battery"]) {
      // A fob holds one 3 V coin cell (CR2032); the bound is chosen.
      setup.battery_volts = r.quantity(f["battery"], Dimension::voltage, "battery");
      if (setup.battery_volts < 0 || setup.battery_volts > 5) r.fail(f["battery"], "a fob battery must be 0-5 V");
    }
    if (f["counter"]) setup.counter = static_cast<std::uint16_t>(r.integer(f["counter"], "counter", 0, 65535));
    if (f["in_range"]) setup.in_range = r.boolean(f["in_range"], "in_range");
    s.fobs.push_back(setup);
  }
}

void read_fault(const Reader& r, const YAML::Node& node, Scenario& s) {
  if (!node.IsMap()) r.fail(node, "a fault must be a mapping with 'type' and 'at'");
  if (!node["type"]) r.fail(node, "a fault needs 'type'");
  const auto type_name = r.text(node["type"], "type");
  const auto* type = faults::find_fault_type(type_name);
  if (!type) {
    std::string known;
    for (const auto& t : faults::fault_library()) known += (known.empty() ? "" : ", ") + t.name;
    r.fail(node["type"], "unknown fault type '" + type_name + "' (known: " + known + ")");
  }
  std::set<std::string> allowed{"type", "at"};
  for (const auto& p : type->params) allowed.insert(p.name);
  r.expect_keys(node, allowed, "fault " + type_name);

  faults::FaultSpec spec;
  spec.type = type_name;
  spec.onset = node["at"] ? r.time(node["at"], "at") : sc_core::SC_ZERO_TIME;
  if (spec.onset > s.duration)
    r.fail(node["at"], "fault starts at " + spec.onset.to_string() + ", after the run ends (" + s.duration.to_string() + ")");
  spec.origin = r.at(node).str();
  for (const auto& p : type->params) {
    const YAML::Node given = node[p.name];
    const YAML::Node value = given ? given : YAML::Node(p.default_value);
    const std::string what = type_name + "." + p.name;
    if (p.kind == faults::ParamKind::choice) {
      const auto choice = r.text(value, what);
      if (std::find(p.choices.begin(), p.choices.end(), choice) == p.choices.end()) {
        std::string known;
        for (const auto& c : p.choices) known += (known.empty() ? "" : ", ") + c;
        r.fail(given ? given : node, what + ": '" + choice + "' is not one of: " + known);
      }
      spec.choices[p.name] = choice;
      continue;
    }
    const Dimension dim = p.kind == faults::ParamKind::duration_s       ? Dimension::time
                          : p.kind == faults::ParamKind::resistance_ohm ? Dimension::resistance
                          : p.kind == faults::ParamKind::voltage_v      ? Dimension::voltage
                                                                        : Dimension::none;
    const double number = r.quantity(value, dim, what);
    if (number < p.min || number > p.max) {
      std::ostringstream range;
      range << what << " must be between " << p.min << " and " << p.max;
      r.fail(given ? given : node, range.str());
    }
    spec.numbers[p.name] = number;
  }
  for (const auto& other : s.faults)
    if (same_part(other, spec))
      r.fail(node, "fault " + type_name + " on " + part_of(spec) + " contradicts the " + other.type + " declared at " +
                       other.origin + ": one part cannot fail twice at once (keep one)");
  s.faults.push_back(std::move(spec));
}

void read_step(const Reader& r, const YAML::Node& node, Scenario& s) {
  if (!node.IsMap()) r.fail(node, "a step must be a mapping with 'at' and 'do'");
  if (!node["at"]) r.fail(node, "a step needs 'at' (when)");
  if (!node["do"]) r.fail(node, "a step needs 'do' (what)");
  Step step;
  step.at = r.time(node["at"], "at");
  if (step.at > s.duration)
    r.fail(node["at"], "step at " + step.at.to_string() + " is after the run ends (" + s.duration.to_string() + ")");
  step.where = r.at(node);
  const auto action = r.text(node["do"], "do");
  if (action == "press_fob") {
    r.expect_keys(node, {"at", "do", "button", "key"}, "step press_fob");
    step.action = Action::press_fob;
    if (!node["button"]) r.fail(node, "press_fob needs 'button' (lock, unlock or trunk)");
    const auto button = model::fob_button_from_string(r.text(node["button"], "button"));
    if (!button) r.fail(node["button"], "button must be lock, unlock or trunk");
    step.button = *button;
    if (node["key"]) step.key = static_cast<int>(r.integer(node["key"], "key", 1, 4));
  } else if (action == "press_lid_handle") {
    r.expect_keys(node, {"at", "do", "duration"}, "step press_lid_handle");
    step.action = Action::press_lid_handle;
    if (node["duration"]) step.duration = r.time(node["duration"], "duration");
  } else if (action == "press_switch") {
    r.expect_keys(node, {"at", "do", "switch", "duration"}, "step press_switch");
    step.action = Action::press_switch;
    const auto& names = model::Vehicle::switch_names();
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    if (!node["switch"]) r.fail(node, "press_switch needs 'switch' (" + known + ")");
    step.target = r.text(node["switch"], "switch");
    if (std::find(names.begin(), names.end(), step.target) == names.end())
      r.fail(node["switch"], "unknown switch '" + step.target + "' (known: " + known + ")");
    if (node["duration"]) step.duration = r.time(node["duration"], "duration");
  } else if (action == "close_hatch") {
    r.expect_keys(node, {"at", "do"}, "step close_hatch");
    step.action = Action::close_hatch;
  } else if (action == "hold_hatch") {
    r.expect_keys(node, {"at", "do", "angle"}, "step hold_hatch");
    step.action = Action::hold_hatch;
    if (!node["angle"]) r.fail(node, "hold_hatch needs 'angle' (e.g. 30 deg; 0 deg shuts the lid)");
    step.angle_deg = r.quantity(node["angle"], Dimension::angle, "angle");
    if (step.angle_deg < 0 || step.angle_deg > 90) r.fail(node["angle"], "angle must be 0-90 deg");
  } else if (action == "open" || action == "close") {
    r.expect_keys(node, {"at", "do", "what"}, "step " + action);
    step.action = action == "open" ? Action::open : Action::close;
    const std::string choices = action == "open" ? "driver_door, passenger_door or bonnet"
                                                 : "driver_door, passenger_door, bonnet or hatch";
    if (!node["what"]) r.fail(node, action + " needs 'what' (" + choices + ")");
    step.what = r.text(node["what"], "what");
    const bool hatch = action == "close" && step.what == "hatch";
    if (!hatch && !model::body_opening_from_string(step.what))
      r.fail(node["what"], "what must be " + choices + ", got '" + step.what + "'" +
                               (step.what == "hatch" ? " (the tailgate opens only through its lock)" : ""));
  } else if (action == "press_hazard") {
    r.expect_keys(node, {"at", "do", "duration"}, "step press_hazard");
    step.action = Action::press_hazard;
    if (node["duration"]) step.duration = r.time(node["duration"], "duration");
  } else if (action == "tilt") {
    r.expect_keys(node, {"at", "do", "on"}, "step tilt");
    step.action = Action::tilt;
    if (node["on"]) step.on = r.boolean(node["on"], "on");
  } else if (action == "set_battery") {
    r.expect_keys(node, {"at", "do", "volts"}, "step set_battery");
    step.action = Action::set_battery;
    if (!node["volts"]) r.fail(node, "set_battery needs 'volts'");
    step.volts = r.quantity(node["volts"], Dimension::voltage, "volts");
    if (step.volts < 0 || step.volts > 30) r.fail(node["volts"], "volts must be 0-30 V");
  } else if (action == "set_ignition") {
    r.expect_keys(node, {"at", "do", "on"}, "step set_ignition");
    step.action = Action::set_ignition;
    if (!node["on"]) r.fail(node, "set_ignition needs 'on' (true/false)");
    step.on = r.boolean(node["on"], "on");
  } else if (action == "turn_key" || action == "press_lock_button") {
    const bool key = action == "turn_key";
    if (key)
      r.expect_keys(node, {"at", "do", "door", "to", "duration"}, "step turn_key");
    else
      r.expect_keys(node, {"at", "do", "to", "duration"}, "step press_lock_button");
    step.action = key ? Action::turn_key : Action::press_lock_button;
    // A key is held in the lock position about half a second, a button tapped (estimates).
    step.duration = sc_core::sc_time(key ? 500 : 300, sc_core::SC_MS);
    if (key) {
      if (!node["door"]) r.fail(node, "turn_key needs 'door' (driver or passenger)");
      const auto door = r.text(node["door"], "door");
      if (door != "driver" && door != "passenger") r.fail(node["door"], "door must be driver or passenger");
      step.door = door == "driver" ? model::DoorLocks::Door::driver : model::DoorLocks::Door::passenger;
    }
    if (!node["to"]) r.fail(node, action + " needs 'to' (lock or unlock)");
    const auto to = r.text(node["to"], "to");
    if (to != "lock" && to != "unlock") r.fail(node["to"], "to must be lock or unlock");
    step.lock = to == "lock";
    if (node["duration"]) step.duration = r.time(node["duration"], "duration");
  } else if (action == "diagnose") {
    r.expect_keys(node, {"at", "do", "job", "output", "on"}, "step diagnose");
    step.action = Action::diagnose;
    if (!node["job"]) r.fail(node, "diagnose needs 'job' (a bcmhil diag job: faults, inputs, force, ...)");
    step.job = r.text(node["job"], "job");
    const auto& jobs = diagnose_jobs();
    if (std::find(jobs.begin(), jobs.end(), step.job) == jobs.end()) {
      std::string known;
      for (const auto& j : jobs) known += (known.empty() ? "" : ", ") + j;
      r.fail(node["job"], "unknown DS2 job '" + step.job + "' (known: " + known + ")");
    }
    if (step.job == "force") {
      if (!node["output"] || !node["on"]) r.fail(node, "diagnose job force needs 'output' (e.g. DOP_BOOT_RELEASE) and 'on'");
      step.job_args = {r.text(node["output"], "output"), r.boolean(node["on"], "on") ? "on" : "off"};
    } else if (node["output"] || node["on"]) {
      r.fail(node, "'output' and 'on' belong to job force only");
    }
  } else {
    r.fail(node["do"], "unknown action '" + action +
                           "' (known: press_fob, press_lid_handle, press_switch, close_hatch, hold_hatch, open, close, "
                           "press_hazard, tilt, set_battery, set_ignition, turn_key, press_lock_button, diagnose)");
  }
  if (const auto duration = node["duration"]) {
    if (step.duration == sc_core::SC_ZERO_TIME) r.fail(duration, "duration must be more than 0");
    if (step.at + step.duration > s.duration)
      r.fail(duration, "held until " + (step.at + step.duration).to_string() + ", after the run ends (" +
                           s.duration.to_string() + ")");
  }
  s.steps.push_back(step);
}

void read_expectation(const Reader& r, const YAML::Node& node, Scenario& s) {
  static const std::set<std::string> checks{"rising_edges", "falling_edges", "max_at_most", "max_at_least",
                                            "min_at_least", "min_at_most", "always", "never"};
  std::set<std::string> allowed{"name", "signal", "during", "at", "fault", "state", "info", "count"};
  allowed.insert(checks.begin(), checks.end());
  r.expect_keys(node, allowed, "an expectation");
  Expectation e;
  e.where = r.at(node);
  const bool on_fault = static_cast<bool>(node["fault"]);
  const bool on_info = static_cast<bool>(node["info"]);
  if (int(on_fault) + int(on_info) + int(static_cast<bool>(node["signal"])) != 1)
    r.fail(node, "an expectation needs either 'signal' or 'fault' (a fault code read over DS2), or 'info' (an "
                 "info-memory record read over DS2)");
  if (on_info) {
    const long code = r.integer(node["info"], "info", 0, 255);
    char name[24];
    std::snprintf(name, sizeof name, "ds2.info.0x%02lX", code);
    e.signal = name;
  } else if (on_fault) {
    const long code = r.integer(node["fault"], "fault", 0, 255);
    char name[24];
    std::snprintf(name, sizeof name, "ds2.fault.0x%02lX", code);
    e.signal = name;
  } else {
    e.signal = r.text(node["signal"], "signal");
  }
  if (node["during"] && node["at"]) r.fail(node, "give either 'during' or 'at', not both");
  if (const auto during = node["during"]) {
    if (!during.IsSequence() || during.size() != 2) r.fail(during, "during must be [from, to]");
    e.from = r.time(during[0], "during start");
    e.to = r.time(during[1], "during end");
    if (e.to < e.from) r.fail(during, "during ends before it starts");
  } else if (const auto at = node["at"]) {
    e.from = e.to = r.time(at, "at");
  } else {
    r.fail(node, "an expectation needs a window: 'during: [from, to]' or 'at: time'");
  }
  if (e.to > s.duration) {
    const YAML::Node where = node["during"] ? node["during"] : node["at"];
    r.fail(where, "window ends at " + e.to.to_string() + ", after the run ends (" + s.duration.to_string() + ")");
  }
  int found = 0;
  if (on_info) {
    if (!node["count"]) r.fail(node, "an info expectation needs 'count' (how often the code was recorded; 0: never)");
    e.check = Check::info_count;
    e.value = static_cast<double>(r.integer(node["count"], "count", 0, 255));
    ++found;
  } else if (node["count"]) {
    r.fail(node["count"], "'count' goes with 'info'");
  }
  if (on_fault) {
    if (!node["state"]) r.fail(node, "a fault expectation needs 'state' (active, stored or absent)");
    const auto state = r.text(node["state"], "state");
    if (state != "active" && state != "stored" && state != "absent")
      r.fail(node["state"], "state must be active, stored or absent");
    e.check = Check::fault_state;
    e.value = state == "active" ? 2.0 : state == "stored" ? 1.0 : 0.0;
    ++found;
  } else if (node["state"]) {
    r.fail(node["state"], "'state' goes with 'fault'");
  }
  for (const auto& c : checks) {
    const YAML::Node v = node[c];
    if (!v) continue;
    ++found;
    if (c == "rising_edges" || c == "falling_edges") {
      e.check = c == "rising_edges" ? Check::rising_edges : Check::falling_edges;
      e.value = static_cast<double>(r.integer(v, c, 0, 1000000));
    } else if (c == "always" || c == "never") {
      e.check = c == "always" ? Check::always : Check::never;
      e.value = r.boolean(v, c) ? 1.0 : 0.0;
    } else {
      e.check = c == "max_at_most" ? Check::max_at_most
                : c == "max_at_least" ? Check::max_at_least
                : c == "min_at_least" ? Check::min_at_least
                                      : Check::min_at_most;
      // The unit is checked against the signal's own once the model is built.
      const auto q = parse_quantity(r.text(v, c), Dimension::none);
      if (!q) r.fail(v, c + ": '" + v.Scalar() + "' is not a number with a known unit");
      e.value = q->value;
      e.value_dimension = q->dimension;
    }
  }
  if (found != 1) {
    if (on_fault) r.fail(node, "a fault expectation takes 'state' and no other check");
    if (on_info) r.fail(node, "an info expectation takes 'count' and no other check");
    std::string known;
    for (const auto& c : checks) known += (known.empty() ? "" : ", ") + c;
    r.fail(node, "an expectation needs exactly one check (" + known + ")");
  }
  e.name = node["name"] ? r.text(node["name"], "name") : e.signal + " " + to_string(e.check);
  s.expectations.push_back(std::move(e));
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& origin) {
  const Reader r(origin);
  const YAML::Node root = r.load(text);
  if (!root.IsMap()) throw ScenarioError({origin, 1, 1}, "a scenario must be a YAML mapping (name:, duration:, ...)");
  try {
    r.expect_keys(root, {"name", "description", "duration", "vehicle", "coding", "fobs", "faults", "steps", "expect"},
                  "the scenario");
    Scenario s;
    s.file = origin;
    s.expect_where = {origin, 1, 1};
    if (!root["name"]) r.fail(root, "a scenario needs 'name'");
    s.name = r.text(root["name"], "name");
    if (root["description"]) s.description = r.text(root["description"], "description");
    if (!root["duration"]) r.fail(root, "a scenario needs 'duration'");
    s.duration = r.time(root["duration"], "duration");
    if (s.duration == sc_core::SC_ZERO_TIME || s.duration > sc_time(3600, sc_core::SC_SEC))
      r.fail(root["duration"], "duration must be more than 0 and at most 1 hour");
    if (root["vehicle"]) read_vehicle(r, root["vehicle"], s);
    if (root["coding"]) read_coding(r, root["coding"], s.vehicle.coding);
    if (root["fobs"]) read_fobs(r, root["fobs"], s);
    if (const auto faults = root["faults"]) {
      if (!faults.IsSequence()) r.fail(faults, "faults must be a list");
      for (const auto& f : faults) read_fault(r, f, s);
    }
    if (const auto steps = root["steps"]) {
      if (!steps.IsSequence()) r.fail(steps, "steps must be a list");
      for (const auto& step : steps) read_step(r, step, s);
      std::stable_sort(s.steps.begin(), s.steps.end(), [](const Step& a, const Step& b) { return a.at < b.at; });
    }
    if (const auto expect = root["expect"]) {
      if (!expect.IsSequence()) r.fail(expect, "expect must be a list");
      s.expect_where = r.at(expect);
      for (const auto& e : expect) read_expectation(r, e, s);
    }
    return s;
  } catch (const YAML::Exception& e) {
    // Type conversions inside yaml-cpp (e.g. a key that is not a string).
    throw ScenarioError({origin, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

Step parse_step(const YAML::Node& node, const std::string& origin, sc_core::sc_time run_end) {
  const Reader r(origin);
  Scenario bounds;  // read_step checks a step against its run's end and appends it
  bounds.duration = run_end;
  try {
    read_step(r, node, bounds);
  } catch (const YAML::Exception& e) {
    throw ScenarioError({origin, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
  return bounds.steps.front();
}

void require_expectations(const Scenario& s) {
  if (s.expectations.empty())
    throw ScenarioError(s.expect_where, "the scenario expects nothing, so it would pass whatever the module does: "
                                        "add an 'expect:' list (or run it with --allow-empty)");
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({path, 0, 0}, "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace bcmhil::scenario
