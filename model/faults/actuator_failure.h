#pragma once
// The tailgate lock actuator itself has failed: seized (the motor stalls against a jammed
// mechanism and draws its stall current) or burnt (an open winding draws nothing). Either way
// the full battery voltage arrives at hatch lock pin 2 during the pulse: the module and the
// harness are fine.
#include "fault.h"

namespace bcmhil::faults {

class ActuatorFailure : public Fault {
 public:
  ActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kStallOhm = 1.2;  // ~10 A stall at 12 V (domain notes estimate)

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  std::string mode_;
};

std::vector<ParamSpec> actuator_failure_params();

}  // namespace bcmhil::faults
