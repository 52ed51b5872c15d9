#include "connectors.h"

#include <set>
#include <stdexcept>

namespace bcmhil::model {

namespace {
bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }
}  // namespace

Connectors::Connectors(Circuit& circuit, std::vector<ConnectorSpec> specs)
    : circuit_(circuit), specs_(std::move(specs)) {}

std::string Connectors::known() const {
  std::string out;
  for (const auto& s : specs_) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

const ConnectorSpec* Connectors::find(std::string_view connector) const {
  for (const auto& s : specs_)
    if (s.name == connector) return &s;
  return nullptr;
}

const ConnectorSpec& Connectors::spec(std::string_view connector) const {
  if (const auto* s = find(connector)) return *s;
  throw std::invalid_argument("no connector '" + std::string(connector) + "' (connectors: " + known() + ")");
}

std::pair<const ConnectorSpec*, const ConnectorSpec::Pin*> Connectors::find_pin(std::string_view label) const {
  for (const auto& s : specs_)
    for (const auto& p : s.pins)
      if (p.label == label) return {&s, &p};
  return {nullptr, nullptr};
}

void Connectors::unplug(std::string_view connector) {
  const auto& s = spec(connector);
  install(s.part);
  set_contacts(s, electrical::kOpen);
  unplugged_[s.name] = true;
}

void Connectors::plug(std::string_view connector) {
  const auto& s = spec(connector);
  if (installed(s.part)) set_contacts(s, kContactOhm);
  unplugged_[s.name] = false;
}

bool Connectors::plugged(std::string_view connector) const {
  const auto& s = spec(connector);
  auto it = unplugged_.find(s.name);
  return it == unplugged_.end() || !it->second;
}

void Connectors::set_contacts(const ConnectorSpec& s, double ohms) {
  auto& net = circuit_.network();
  for (const auto& p : s.pins) net.set_resistance(contacts_.at(p.label), ohms);
  circuit_.request_solve();
}

electrical::NodeId Connectors::harness_side(std::string_view label) {
  const auto [s, p] = find_pin(label);
  if (!p) throw std::invalid_argument("no connector pin '" + std::string(label) + "'");
  install(s->part);
  return split_.at(circuit_.network().node(p->node));
}

electrical::NodeId Connectors::part_side(std::string_view label) const {
  const auto [s, p] = find_pin(label);
  if (!p) throw std::invalid_argument("no connector pin '" + std::string(label) + "'");
  return circuit_.network().node(p->node);
}

std::optional<electrical::NodeId> Connectors::harness_half(electrical::NodeId pin_node) const {
  auto it = split_.find(pin_node);
  if (it == split_.end()) return std::nullopt;
  return it->second;
}

bool Connectors::belongs_to_part(const std::string& part, electrical::BranchId branch) const {
  const auto& net = circuit_.network();
  const std::string prefix = part + ".";
  auto inside = [&](electrical::NodeId node) {
    return node != electrical::kGround && starts_with(net.node_name(node), prefix);
  };
  return inside(net.branch_a(branch)) && inside(net.branch_b(branch));
}

bool Connectors::installed(const std::string& part) const {
  auto it = installed_.find(part);
  return it != installed_.end() && it->second;
}

void Connectors::install(const std::string& part) {
  if (installed(part)) return;
  auto& net = circuit_.network();
  std::vector<const ConnectorSpec*> specs;
  std::set<electrical::NodeId> pin_nodes;
  for (const auto& s : specs_) {
    if (s.part != part) continue;
    specs.push_back(&s);
    for (const auto& p : s.pins) pin_nodes.insert(net.node(p.node));
  }
  // The harness's branches at the part's pins, found before anything moves; an instrument's
  // leads stay on the point they were put on.
  std::vector<electrical::BranchId> moving;
  for (std::size_t b = 0; b < net.branch_count(); ++b) {
    const auto id = static_cast<electrical::BranchId>(b);
    // An instrument's leads (a spare) stay on the points they were put on, even across two pins.
    const bool at_pin = pin_nodes.count(net.branch_a(id)) || pin_nodes.count(net.branch_b(id));
    if (at_pin && !belongs_to_part(part, id) && !net.is_spare(id)) moving.push_back(id);
  }
  for (const auto node : pin_nodes) split_[node] = net.add_node("harness." + net.node_name(node));
  for (const auto id : moving) {
    auto moved = [&](electrical::NodeId n) { return pin_nodes.count(n) ? split_.at(n) : n; };
    net.reconnect(id, moved(net.branch_a(id)), moved(net.branch_b(id)));
  }
  // One contact per pin: two pins on one node (the module ground) are two contacts in parallel.
  for (const auto* s : specs)
    for (const auto& p : s->pins) {
      const auto pin = net.node(p.node);
      contacts_[p.label] = net.add_resistor("connector." + p.label, split_.at(pin), pin, kContactOhm);
    }
  installed_[part] = true;
  circuit_.request_solve();
}

}  // namespace bcmhil::model
