#pragma once
// A wiper that cannot move: blades frozen to the screen, packed snow at the edge of the glass, a
// seized linkage. The motor's shaft is jammed from the onset: fed, it draws its stall current
// (front ~16 A on the slow brush, rear ~6.5 A; estimates) and the park contact never moves. The
// BC1 sees no park-contact edge while it drives the motor and, its speed sense reading no
// back-EMF, logs 0x95 (front) / 0x96 (rear) after 3 s and stops driving it (model/bc1/wipers.h).
// With `thaw_after` the shaft is free again that long after the onset (the ice melted).
#include "fault.h"

namespace bcmhil::faults {

// The scenario's wiper choice: front | rear.
model::BrushMotor& wiper_motor_named(model::Vehicle& vehicle, const std::string& wiper);
ParamSpec wiper_choice_param();

class WiperBlocked : public Fault {
 public:
  WiperBlocked(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override { motor_.set_jammed(true); }
  bool progress(sc_core::sc_time since_onset) override;
  model::BrushMotor& motor_;
  bool thaws_;
};

std::vector<ParamSpec> wiper_blocked_params();

}  // namespace bcmhil::faults
