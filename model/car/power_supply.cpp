#include "power_supply.h"

namespace bcmhil::model {

PowerSupply::PowerSupply(Circuit& circuit, double battery_volts, bool ignition_on)
    : circuit_(circuit),
      battery_plus_(circuit.network().add_node("battery.plus")),
      battery_(circuit.network().add_source("battery", battery_plus_, electrical::kGround, battery_volts,
                                            kInternalOhm)),
      battery_volts_(battery_volts),
      ignition_(ignition_on) {
  fuses_.reserve(16);  // references handed out must stay valid
}

void PowerSupply::set_battery_volts(double volts) {
  battery_volts_ = volts;
  circuit_.network().set_emf(battery_, volts);
  circuit_.request_solve();
}

void PowerSupply::set_ignition(bool on) {
  ignition_ = on;
  if (ignition_switch_ >= 0) {
    circuit_.network().set_resistance(ignition_switch_, on ? 0.01 : electrical::kOpen);
    circuit_.request_solve();
  }
}

Fuse& PowerSupply::add_fused_feed(const std::string& fuse_name, const std::string& feed, double rating_a,
                                  electrical::NodeId load_node) {
  const auto branch = circuit_.network().add_resistor(fuse_name, battery_plus_, load_node, kFuseOhm);
  fuses_.push_back({fuse_name, feed, rating_a, branch, false});
  return fuses_.back();
}

void PowerSupply::connect_kl15(electrical::NodeId kl15_pin) {
  ignition_switch_ = circuit_.network().add_resistor("ignition_switch", battery_plus_, kl15_pin,
                                                     ignition_ ? 0.01 : electrical::kOpen);
}

Fuse* PowerSupply::find_fuse(const std::string& name_or_feed) {
  for (auto& f : fuses_)
    if (f.name == name_or_feed || f.name == "fuse." + name_or_feed || f.feed == name_or_feed) return &f;
  return nullptr;
}

void PowerSupply::blow(Fuse& fuse) {
  fuse.blown = true;
  circuit_.network().set_resistance(fuse.branch, electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
