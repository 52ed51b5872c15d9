#pragma once
// A bad ground: a corroded or loose ground eyelet adds resistance in series with a ground wire,
// the BC1's own (harness.bc1_ground) or the hatch's (harness.hatch_ground.body, shared by the
// lock motor and the lid contact). At the hatch the motor current drops (it opens weakly or not
// at all) and the voltage lost across the bad joint shows on hatch lock pin 1, the motor's
// ground, which should read ~0 V. The resistance is fixed from the onset (a simplification: real
// joints get worse over months and with temperature).
#include "fault.h"

namespace bcmhil::faults {

class BadGround : public Fault {
 public:
  BadGround(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  model::WireSegment& segment_;
  double ohms_;
};

std::vector<ParamSpec> bad_ground_params();

}  // namespace bcmhil::faults
