#pragma once
// The tailgate lock actuator itself has failed: seized (the motor stalls against a jammed
// mechanism and draws its stall current), burnt (an open winding draws nothing) or shorted
// (the winding's insulation cooked through: a fraction of an ohm). Seized or burnt, the full
// battery voltage arrives at hatch lock pin 2 during the pulse: the module and the harness are
// fine. Shorted, the BC1's driver hits its current limit and its output sags below the
// readback threshold, so the module logs 0xC4 exactly like a flooded one: only the current and
// the winding's resistance tell them apart.
#include "fault.h"

namespace bcmhil::faults {

class ActuatorFailure : public Fault {
 public:
  ActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kStallOhm = 1.2;    // ~10 A stall at 12 V (domain notes estimate)
  static constexpr double kShortedOhm = 0.2;  // a cooked winding, estimate

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  std::string mode_;
};

std::vector<ParamSpec> actuator_failure_params();

}  // namespace bcmhil::faults
