#include "actuator_failure.h"

namespace bcmhil::faults {

std::vector<ParamSpec> actuator_failure_params() {
  return {{"mode", ParamKind::choice, "seized",
           "seized: jammed, draws stall current; burnt: open winding; shorted: the winding a fraction of an ohm",
           {"seized", "burnt", "shorted"}}};
}

ActuatorFailure::ActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), vehicle_(vehicle), mode_(spec.choice("mode")) {}

void ActuatorFailure::begin() {
  if (mode_ == "seized") {
    vehicle_.hatch_lock.set_seized(true);  // the motor stalls: no back-EMF, its stall current flows
  } else if (mode_ == "shorted") {
    vehicle_.hatch_lock.set_seized(true);  // a shorted winding produces no torque worth the name
    vehicle_.hatch_lock.set_motor_ohm(kShortedOhm);
  } else {
    vehicle_.hatch_lock.set_motor_ohm(electrical::kOpen);
  }
}

}  // namespace bcmhil::faults
