#pragma once
// The circuits an exercise can show in its wiring view (`circuits:` in an exercise file): each a
// set of the model's measurement points around one function of the BC1. Names are stable: exercise
// files use them.
#include <string>
#include <vector>

namespace bcmhil::training::wiring {

struct CircuitDef {
  std::string name;                     // "tailgate"
  std::string title;                    // "tailgate release"
  std::vector<std::string> bc1_pins;    // connector-map labels: "X330.4"
  std::vector<std::string> connectors;  // other unpluggable connectors: "hatch", "door_lock.driver"
  std::vector<std::string> fuses;       // "F9"
  std::vector<std::string> sockets;     // lamp sockets: "socket.indicator_lh"
};

const std::vector<CircuitDef>& circuit_definitions();
std::vector<std::string> circuit_names();
const CircuitDef* find_circuit(const std::string& name);  // nullptr when absent

}  // namespace bcmhil::training::wiring
