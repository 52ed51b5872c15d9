#pragma once
// The park cam's contact inside a wiper motor has failed: stuck on ground ("parked": a welded or
// bent contact) or stuck on its feed ("running": a burnt ground track). Running: switched off, the
// wiper never stops (the contact keeps feeding it through the relay's rest side and never brakes
// it). Parked: switched off mid-wipe it stops where it is, blades across the screen. Either way the
// front wiper's park input shows no edge while the motor turns; the BC1 reads the fast brush's
// back-EMF on its speed sense and logs 0x94 (FRONTWISCHER RÜCKMELD FEHLER) after 3 s. The rear
// wiper has no speed sense: the module takes the silence for a block (0x96).
#include "fault.h"

namespace bcmhil::faults {

class WiperParkContactFailed : public Fault {
 public:
  WiperParkContactFailed(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override { motor_.set_park_contact_stuck(parked_); }
  model::BrushMotor& motor_;
  bool parked_;
};

std::vector<ParamSpec> wiper_park_contact_failed_params();

}  // namespace bcmhil::faults
