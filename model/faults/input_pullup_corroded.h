#pragma once
// Corrosion on the BC1 board at a switch input: a conductive film from the input pin to the
// module's ground, in parallel with the input's pull-down. It grows like water_ingress' film,
// geometrically from 1 Mohm (dry) to `resistance` over `growth_time`. A switch input reads
// "closed" when its pin falls below the comparator threshold (3 V): with the 10 k pull-up and
// 10 k pull-down the untouched pin sits at ~6 V, and a film of a few kohm drags it to ~3 V or
// less. On the handle input of an unlocked car that is a phantom press: the hatch releases by
// itself. The resistance is fixed once grown (a simplification: real films come and go with
// humidity).
#include "fault.h"

namespace bcmhil::faults {

class InputPullupCorroded : public Fault {
 public:
  InputPullupCorroded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kDryOhm = 1e6;

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  model::Vehicle& vehicle_;
  electrical::BranchId film_;
  double end_ohm_;
  double growth_s_;
};

std::vector<ParamSpec> input_pullup_corroded_params();

}  // namespace bcmhil::faults
