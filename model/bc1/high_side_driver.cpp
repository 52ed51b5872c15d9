#include "high_side_driver.h"

#include <cmath>

namespace bcmhil::model {

HighSideDriver::HighSideDriver(Circuit& circuit, const std::string& name, electrical::NodeId supply,
                               electrical::NodeId output, HighSideDriverSpec spec)
    : circuit_(circuit),
      name_(name),
      spec_(spec),
      branch_(circuit.network().add_resistor(name, supply, output, electrical::kOpen)) {
  circuit_.add_correction([this](electrical::Network& net) { return limit_current(net); });
}

bool HighSideDriver::conducting() const {
  if (health_ == Health::failed_open) return false;
  return commanded_ || health_ == Health::failed_short;
}

bool HighSideDriver::limiting() const {
  return circuit_.network().forced_current(branch_).has_value();
}

void HighSideDriver::command(bool on) {
  if (on == commanded_) return;
  commanded_ = on;
  apply();
}

void HighSideDriver::set_damage_resistance(double ohms) {
  damage_ohm_ = ohms;
  apply();
}

void HighSideDriver::set_health(Health health) {
  health_ = health;
  apply();
}

void HighSideDriver::apply() {
  auto& net = circuit_.network();
  net.set_forced_current(branch_, std::nullopt);
  net.set_resistance(branch_, conducting() ? spec_.on_resistance_ohm + damage_ohm_ : electrical::kOpen);
  circuit_.request_solve();
}

bool HighSideDriver::limit_current(electrical::Network& net) {
  // A shorted (destroyed) switch no longer limits; an off switch has nothing to limit.
  if (!commanded_ || health_ != Health::ok) return false;
  const auto forced = net.forced_current(branch_);
  const double across = net.voltage(net.branch_a(branch_)) - net.voltage(net.branch_b(branch_));
  if (!forced) {
    if (std::fabs(net.current(branch_)) <= spec_.current_limit_a) return false;
    net.set_forced_current(branch_, std::copysign(spec_.current_limit_a, net.current(branch_)));
    return true;
  }
  // In limit: release when the resistive path alone would stay under the limit.
  // Signed: a load that no longer needs the limit shows as a current below it (or reversed).
  const double resistive = across / net.resistance(branch_);
  if (std::copysign(1.0, *forced) * resistive < spec_.current_limit_a) {
    net.set_forced_current(branch_, std::nullopt);
    return true;
  }
  return false;
}

}  // namespace bcmhil::model
