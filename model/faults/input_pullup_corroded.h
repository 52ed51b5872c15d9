#pragma once
// Corrosion on the BC1 board in a switch input's pull-up: the 10 kohm resistor from the module's
// sense supply to the input pin (model/bc1/input_stage.h) corrodes at its joint, and its
// resistance grows geometrically (model/faults/growth_law.h) from the healthy 10 kohm to
// `resistance` over `growth_time`. The input's 10 kohm pull-down is untouched, so the divider
// that holds an open input at ~6 V (half the supply) tips towards ground: the pin sits at
// Vs * 10k / (10k + R). A switch to ground reads "closed" once its pin falls below the
// comparator's 3 V, i.e. once the pull-up passes ~30 kohm. On the handle input of an unlocked car
// that is a phantom press: the hatch releases by itself. The tell with a meter: the untouched
// input pin reads a volt or two - neither the ~6 V of a healthy open input nor the ~0 V of a
// switch stuck closed. The resistance is fixed once grown (a corroded joint does not heal).
#include "fault.h"

namespace bcmhil::faults {

class InputPullupCorroded : public Fault {
 public:
  InputPullupCorroded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  model::Vehicle& vehicle_;
  electrical::BranchId pull_up_;
  double end_ohm_;
  double growth_s_;
};

std::vector<ParamSpec> input_pullup_corroded_params();

}  // namespace bcmhil::faults
