#pragma once
// The tailgate lock actuator itself has failed: seized (the motor stalls against a jammed
// mechanism and draws its stall current), burnt (an open winding draws nothing) or shorted
// (the winding's insulation cooked through: a fraction of an ohm). Seized or burnt, the full
// battery voltage arrives at hatch lock pin 2 during the pulse: the module and the harness are
// fine. Shorted, ~28 A flows until the BC1's smart switch overheats and shuts down; it restarts
// in short bursts as it cools, so its output reads back low at the check and the module logs
// 0xC4 exactly like a flooded one: only the current (a burst of ~28 A on the clamp at the
// start of the pulse, where a flooded driver passes nothing) and the winding's resistance tell
// them apart.
#include "fault.h"

namespace bcmhil::faults {

class ActuatorFailure : public Fault {
 public:
  ActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  static constexpr double kShortedOhm = 0.2;  // a cooked winding, estimate

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  std::string mode_;
};

std::vector<ParamSpec> actuator_failure_params();

}  // namespace bcmhil::faults
