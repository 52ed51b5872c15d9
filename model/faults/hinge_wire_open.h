#pragma once
// A wire broken in the hinge loom between body and tailgate: the look-alike of a dead module.
// Two blinks, hatch stays shut, like the flood; but the BC1 pin carries battery voltage during
// the release pulse while the hatch connector sees none.
#include "fault.h"

namespace bcmhil::faults {

class HingeWireOpen : public Fault {
 public:
  HingeWireOpen(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  model::WireSegment& segment_;
};

std::vector<ParamSpec> hinge_wire_open_params();

// The hinge-loom segment of `wire` (one of hinge_wire_open_params()'s choices).
// Throws std::invalid_argument for a wire without one.
model::WireSegment& hinge_segment(model::Vehicle& vehicle, const std::string& wire);

}  // namespace bcmhil::faults
