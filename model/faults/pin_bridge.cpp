#include "pin_bridge.h"

#include "model/bc1/connector_map.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::faults {

namespace {
const sc_core::sc_time kStep{100, sc_core::SC_MS};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

electrical::NodeId pin_node(const model::Vehicle& vehicle, const std::string& label) {
  const auto& map = model::ConnectorMap::bc1();
  const auto* pin = map.find(label);
  if (!pin) throw std::invalid_argument("pin " + label + " is not on the BC1's connector map");
  if (!pin->modelled())
    throw std::invalid_argument("pin " + label + " (" + (pin->function.empty() ? "unassigned" : pin->function) +
                                ") is not modelled; modelled pins: " + join(map.modelled_labels()));
  const auto node = vehicle.circuit.network().find_node(pin->node);
  if (!node) throw std::invalid_argument("pin " + label + ": the model has no node " + pin->node);
  return *node;
}

electrical::BranchId make_bridge(const std::string& name, const FaultSpec& spec, model::Vehicle& vehicle) {
  const auto& from = spec.choice("from");
  const auto& to = spec.choice("to");
  if (from == to) throw std::invalid_argument("a pin bridge needs two different pins, got " + from + " twice");
  const auto a = pin_node(vehicle, from);
  const auto b = pin_node(vehicle, to);
  const auto& map = model::ConnectorMap::bc1();
  if (!map.adjacent(from, to))
    throw std::invalid_argument("pins " + from + " and " + to + " are not adjacent on the connector map (neighbours of " +
                                from + ": " + join(map.neighbours(from)) + ")");
  return vehicle.circuit.network().add_resistor(name + ".bridge", a, b, electrical::kOpen);
}
}  // namespace

std::vector<ParamSpec> pin_bridge_params() {
  const auto labels = model::ConnectorMap::bc1().modelled_labels();
  return {
      {"from", ParamKind::choice, "X330.4", "one pin, CONNECTOR.PIN (default: the tailgate output)", labels},
      {"to", ParamKind::choice, "X330.3", "the neighbouring pin it bridges to (default: the ground pin beside it)",
       labels},
      {"resistance", ParamKind::resistance_ohm, "50 ohm", "the bridge once grown (a dendrite ~50 ohm, a crust less)",
       {}, 1e-3, 1e6},
      {"growth_time", ParamKind::duration_s, "10 s", "time from onset until it reaches that resistance (from 1 Mohm)",
       {}, 0.0, 1e6},
  };
}

PinBridge::PinBridge(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      bridge_(make_bridge(basename(), spec, vehicle)),
      end_ohm_(spec.number("resistance")),
      growth_s_(spec.number("growth_time")) {}

double PinBridge::resistance() const { return vehicle_.circuit.network().resistance(bridge_); }

bool PinBridge::progress(sc_core::sc_time since_onset) {
  const double grown = growth_s_ <= 0 ? 1.0 : std::min(1.0, since_onset.to_seconds() / growth_s_);
  // Geometric: a growing dendrite gains orders of magnitude in conductance, not ohms.
  vehicle_.circuit.network().set_resistance(bridge_, std::pow(kDryOhm, 1.0 - grown) * std::pow(end_ohm_, grown));
  vehicle_.circuit.request_solve();
  return grown < 1.0;
}

}  // namespace bcmhil::faults
