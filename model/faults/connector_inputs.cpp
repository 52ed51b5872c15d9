#include "connector_inputs.h"

#include "model/bc1/connector_map.h"

#include <algorithm>
#include <stdexcept>

namespace bcmhil::faults {

namespace {
bool is_input(const model::ConnectorPin& pin) { return pin.modelled() && pin.signal.rfind("DIP_", 0) == 0; }
}  // namespace

std::vector<std::string> connector_inputs() {
  std::vector<std::string> out;
  for (const auto& pin : model::ConnectorMap::bc1().pins())
    if (is_input(pin) && std::find(out.begin(), out.end(), pin.signal) == out.end()) out.push_back(pin.signal);
  return out;
}

electrical::NodeId connector_input_node(const model::Vehicle& vehicle, const std::string& input) {
  for (const auto& pin : model::ConnectorMap::bc1().pins()) {
    if (!is_input(pin) || pin.signal != input) continue;
    if (const auto node = vehicle.circuit.network().find_node(pin.node)) return *node;
    throw std::invalid_argument("input " + input + " (pin " + pin.label + ") has no node " + pin.node + " in the model");
  }
  std::string known;
  for (const auto& name : connector_inputs()) known += (known.empty() ? "" : ", ") + name;
  throw std::invalid_argument("no input " + input + " on the BC1's connector map (inputs: " + known + ")");
}

}  // namespace bcmhil::faults
