#pragma once
// A failed micro-switch in the body: its contact is stuck closed (welded, or a bent plunger that
// stays pressed) or stuck open (burnt or corroded contact, a broken plunger), whatever the door,
// lid or button does.
//
// Switches: the driver's and passenger's door contacts, the bonnet contact, the hazard button, the
// alarm's tilt switch (model/car/contact_switch.h), the tailgate lock's micro-switch (the hatch
// contact inside model/car/hatch_lock, pins 3-4) and the lid handle push-button.
//
// The fault holds the contact branch at its stuck value after every change the mechanism makes: it
// registers a circuit correction, so the network is re-solved with the stuck contact before anyone
// reads the new operating point. A stuck-closed door contact reads "door open" to the BC1: the
// interior light stays on and every lock records a mislock. The tell against a corroded input or a
// wire shorted to ground: with the door shut, 0 V at the switch's own terminal AND ~0 ohm across it
// once unplugged; the DIP_ bit in `diag inputs` says open while the door is visibly shut.
#include "fault.h"

namespace bcmhil::faults {

class SwitchFailed : public Fault {
 public:
  SwitchFailed(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  // The contact branch in the vehicle's network for a `switch` choice.
  static std::string contact_branch(const std::string& which);
  static constexpr double kStuckClosedOhm = 0.05;  // as a clean closed contact (estimate)

 private:
  void begin() override;
  bool hold(electrical::Network& net);

  model::Vehicle& vehicle_;
  electrical::BranchId contact_;
  double stuck_ohm_;
  bool active_ = false;
};

std::vector<ParamSpec> switch_failed_params();

}  // namespace bcmhil::faults
