#include "story.h"

#include "bench/diag/fault_gloss.h"
#include "model/diag/reference_tables.h"

#include <cstdio>

namespace bcmhil::report {

namespace {

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

const char* fob_button(model::FobButton b) {
  switch (b) {
    case model::FobButton::lock: return "lock";
    case model::FobButton::unlock: return "unlock";
    case model::FobButton::trunk: return "trunk";
  }
  return "?";
}

const char* door_name(model::DoorLocks::Door d) { return d == model::DoorLocks::Door::driver ? "driver" : "passenger"; }

const char* unit_of(faults::ParamKind kind) {
  switch (kind) {
    case faults::ParamKind::duration_s: return " s";
    case faults::ParamKind::resistance_ohm: return " ohm";
    case faults::ParamKind::voltage_v: return " V";
    default: return "";
  }
}

}  // namespace

std::string step_label(const scenario::Step& s) {
  using scenario::Action;
  std::string label = scenario::to_string(s.action);
  switch (s.action) {
    case Action::press_fob:
      return label + " " + fob_button(s.button) + " (key " + std::to_string(s.key) + ")";
    case Action::press_lid_handle: return label + " " + number(s.duration.to_seconds()) + " s";
    case Action::hold_hatch: return label + " " + number(s.angle_deg) + " deg";
    case Action::set_battery: return label + " " + number(s.volts) + " V";
    case Action::set_ignition:
    case Action::tilt: return label + (s.on ? " on" : " off");
    case Action::open:
    case Action::close: return label + " " + s.what;
    case Action::turn_key:
    case Action::press_lock_button:
      return label + " " + (s.action == Action::turn_key ? std::string(door_name(s.door)) + " " : "") +
             (s.lock ? "lock" : "unlock");
    case Action::press_switch: return label + " " + s.target;
    case Action::set_control: return label + " " + s.target + " " + s.position;
    case Action::obstruct_window:
      return label + (s.window == model::PowerWindows::driver ? " driver" : " passenger") + " " + number(s.gap_mm) +
             " mm";
    case Action::diagnose: {
      label += " " + s.job;
      for (const auto& a : s.job_args) label += " " + a;
      return label;
    }
    default: return label;
  }
}

// In the order the fault library declares the parameters (defaults included), with their units.
std::string fault_parameters(const faults::FaultSpec& fault) {
  std::string text;
  auto add = [&](const std::string& item) { text += (text.empty() ? "" : ", ") + item; };
  const auto* type = faults::find_fault_type(fault.type);
  if (!type) return text;
  for (const auto& p : type->params) {
    if (const auto n = fault.numbers.find(p.name); n != fault.numbers.end()) add(p.name + " " + number(n->second) + unit_of(p.kind));
    if (const auto c = fault.choices.find(p.name); c != fault.choices.end()) add(p.name + " " + c->second);
  }
  return text;
}

std::vector<Marker> story_markers(const scenario::Scenario& sc, const std::vector<model::FaultEntry>& fault_memory) {
  std::vector<Marker> markers;
  for (const auto& f : sc.faults)
    markers.push_back({Marker::Kind::fault, f.onset.to_seconds(), f.type, "fault " + f.type + ": " + fault_parameters(f)});
  for (const auto& s : sc.steps) markers.push_back({Marker::Kind::step, s.at.to_seconds(), step_label(s), step_label(s)});
  for (const auto& e : fault_memory) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(e.code));
    markers.push_back({Marker::Kind::fault_memory, e.first_seen_ps / 1e12, code,
                       "fault memory: " + fault_code_text(e.code) + " first logged"});
  }
  return markers;
}

std::string fault_code_text(std::uint8_t code) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(code));
  std::string text = std::string(hex) + " " + diag::ReferenceTables::bc1().fault_text(code);
  const std::string gloss = tester::fault_gloss_en(code);
  if (!gloss.empty()) text += " (" + gloss + ")";
  return text;
}

}  // namespace bcmhil::report
