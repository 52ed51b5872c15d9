#pragma once
// A smart high-side switch (the BC1 board carries MC33286 dual high-side switches) between a
// fused KL30 feed and an output pin: on-resistance when on, open when off, and a current limit
// that turns it into a current source under overload, as the real part does.
//
// Water and heat damage act on it through the fault hooks: a growing series resistance
// (corroded bond wires and pads), failing open (burnt, as found on flooded boards) or failing
// shorted (output stuck on).
#include "model/circuit/circuit.h"

#include <string>

namespace bcmhil::model {

struct HighSideDriverSpec {
  double on_resistance_ohm = 0.1;  // estimate for the MC33286 class (tens of mΩ) plus board traces
  double current_limit_a = 12.0;   // estimate: above a lock motor's ~10 A stall
};

class HighSideDriver {
 public:
  enum class Health { ok, failed_open, failed_short };

  HighSideDriver(Circuit& circuit, const std::string& name, electrical::NodeId supply,
                 electrical::NodeId output, HighSideDriverSpec spec = {});

  void command(bool on);
  bool commanded() const { return commanded_; }
  bool conducting() const;   // what the power stage really does
  bool limiting() const;     // in current limit right now (the part's status flag says so)

  void set_damage_resistance(double ohms);
  double damage_resistance() const { return damage_ohm_; }
  void set_health(Health health);
  Health health() const { return health_; }

  electrical::BranchId branch() const { return branch_; }
  const std::string& name() const { return name_; }

 private:
  void apply();
  bool limit_current(electrical::Network& net);

  Circuit& circuit_;
  std::string name_;
  HighSideDriverSpec spec_;
  electrical::BranchId branch_;
  bool commanded_ = false;
  double damage_ohm_ = 0.0;
  Health health_ = Health::ok;
};

}  // namespace bcmhil::model
