#include "circuits.h"

namespace bcmhil::training::wiring {

// Which pins belong to which function: from model/bc1/connector_map.csv's function column (the
// pin assignment there is itself chosen, see its header).
const std::vector<CircuitDef>& circuit_definitions() {
  static const std::vector<CircuitDef> circuits{
      {"tailgate", "tailgate release", {"X330.2", "X330.3", "X330.4"}, {"hatch"}, {"F9"}, {}},
      {"hatch_switches", "tailgate handle and contact", {"X331.1", "X331.2", "X330.3"}, {"hatch"}, {}, {}},
      {"indicators", "indicators", {"X330.7", "X330.8", "X330.9", "X330.10"}, {}, {"F10"},
       {"socket.indicator_lh", "socket.indicator_rh"}},
      {"central_locking", "central locking",
       {"X330.2", "X330.12", "X330.13", "X330.15", "X330.16"},
       {"door_lock.driver", "door_lock.passenger", "door_lock.fuel_flap", "door_lock.deadlock"}, {"F9"}, {}},
      {"kline", "diagnostic K-line", {"X330.5", "X330.3"}, {}, {}, {}},
      {"power", "module supply and ground", {"X330.1", "X330.3", "X330.6", "X330.10"}, {}, {"30A"}, {}},
      {"doors", "door, bonnet and tilt contacts", {"X331.3", "X331.4", "X331.5", "X331.8"}, {}, {}, {}},
      {"interior_light", "interior light", {"X330.19"}, {}, {}, {"socket.interior"}},
      {"heated_screens", "heated screens", {"X330.17", "X330.18", "X331.20", "X331.21"}, {}, {"HRW", "HFS"}, {}},
  };
  return circuits;
}

std::vector<std::string> circuit_names() {
  std::vector<std::string> names;
  for (const auto& c : circuit_definitions()) names.push_back(c.name);
  return names;
}

const CircuitDef* find_circuit(const std::string& name) {
  for (const auto& c : circuit_definitions())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace bcmhil::training::wiring
