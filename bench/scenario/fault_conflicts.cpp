#include "fault_conflicts.h"

#include <algorithm>

namespace bcmhil::scenario {

namespace {

// Chosen from the fault library (model/faults) and scenarios/README.md: each fault holds its part
// in one state (a switch's contact, a driver's health, a wire segment, a film's resistance), so
// two of a group on one part fight over that state. Faults on different parts, or of groups that
// add separate elements (a permanent corrosion film and passing condensation on one input), may
// be combined.
const std::vector<FaultPart>& table() {
  static const std::vector<FaultPart> parts = {
      {"water_ingress", "water_ingress", "board region", {"region"}},
      {"hinge_wire_open", "hinge_wire", "hinge wire", {"wire"}},
      {"hinge_wire_intermittent", "hinge_wire", "hinge wire", {"wire"}},
      {"blown_fuse", "blown_fuse", "fuse", {"fuse"}},
      {"actuator_failure", "actuator_failure", "the tailgate lock actuator", {}},
      {"kline_wetted", "kline_wetted", "the K-line pin", {}},
      {"pin_bridge", "pin_bridge", "bridge between pins", {"from", "to"}, true},
      {"driver_failure", "driver_failure", "output driver", {"output"}},
      {"bad_ground", "bad_ground", "ground joint", {"point"}},
      {"input_pullup_corroded", "input_pullup_corroded", "corroded input", {"input"}},
      {"input_leak_intermittent", "input_leak_intermittent", "leaking input", {"input"}},
      {"switch_failed", "switch_failed", "switch", {"switch"}},
      {"supply_brownout", "supply_brownout", "the battery terminal", {}},
      {"relay_contact_corrosion", "relay_contact_corrosion", "relay contact", {"relay"}},
      {"relay_welded", "relay_welded", "relay armature", {"relay"}},
      {"relay_coil_open", "relay_coil_open", "relay coil", {"relay"}},
      {"wiper_blocked", "wiper_blocked", "wiper motor shaft", {"wiper"}},
      {"wiper_park_contact_failed", "wiper_park_contact_failed", "wiper park contact", {"wiper"}},
      {"lamp_relay_failed", "lamp_relay_failed", "lamp relay", {"relay"}},
      {"flap_actuator_failure", "flap_actuator_failure", "the recirculation flap actuator", {}},
      {"climate_relay_welded", "climate_relay_welded", "climate relay", {"relay"}},
  };
  return parts;
}

std::vector<std::string> target_values(const FaultPart& part, const faults::FaultSpec& f) {
  std::vector<std::string> values;
  for (const auto& name : part.targets) {
    const auto it = f.choices.find(name);
    values.push_back(it == f.choices.end() ? "" : it->second);
  }
  if (part.unordered) std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

const FaultPart* fault_part(const std::string& type) {
  for (const auto& part : table())
    if (part.type == type) return &part;
  return nullptr;
}

std::string part_of(const faults::FaultSpec& f) {
  const FaultPart* part = fault_part(f.type);
  if (!part) return f.type;
  std::string words = part->noun;
  const auto values = target_values(*part, f);
  for (std::size_t i = 0; i < values.size(); ++i) words += (i == 0 ? " " : part->unordered ? "-" : " ") + values[i];
  return words;
}

bool same_part(const faults::FaultSpec& a, const faults::FaultSpec& b) {
  const FaultPart* pa = fault_part(a.type);
  const FaultPart* pb = fault_part(b.type);
  if (!pa || !pb || pa->group != pb->group) return false;
  return target_values(*pa, a) == target_values(*pb, b);
}

}  // namespace bcmhil::scenario
