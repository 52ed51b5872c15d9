#pragma once
// The wiring view of contract 3 (/work/wt/ISSUE13.md): the circuits an exercise concerns, as
// JSON the page draws as SVG, built from the model itself: the BC1's pins from its connector map
// (model/bc1/connector_map.csv), the other connectors, the harness segments and fuses from the
// elaborated vehicle's network. Every point is a measurement-point name
// (model/instruments/measurement_points.h), so a click on a pin places a probe there.
//
// {"circuits": [{"name", "title",
//    "connectors": [{"name", "part", "pins": [{"pin", "label", "node", "signal", "function"}]}],
//    "segments": [{"from", "to", "name"}],            // harness wires, ends as point names
//    "loads": [{"name", "pins": [point, ...]}],       // the parts the circuit feeds
//    "fuses": [{"name", "in", "out", "feed", "rating_a"}]}]}
#include "model/car/vehicle.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bcmhil::training::wiring {

// Throws std::invalid_argument for a circuit name circuits.h does not know.
nlohmann::json wiring_view(model::Vehicle& vehicle, const std::vector<std::string>& circuits);

}  // namespace bcmhil::training::wiring
