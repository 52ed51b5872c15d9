#include "wiring_view.h"

#include "circuits.h"

#include "model/bc1/connector_map.h"
#include "model/instruments/measurement_points.h"

#include <map>
#include <set>
#include <stdexcept>

namespace bcmhil::training::wiring {

namespace {

using electrical::NodeId;

// The name a technician would use for each node: a pin label first, then a fuse terminal or a
// socket, the node's own network name as a last resort (also a valid measurement point).
class PointNames {
 public:
  explicit PointNames(model::Vehicle& vehicle) : net_(vehicle.circuit.network()) {
    for (const auto& name : instruments::measurement_points(vehicle)) {
      const NodeId node = instruments::measurement_point(vehicle, name);
      auto& best = names_[node];
      if (best.empty() || rank(name) < rank(best)) best = name;
    }
  }
  std::string of(NodeId node) const {
    const auto it = names_.find(node);
    return it != names_.end() ? it->second : net_.node_name(node);
  }

 private:
  // A harness-side pin label beats a part-side one, a fuse terminal, a socket and ground's aliases.
  static int rank(const std::string& name) {
    if (name == "ground") return 0;
    if (name.find('@') != std::string::npos) return 4;
    if (name.rfind("socket.", 0) == 0) return 3;
    if (name.size() > 3 && (name.compare(name.size() - 3, 3, ".in") == 0 || name.compare(name.size() - 4, 4, ".out") == 0))
      return 2;
    if (name.rfind("battery", 0) == 0) return 2;
    return 1;
  }
  const electrical::Network& net_;
  std::map<NodeId, std::string> names_;
};

nlohmann::json bc1_connectors(const CircuitDef& c) {
  std::map<std::string, nlohmann::json> by_connector;
  std::vector<std::string> order;
  for (const auto& label : c.bc1_pins) {
    const auto* pin = model::ConnectorMap::bc1().find(label);
    if (!pin) throw std::logic_error("circuit " + c.name + ": no BC1 pin " + label + " in the connector map");
    if (!by_connector.count(pin->connector)) {
      by_connector[pin->connector] = {{"name", pin->connector}, {"part", "bc1"}, {"pins", nlohmann::json::array()}};
      order.push_back(pin->connector);
    }
    by_connector[pin->connector]["pins"].push_back({{"pin", pin->number},
                                                   {"label", pin->label},
                                                   {"node", pin->node},
                                                   {"signal", pin->signal},
                                                   {"function", pin->function}});
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : order) out.push_back(by_connector[name]);
  return out;
}

nlohmann::json other_connector(const model::ConnectorSpec& spec) {
  nlohmann::json pins = nlohmann::json::array();
  for (const auto& pin : spec.pins) {
    const auto dot = pin.label.rfind('.');
    pins.push_back({{"pin", std::stoi(pin.label.substr(dot + 1))},
                    {"label", pin.label},
                    {"node", pin.node},
                    {"signal", ""},
                    {"function", spec.part + " pin " + pin.label.substr(dot + 1)}});
  }
  return {{"name", spec.name}, {"part", spec.part}, {"pins", pins}};
}

// The circuit's nodes: its pins', the fuses' feed sides, the sockets'.
std::set<NodeId> circuit_nodes(model::Vehicle& vehicle, const CircuitDef& c) {
  std::set<NodeId> nodes;
  for (const auto& label : c.bc1_pins) nodes.insert(instruments::measurement_point(vehicle, label));
  for (const auto& name : c.connectors)
    for (const auto& pin : vehicle.connectors.find(name)->pins) nodes.insert(instruments::measurement_point(vehicle, pin.label));
  for (const auto& s : c.sockets) nodes.insert(instruments::measurement_point(vehicle, s));
  nodes.erase(electrical::kGround);  // shared by every circuit: not a way into another one
  return nodes;
}

// Harness segments reachable from the circuit's nodes without passing through ground.
nlohmann::json segments(model::Vehicle& vehicle, const CircuitDef& c, const PointNames& names) {
  const auto& net = vehicle.circuit.network();
  std::set<NodeId> reached = circuit_nodes(vehicle, c);
  std::set<std::string> taken;
  nlohmann::json out = nlohmann::json::array();
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& seg : vehicle.harness.segments()) {
      if (taken.count(seg.name)) continue;
      const NodeId a = net.branch_a(seg.branch), b = net.branch_b(seg.branch);
      if (!reached.count(a) && !reached.count(b)) continue;
      taken.insert(seg.name);
      out.push_back({{"name", seg.name}, {"from", names.of(a)}, {"to", names.of(b)}});
      for (const NodeId n : {a, b})
        if (n != electrical::kGround && reached.insert(n).second) grew = true;
    }
  }
  return out;
}

nlohmann::json loads(model::Vehicle& vehicle, const CircuitDef& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : c.connectors) {
    const auto* spec = vehicle.connectors.find(name);
    nlohmann::json pins = nlohmann::json::array();
    for (const auto& pin : spec->pins) pins.push_back(pin.label + "@" + spec->part_side);
    out.push_back({{"name", spec->part}, {"pins", pins}});
  }
  for (const auto& s : c.sockets) out.push_back({{"name", s.substr(std::string("socket.").size()) + " lamp"}, {"pins", {s, "ground"}}});
  return out;
}

nlohmann::json fuses(model::Vehicle& vehicle, const CircuitDef& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : c.fuses) {
    const auto& f = vehicle.fuse(name);
    out.push_back({{"name", name}, {"in", name + ".in"}, {"out", name + ".out"}, {"feed", f.feed}, {"rating_a", f.rating_a}});
  }
  return out;
}

}  // namespace

nlohmann::json wiring_view(model::Vehicle& vehicle, const std::vector<std::string>& circuits) {
  const PointNames names(vehicle);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : circuits) {
    const auto* c = find_circuit(name);
    if (!c) throw std::invalid_argument("no circuit '" + name + "' in the wiring view");
    auto connectors = bc1_connectors(*c);
    for (const auto& other : c->connectors) connectors.push_back(other_connector(*vehicle.connectors.find(other)));
    out.push_back({{"name", c->name},
                   {"title", c->title},
                   {"connectors", connectors},
                   {"segments", segments(vehicle, *c, names)},
                   {"loads", loads(vehicle, *c)},
                   {"fuses", fuses(vehicle, *c)}});
  }
  return {{"circuits", out}};
}

}  // namespace bcmhil::training::wiring
