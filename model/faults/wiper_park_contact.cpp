#include "wiper_park_contact.h"

#include "wiper_blocked.h"

namespace bcmhil::faults {

std::vector<ParamSpec> wiper_park_contact_failed_params() {
  return {wiper_choice_param(),
          {"stuck", ParamKind::choice, "running",
           "running: the contact never grounds (the wiper does not stop); parked: it always grounds (it stops "
           "where it is switched off)",
           {"running", "parked"}}};
}

WiperParkContactFailed::WiperParkContactFailed(sc_core::sc_module_name name, const FaultSpec& spec,
                                               model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      motor_(wiper_motor_named(vehicle, spec.choice("wiper"))),
      parked_(spec.choice("stuck") == "parked") {}

}  // namespace bcmhil::faults
