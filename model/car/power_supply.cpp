#include "power_supply.h"

#include <stdexcept>

namespace bcmhil::model {

PowerSupply::PowerSupply(Circuit& circuit, double battery_volts, bool ignition_on)
    : circuit_(circuit),
      battery_plus_(circuit.network().add_node("battery.plus")),
      battery_(circuit.network().add_source("battery", battery_plus_, electrical::kGround, battery_volts,
                                            kInternalOhm)),
      battery_volts_(battery_volts),
      ignition_(ignition_on) {
  fuses_.reserve(32);  // references handed out must stay valid
  monitor_ = std::make_unique<FuseMonitor>("fuses", circuit, fuses_, [this](Fuse& f) { blow(f); });
}

PowerSupply::PowerSupply(Circuit& circuit, trace::Recorder& recorder, double battery_volts, bool ignition_on)
    : PowerSupply(circuit, battery_volts, ignition_on) {
  recorder_ = &recorder;
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
  for (const auto contact : kl15_feeds_) circuit_.network().set_resistance(contact, on ? 0.01 : electrical::kOpen);
  if (!kl15_feeds_.empty()) circuit_.request_solve();
}

Fuse& PowerSupply::add_fused_kl15_feed(const std::string& fuse_name, const std::string& feed, double rating_a,
                                       electrical::NodeId load_node) {
  auto& net = circuit_.network();
  const auto switched = net.add_node(fuse_name + ".kl15");
  kl15_feeds_.push_back(
      net.add_resistor("ignition_switch." + feed, battery_plus_, switched, ignition_ ? 0.01 : electrical::kOpen));
  return add_fuse(fuse_name, feed, rating_a, switched, load_node);
}

Fuse& PowerSupply::add_fused_feed(const std::string& fuse_name, const std::string& feed, double rating_a,
                                  electrical::NodeId load_node) {
  return add_fuse(fuse_name, feed, rating_a, battery_plus_, load_node);
}

Fuse& PowerSupply::add_fuse(const std::string& fuse_name, const std::string& feed, double rating_a,
                            electrical::NodeId from, electrical::NodeId load_node) {
  const auto branch = circuit_.network().add_resistor(fuse_name, from, load_node, kFuseOhm);
  if (fuses_.size() == fuses_.capacity()) throw std::length_error("too many fuses");
  Fuse fuse;
  fuse.name = fuse_name;
  fuse.feed = feed;
  fuse.rating_a = rating_a;
  fuse.branch = branch;
  if (recorder_) {
    const std::string short_name = fuse_name.rfind("fuse.", 0) == 0 ? fuse_name.substr(5) : fuse_name;
    fuse.blown_signal = recorder_->declare("fuse." + short_name + ".blown", trace::Kind::bit, "",
                                           "fuse " + short_name + " (" + feed + ", " +
                                               std::to_string(static_cast<int>(rating_a)) + " A) has blown", 0.0);
  }
  fuses_.push_back(std::move(fuse));
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
  if (fuse.blown) return;
  fuse.blown = true;
  fuse.heat = 1.0;
  fuse.due_ps = Fuse::kNever;
  if (recorder_ && fuse.blown_signal != Fuse::kNoSignal)
    recorder_->record(fuse.blown_signal, sc_core::sc_time_stamp().value(), 1.0);
  circuit_.network().set_resistance(fuse.branch, electrical::kOpen);
  circuit_.request_solve();
}

void PowerSupply::pull(Fuse& fuse) {
  fuse.pulled = true;
  circuit_.network().set_resistance(fuse.branch, electrical::kOpen);
  circuit_.request_solve();
}

void PowerSupply::refit(Fuse& fuse) {
  fuse.pulled = false;
  if (!fuse.blown) circuit_.network().set_resistance(fuse.branch, kFuseOhm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
