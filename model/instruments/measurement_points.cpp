#include "measurement_points.h"

#include <stdexcept>

namespace bcmhil::instruments {

namespace {

// Lamp sockets and switch terminals: technician's name -> the node (model/car/vehicle.cpp).
// `lid_handle.1` is the lid handle switch's signal terminal (the wire from the BC1 through the
// hinge ends there; the switch's other side is the tailgate's ground).
struct Socket {
  const char* point;
  const char* node;
};
constexpr Socket kSockets[] = {{"socket.indicator_lh", "lamp.indicator_lh"},
                               {"socket.indicator_rh", "lamp.indicator_rh"},
                               {"socket.interior", "lamp.interior"},
                               {"lid_handle.1", "lid_handle.switch"}};

std::string short_fuse_name(const model::Fuse& f) {
  return f.name.rfind("fuse.", 0) == 0 ? f.name.substr(5) : f.name;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// "X330.4@module" -> {"X330.4", "module"}; no '@' -> {name, ""}.
std::pair<std::string_view, std::string_view> split_side(std::string_view name) {
  const auto at = name.find('@');
  if (at == std::string_view::npos) return {name, {}};
  return {name.substr(0, at), name.substr(at + 1)};
}

std::optional<electrical::NodeId> connector_point(model::Vehicle& vehicle, std::string_view name) {
  const auto [label, side] = split_side(name);
  const auto [spec, pin] = vehicle.connectors.find_pin(label);
  if (!pin) return std::nullopt;
  if (side.empty()) return vehicle.connectors.harness_side(label);
  if (side != spec->part_side)
    throw std::invalid_argument("no measurement point '" + std::string(name) + "': the other half of " +
                                std::string(label) + " is '" + std::string(label) + "@" + spec->part_side + "'");
  return vehicle.connectors.part_side(label);
}

std::optional<electrical::NodeId> fuse_point(const model::Vehicle& vehicle, std::string_view name) {
  const auto& net = vehicle.circuit.network();
  for (const auto& f : vehicle.power.fuses()) {
    const auto stem = short_fuse_name(f);
    if (name == stem + ".in") return net.branch_a(f.branch);
    if (name == stem + ".out") return net.branch_b(f.branch);
  }
  return std::nullopt;
}

// The one wire at a connector pin's harness side: not the part's own branches, not the contact.
ClampPlace pin_wire(model::Vehicle& vehicle, std::string_view label, const model::ConnectorSpec& spec) {
  const auto& net = vehicle.circuit.network();
  // Before the connector is installed the wires end on the pin's own node, after it on its
  // harness half: the same branches either way, so a clamp adds nothing to the network.
  const auto pin_node = vehicle.connectors.part_side(label);
  const auto node = vehicle.connectors.harness_half(pin_node).value_or(pin_node);
  std::vector<electrical::BranchId> wires;
  for (std::size_t b = 0; b < net.branch_count(); ++b) {
    const auto id = static_cast<electrical::BranchId>(b);
    if (net.branch_a(id) != node && net.branch_b(id) != node) continue;
    if (vehicle.connectors.belongs_to_part(spec.part, id)) continue;
    if (net.branch_name(id).rfind("connector.", 0) == 0 || net.branch_name(id).rfind("spare.", 0) == 0) continue;
    wires.push_back(id);
  }
  if (wires.size() != 1) {
    std::vector<std::string> names;
    for (const auto id : wires) names.push_back(net.branch_name(id));
    throw std::invalid_argument("cannot clamp " + std::string(label) + ": " +
                                (wires.empty() ? std::string("no wire leaves it in the harness")
                                               : "several wires meet there (" + joined(names) +
                                                     "): clamp one of them by its branch name"));
  }
  return {wires.front(), net.branch_b(wires.front()) == node ? 1.0 : -1.0};
}

}  // namespace

electrical::NodeId measurement_point(model::Vehicle& vehicle, std::string_view name) {
  if (name == "ground" || name == "battery-") return electrical::kGround;
  if (name == "battery+") return vehicle.power.battery_plus();
  if (auto node = connector_point(vehicle, name)) return *node;
  if (auto node = fuse_point(vehicle, name)) return *node;
  const auto& net = vehicle.circuit.network();
  for (const auto& s : kSockets)
    if (name == s.point) return net.node(s.node);
  if (auto node = net.find_node(name)) return *node;
  throw std::invalid_argument("no measurement point '" + std::string(name) +
                              "' (points: " + joined(measurement_points(vehicle)) + "; or a network node name)");
}

std::vector<std::string> measurement_points(const model::Vehicle& vehicle) {
  std::vector<std::string> points{"ground", "battery+", "battery-"};
  for (const auto& spec : vehicle.connectors.specs())
    for (const auto& pin : spec.pins) points.push_back(pin.label);
  for (const auto& spec : vehicle.connectors.specs())
    for (const auto& pin : spec.pins) points.push_back(pin.label + "@" + spec.part_side);
  for (const auto& f : vehicle.power.fuses()) {
    points.push_back(short_fuse_name(f) + ".in");
    points.push_back(short_fuse_name(f) + ".out");
  }
  for (const auto& s : kSockets) points.emplace_back(s.point);
  return points;
}

ClampPlace clamp_place(model::Vehicle& vehicle, std::string_view name) {
  const auto& net = vehicle.circuit.network();
  // The battery branch runs from + to ground through the cell: discharge flows b to a.
  if (name == "battery") return {net.branch("battery"), -1.0};
  for (const auto& f : vehicle.power.fuses())
    if (name == short_fuse_name(f)) return {f.branch, 1.0};
  const auto [spec, pin] = vehicle.connectors.find_pin(name);
  if (pin) return pin_wire(vehicle, name, *spec);
  if (auto branch = net.find_branch(name)) return {*branch, 1.0};
  throw std::invalid_argument("no clamp place '" + std::string(name) + "' (places: " + joined(clamp_points(vehicle)) +
                              "; or a network branch name)");
}

electrical::BranchId clamp_point(model::Vehicle& vehicle, std::string_view name) {
  return clamp_place(vehicle, name).branch;
}

std::vector<std::string> clamp_points(const model::Vehicle& vehicle) {
  std::vector<std::string> places{"battery"};
  for (const auto& f : vehicle.power.fuses()) places.push_back(short_fuse_name(f));
  for (const auto& spec : vehicle.connectors.specs())
    for (const auto& pin : spec.pins) places.push_back(pin.label);
  return places;
}

}  // namespace bcmhil::instruments
