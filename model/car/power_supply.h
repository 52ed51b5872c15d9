#pragma once
// Battery, the separately fused KL30 feeds of the BC1 and the ignition (KL15).
// Fuse ratings F9 20 A and F10 15 A are from the minitorque fuse list; which feed each one
// protects is not public and is CHOSEN here (F9: 30CDL central locking and tailgate,
// F10: indicators). The logic feed's 5 A fuse is an estimate.
// Every fuse blows on overload after the time its characteristic gives (model/car/fuse.h); with a
// recorder, each has a bit signal "fuse.F9.blown" etc.
#include "fuse.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <memory>
#include <string>
#include <vector>

namespace bcmhil::model {

class PowerSupply {
 public:
  PowerSupply(Circuit& circuit, double battery_volts, bool ignition_on);
  // Also records "fuse.<name>.blown" for every fuse.
  PowerSupply(Circuit& circuit, trace::Recorder& recorder, double battery_volts, bool ignition_on);

  electrical::NodeId battery_plus() const { return battery_plus_; }
  void set_battery_volts(double volts);
  double battery_volts() const { return battery_volts_; }
  void set_ignition(bool on);
  bool ignition() const { return ignition_; }

  // Connects a fused feed from the battery to `load_node`.
  Fuse& add_fused_feed(const std::string& fuse_name, const std::string& feed, double rating_a,
                       electrical::NodeId load_node);
  // A fused feed behind the ignition switch (KL15 loads in the car: the wipers and washers).
  Fuse& add_fused_kl15_feed(const std::string& fuse_name, const std::string& feed, double rating_a,
                            electrical::NodeId load_node);
  void connect_kl15(electrical::NodeId kl15_pin);
  Fuse* find_fuse(const std::string& name_or_feed);
  const std::vector<Fuse>& fuses() const { return fuses_; }
  void blow(Fuse& fuse);  // opens it now (a fault, or its overload time has come)
  // The workshop: a fuse pulled from its holder opens its feed; refitted, it conducts again
  // unless it had blown (a blown fuse put back stays open).
  void pull(Fuse& fuse);
  void refit(Fuse& fuse);

  static constexpr double kInternalOhm = 0.02;  // a healthy 50 Ah starter battery, estimate
  static constexpr double kFuseOhm = 0.005;     // a blade fuse of 15-20 A, cold

 private:
  Circuit& circuit_;
  trace::Recorder* recorder_ = nullptr;
  electrical::NodeId battery_plus_;
  electrical::BranchId battery_;
  electrical::BranchId ignition_switch_ = -1;
  std::vector<electrical::BranchId> kl15_feeds_;  // the ignition switch's contacts to KL15 fuses
  double battery_volts_;
  bool ignition_;
  std::vector<Fuse> fuses_;
  Fuse& add_fuse(const std::string& fuse_name, const std::string& feed, double rating_a, electrical::NodeId from,
                 electrical::NodeId load_node);
  std::unique_ptr<FuseMonitor> monitor_;
};

}  // namespace bcmhil::model
