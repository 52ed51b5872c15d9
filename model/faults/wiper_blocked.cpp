#include "wiper_blocked.h"

namespace bcmhil::faults {

model::BrushMotor& wiper_motor_named(model::Vehicle& vehicle, const std::string& wiper) {
  return wiper == "rear" ? vehicle.wipers.rear_motor : vehicle.wipers.front_motor;
}

ParamSpec wiper_choice_param() {
  return {"wiper", ParamKind::choice, "front", "which wiper motor: front or rear", {"front", "rear"}};
}

std::vector<ParamSpec> wiper_blocked_params() {
  return {wiper_choice_param(),
          {"thaw_after", ParamKind::duration_s, "0 s", "how long after the onset the shaft is free again (0 s: never)",
           {}, 0.0, 1e9}};
}

WiperBlocked::WiperBlocked(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::sc_time(spec.number("thaw_after"), sc_core::SC_SEC)),
      motor_(wiper_motor_named(vehicle, spec.choice("wiper"))),
      thaws_(spec.number("thaw_after") > 0.0) {}

// Called at the onset (0) and once more when the thaw time has passed.
bool WiperBlocked::progress(sc_core::sc_time since_onset) {
  if (since_onset == sc_core::SC_ZERO_TIME) return thaws_;
  motor_.set_jammed(false);
  return false;
}

}  // namespace bcmhil::faults
