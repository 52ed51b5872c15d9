#pragma once
// The recirculation flap's actuator has failed: its winding burnt open (or its connector off:
// no current at all), or the flap seized (a broken gear, a jammed flap: the motor stalls at its
// ~1.5 A). Either way the flap stays where it is, its end-position contact never opens, and the
// BC1 logs 0x8F (a move towards recirculation) or 0x8E (towards fresh air) kFlapTimeoutS after
// it started the move (model/bc1/climate.h).
#include "fault.h"

namespace bcmhil::faults {

class FlapActuatorFailure : public Fault {
 public:
  FlapActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  std::string mode_;
};

std::vector<ParamSpec> flap_actuator_failure_params();

}  // namespace bcmhil::faults
