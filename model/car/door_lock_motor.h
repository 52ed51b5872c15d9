#pragma once
// A door (or fuel flap, or deadlock) lock actuator: a small permanent-magnet DC motor behind a
// gearbox that pushes the lock rod between two end stops, driven either way by the polarity
// the BC1's relays put on its two terminals.
//
// Electrically one network branch from terminal a to terminal b: the winding resistance in
// series with the back-EMF, which is proportional to the rod's speed. Current from a to b
// drives the rod towards the locked end. Mechanically the rod is accelerated by the motor's
// torque (proportional to its current) against friction (a constant load current it must
// exceed to move at all); at an end stop it stops dead and the motor draws its stall current
// (battery voltage over the winding resistance, less what the feed drops).
//
// The mechanics are integrated at a fixed 1 ms step only while the motor is driven or moving,
// so a parked car costs nothing. The lock counts as locked once the rod is past mid-travel
// (the lock's over-centre spring takes it from there).
//
// All figures are ESTIMATES (no source gives the R50's actuator data): chosen so that a motor
// at 12 V runs its travel in ~0.15 s drawing ~1.5 A and stalls at ~6 A, comfortably inside the
// shortest relay on-time of the TIS table (0.4 s at >= 14 V), still finishing at 9 V.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct DoorLockMotorSpec {
  double winding_ohm = 2.0;                // stall ~6 A at 12 V, estimate
  double load_current_a = 1.5;             // friction and spring: the current that just moves the rod, estimate
  double back_emf_v_per_travel_s = 1.35;   // back-EMF per (full travel per second): 0.15 s at 12 V, estimate
  double mechanical_time_constant_s = 0.01;  // speed settles within ~10 ms at the nominal winding, estimate
  sc_core::sc_time step{1, sc_core::SC_MS};  // integration step while moving (chosen)
};

class DoorLockMotor : public sc_core::sc_module {
 public:
  // `net_name` ("door_lock.driver") names the nodes `<net_name>.pin1` (terminal a, lock feed),
  // `<net_name>.pin2` (terminal b), the branch `<net_name>.motor` and the recorded signals
  // `<net_name>.locked` and `<net_name>.position`.
  DoorLockMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                trace::Recorder& recorder, bool initially_locked, DoorLockMotorSpec spec = {});

  electrical::NodeId pin(int number) const { return number == 1 ? pin_a_ : pin_b_; }
  electrical::BranchId motor() const { return motor_; }
  bool locked() const { return locked_.read(); }
  double position() const { return position_; }  // 0 unlocked end .. 1 locked end
  double speed() const { return speed_; }        // travels per second, + towards locked
  double current() const;                        // from pin 1 to pin 2, amps
  const DoorLockMotorSpec& spec() const { return spec_; }

 private:
  void on_solved();
  void on_step();
  // True when the present current can move the rod (or it is still moving).
  bool can_move(double amps) const;

  Circuit& circuit_;
  DoorLockMotorSpec spec_;
  electrical::NodeId pin_a_;
  electrical::NodeId pin_b_;
  electrical::BranchId motor_;
  double position_;
  double speed_ = 0.0;
  bool stepping_ = false;
  sc_core::sc_event step_;
  sc_core::sc_signal<bool> locked_;
  sc_core::sc_signal<double> position_sig_;
};

}  // namespace bcmhil::model
