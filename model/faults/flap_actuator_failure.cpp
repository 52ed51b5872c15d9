#include "flap_actuator_failure.h"

namespace bcmhil::faults {

std::vector<ParamSpec> flap_actuator_failure_params() {
  return {{"mode", ParamKind::choice, "open",
           "open: the winding burnt open, no current; seized: the flap jammed, the motor stalls at ~1.5 A",
           {"open", "seized"}}};
}

FlapActuatorFailure::FlapActuatorFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), vehicle_(vehicle), mode_(spec.choice("mode")) {}

void FlapActuatorFailure::begin() {
  if (mode_ == "seized")
    vehicle_.climate.flap.set_seized(true);
  else
    vehicle_.climate.flap.set_winding_ohm(electrical::kOpen);
}

}  // namespace bcmhil::faults
