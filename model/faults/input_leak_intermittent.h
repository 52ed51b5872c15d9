#pragma once
// Condensation on a BC1 switch input: a droplet or a damp film that bridges the input pin to
// ground for a moment, dries or runs off, and comes back. Each bridge drags the pin under the
// comparator threshold: the module sees a press (a locked car's handle input or a heater
// button: nothing visible happens), and every press wakes the module and restarts its 60 s
// sleep timer. The telling symptom is the battery: the module never sleeps, and a clamp meter
// on the battery lead reads the awake current (tens of mA) instead of the quiescent few mA.
//
// The path is `wet_resistance` while bridged and 1 Mohm (dry board, like water_ingress) between;
// bridged and dry spells last exponentially distributed times with means `wet_time` and
// `dry_time`, drawn from a generator seeded by `seed` (same seed, same run). The figures are
// estimates (no source measures condensation on a BC1).
#include "fault.h"

#include <random>

namespace bcmhil::faults {

class InputLeakIntermittent : public Fault {
 public:
  InputLeakIntermittent(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kDryOhm = 1e6;
  bool bridged() const { return bridged_; }
  unsigned bridges() const { return bridges_; }

 private:
  void begin() override;
  void toggle();
  double exponential(double mean_s);

  model::Vehicle& vehicle_;
  electrical::BranchId path_;
  double wet_ohm_;
  double wet_s_;
  double dry_s_;
  std::mt19937 rng_;
  bool bridged_ = false;
  unsigned bridges_ = 0;
  sc_core::sc_event next_;
};

std::vector<ParamSpec> input_leak_intermittent_params();

}  // namespace bcmhil::faults
