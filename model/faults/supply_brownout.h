#pragma once
// A corroded battery terminal (or a failing battery's internal connection): resistance in series
// with the battery that every load shares. At rest almost nothing flows and every pin reads
// battery voltage; under a heavy load (indicators plus the tailgate motor, the heated screens)
// the supply collapses and the BC1's logic feed falls under its brown-out threshold (6 V): the
// microcontroller resets, every output drops, the release pulse stops and the flash pattern is
// cut. With the load gone the voltage comes back, the module restarts with its requests lost.
//
// The resistance grows geometrically from a clean clamp's 1 mohm to `resistance` over
// `growth_time` (0: present from the onset), like water_ingress' film (modelling choice).
//
// The telling measurement: a meter on the battery posts reads the battery's own voltage while
// the clamp, and every pin after it (the BC1's logic feed), sags. The fault records the post
// voltage as "battery.post_volts" (the battery's EMF minus its internal drop, without the clamp).
#include "fault.h"

namespace bcmhil::faults {

class SupplyBrownout : public Fault {
 public:
  SupplyBrownout(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kCleanOhm = 0.001;  // a clean terminal clamp, estimate
  double terminal_ohm() const { return terminal_ohm_; }

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  void on_solved();

  model::Vehicle& vehicle_;
  electrical::BranchId battery_;
  double end_ohm_;
  double growth_s_;
  double terminal_ohm_ = 0.0;
  trace::SignalId post_signal_;
};

std::vector<ParamSpec> supply_brownout_params();

}  // namespace bcmhil::faults
