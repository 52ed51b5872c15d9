#pragma once
// The BC1's inputs as the connector map (model/bc1/connector_map.csv) lists them: every modelled
// pin whose signal is a DIP_ name. The leakage faults on inputs (input_pullup_corroded,
// input_leak_intermittent) accept any of them, so a function added to the map is reachable by
// water without touching the faults.
#include "model/car/vehicle.h"

#include <string>
#include <vector>

namespace bcmhil::faults {

// DIP_ names of the map's modelled pins, in map order, each once.
std::vector<std::string> connector_inputs();

// The pin node of one of them. Throws std::invalid_argument naming the input when it is not an
// input of the map or the model has no such node.
electrical::NodeId connector_input_node(const model::Vehicle& vehicle, const std::string& input);

}  // namespace bcmhil::faults
