#pragma once
// The tailgate lock actuator with its 4-pin connector.
//
// Pin map (an INFERENCE from an owner's readings, NAM thread 371733: pins 1 and 4 ground,
// pin 3 ~6 V constant, pin 2 ~0 V at rest):
//   pin 1  motor ground          pin 2  motor feed (from the BC1's release output)
//   pin 3  contact switch signal (to DIP_BOOT_OPEN_SW)   pin 4  contact switch ground
// One motor driven one way and returned by a spring (MINI training text). The latch lets go
// once the motor has pulled for its travel time with enough current; the lid then springs open
// and the contact switch closes. Motor figures are estimates (2-6 A running in the notes).
//
// The lid has an angle (0 deg shut). Once the pawl lets go the gas struts lift it to fully open
// in steps (the hinge loom flexes with it, which is what an intermittent hinge wire depends on);
// a person can hold it at any angle or slam it shut. Strut figures are estimates.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

namespace bcmhil::model {

struct HatchLockSpec {
  double motor_ohm = 2.4;                 // ~5 A at 12 V, estimate
  double pull_in_current_a = 1.5;         // below this the motor cannot move the pawl, estimate
  sc_core::sc_time travel{150, sc_core::SC_MS};  // pulling time to release the pawl, estimate
  double contact_closed_ohm = 0.05;
  double full_open_deg = 80.0;                    // estimate, a hatchback lid on its struts
  sc_core::sc_time lift_time{1500, sc_core::SC_MS};  // struts, pawl free to fully open, estimate
  double lift_step_deg = 10.0;                    // angle resolution of the lift (chosen)
};

class HatchLock : public sc_core::sc_module {
 public:
  HatchLock(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
            HatchLockSpec spec = {});

  electrical::NodeId pin(int number) const { return pins_.at(number - 1); }
  electrical::BranchId motor() const { return motor_; }

  bool latch_released() const { return latch_released_.read(); }
  bool hatch_open() const { return hatch_open_.read(); }
  void close_hatch();  // someone shuts the lid: it latches again if the pawl is back
  // Someone holds the open lid at `degrees` (0 = pushes it shut, as close_hatch). A latched lid
  // cannot be moved: returns false.
  bool hold_at(double degrees);
  double angle_deg() const { return angle_.read(); }
  const sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS>& angle() const { return angle_; }

  // Actuator faults: a seized mechanism never releases; a burnt winding is an open motor.
  void set_seized(bool seized);
  void set_motor_ohm(double ohms);

 private:
  void on_solved();
  void on_travel_done();
  void on_hatch_changed();
  void lift_step();

  Circuit& circuit_;
  HatchLockSpec spec_;
  std::array<electrical::NodeId, 4> pins_;
  electrical::BranchId motor_;
  electrical::BranchId contact_;
  bool pulling_ = false;
  bool seized_ = false;
  sc_core::sc_event travel_done_;
  sc_core::sc_event lift_;   // next strut step
  bool held_ = false;        // a hand on the lid stops the struts
  // Written by the mechanics, the travel timer and a person closing the lid.
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> latch_released_{"latch_released"};
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> hatch_open_{"hatch_open"};
  sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS> angle_{"angle"};
};

}  // namespace bcmhil::model
