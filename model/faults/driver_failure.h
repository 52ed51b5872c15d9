#pragma once
// One of the BC1's high-side drivers has failed (overload, heat, a flooded board): open (the
// output never comes up) or shorted (the output is on whatever the software commands).
//
// Shorted tailgate driver: the release motor is powered as soon as the fault strikes and stays
// powered; the hatch releases by itself and the module cannot switch the motor off (on a real
// car it burns). Open indicator driver: that side no longer flashes; the module's readback of
// the pin logs 0xAA (left) / 0xAC (right) at the next flash. The siren unit's lines: an open
// siren driver leaves an armed car silent when it is broken into (0xC2), a shorted one sounds the
// siren by itself (0xC1); the arm line open leaves the siren unit unarmed on a locked car (0xC0),
// shorted arms it on an open car (0xBF).
#include "fault.h"

namespace bcmhil::faults {

class DriverFailure : public Fault {
 public:
  DriverFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::HighSideDriver& driver_;
  model::HighSideDriver::Health health_;
};

std::vector<ParamSpec> driver_failure_params();

}  // namespace bcmhil::faults
