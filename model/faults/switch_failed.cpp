#include "switch_failed.h"

namespace bcmhil::faults {

std::vector<ParamSpec> switch_failed_params() {
  return {{"switch", ParamKind::choice, "driver_door", "which switch failed",
           {"driver_door", "passenger_door", "bonnet", "hazard", "tilt", "hatch_contact", "lid_handle"}},
          {"stuck", ParamKind::choice, "closed", "closed: always reads actuated (door open); open: never",
           {"closed", "open"}}};
}

std::string SwitchFailed::contact_branch(const std::string& which) {
  if (which == "hatch_contact") return "hatch_lock.contact_switch";
  if (which == "lid_handle") return "lid_handle.button";
  if (which == "hazard" || which == "tilt") return which + "_switch.contact";
  return which + ".contact";  // a ContactSwitch named after its place (model/car/vehicle.cpp)
}

SwitchFailed::SwitchFailed(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      vehicle_(vehicle),
      contact_(vehicle.circuit.network().branch(contact_branch(spec.choice("switch")))),
      stuck_ohm_(spec.choice("stuck") == "closed" ? kStuckClosedOhm : electrical::kOpen) {
  vehicle.circuit.add_correction([this](electrical::Network& net) { return hold(net); });
}

void SwitchFailed::begin() {
  active_ = true;
  hold(vehicle_.circuit.network());
  vehicle_.circuit.request_solve();
}

bool SwitchFailed::hold(electrical::Network& net) {
  if (!active_ || net.resistance(contact_) == stuck_ohm_) return false;
  net.set_resistance(contact_, stuck_ohm_);
  return true;
}

}  // namespace bcmhil::faults
