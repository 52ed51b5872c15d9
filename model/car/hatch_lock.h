#pragma once
// The tailgate lock actuator with its 4-pin connector.
//
// Pin map (an INFERENCE from an owner's readings, NAM thread 371733: pins 1 and 4 ground,
// pin 3 ~6 V constant, pin 2 ~0 V at rest):
//   pin 1  motor ground          pin 2  motor feed (from the BC1's release output)
//   pin 3  contact switch signal (to DIP_BOOT_OPEN_SW)   pin 4  contact switch ground
// One motor driven one way and returned by a spring (MINI training text). Motor figures are
// estimates (the notes: 2-6 A running, ~10 A stall).
//
// The motor is one network branch from pin 2 to pin 1: the winding resistance in series with the
// back-EMF, proportional to the pawl's speed (like the door lock motors, door_lock_motor.h). Its
// torque (proportional to the current) pulls the pawl against the return spring (a constant load
// current it must exceed to move at all); the pawl runs its travel in ~150 ms at 12 V drawing
// little more than that load current, lets the latch go at the end of its travel and sits against
// the end stop, where the motor stalls: its stall current emerges (battery voltage over the
// winding, less what the feed drops). A seized mechanism never moves, so it draws the stall
// current from the first instant. When the drive can no longer hold the pawl against the spring
// (the pulse ends, the feed sags) the spring takes it back through the gear train's clutch,
// which decouples the motor (chosen: the back-driven motor generates nothing).
// While the pawl moves only the motor's back-EMF changes, so the network seen from its terminals
// is a Thevenin source (Network::thevenin) and the motion is integrated exactly
// (first_order_motion.h: the speed relaxes exponentially, the position is its integral). The
// network is told the new back-EMF every `step` (10 ms: the running current stays a curve in the
// trace, ~17 points over a 12 V travel), the end stop is scheduled at the instant the pawl
// reaches it, and a network that moves for another reason mid-step (a feed that sags, a fault)
// re-plans the motion from that instant. Nothing is stepped while the pawl does not move.
//
// The lid has an angle (0 deg shut). Once the pawl lets go the gas struts lift it to fully open
// in steps (the hinge loom flexes with it, which is what an intermittent hinge wire depends on);
// a person can hold it at any angle or slam it shut. Strut figures are estimates.
#include "model/car/first_order_motion.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

namespace bcmhil::model {

struct HatchLockSpec {
  double motor_ohm = 1.2;                 // stall ~10 A at 12 V (domain notes estimate)
  double load_current_a = 3.0;            // return spring: the current that just moves the pawl (notes: 2-6 A running)
  double back_emf_v_per_travel_s = 1.26;  // back-EMF per (travel per second): ~150 ms at 12 V, estimate
  double mechanical_time_constant_s = 0.01;  // speed settles within ~10 ms, estimate
  // How often the network is told the back-EMF while the pawl moves (chosen): the motion is
  // exact at any step; the step sets how finely the current is drawn in the trace.
  sc_core::sc_time step{10, sc_core::SC_MS};
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

  double pawl_position() const;  // now: 0 at rest .. 1 latch released
  double current() const;                             // from pin 2 to pin 1, amps

  // Actuator faults: a seized mechanism never moves (the motor stalls); a burnt winding is an
  // open motor; a cooked winding a fraction of an ohm.
  void set_seized(bool seized);
  void set_motor_ohm(double ohms);

 private:
  void on_solved();
  void on_step();
  // The current the motor would draw stalled with the present terminal voltage: what pulls the
  // pawl against the spring, whatever the back-EMF takes off while it moves.
  double drive_current() const;
  // The same at the present speed_ from the network's Thevenin source (between steps the network
  // holds the back-EMF of the last one).
  double drive_current(const electrical::Network::Thevenin& source) const;
  void release_pawl();  // the spring takes the pawl back
  double seconds_into_motion() const;  // since motion_start_, no further than where it stops
  void catch_up();      // position_ and speed_ up to now along motion_
  void plan(const electrical::Network::Thevenin& source);  // motion_ from now; schedules the next event
  void tell_network_speed();  // the back-EMF of speed_
  void on_hatch_changed();
  void lift_step();

  Circuit& circuit_;
  HatchLockSpec spec_;
  std::array<electrical::NodeId, 4> pins_;
  electrical::BranchId motor_;
  electrical::BranchId contact_;
  bool seized_ = false;
  double position_ = 0.0;  // pawl travel, 0 .. 1, at motion_start_ or later (catch_up)
  double speed_ = 0.0;     // travels per second
  // The motor drives the pawl along motion_ from motion_start_ (until the end stop, a release
  // or a seizure); motion_stops_after_ cuts it where a drive too weak to hold brings it to rest.
  bool driven_ = false;
  FirstOrderMotion motion_;
  sc_core::sc_time motion_start_;
  double motion_stops_after_ = 0.0;  // seconds from motion_start_, infinity if it keeps moving
  // What step_ is set for: a step of the grid next_step_at_ is on (every spec.step from the start
  // of travel), the end stop, or the pawl coming to rest.
  enum class Next { step, end_stop, rest };
  Next next_ = Next::step;
  sc_core::sc_time next_step_at_;
  sc_core::sc_event step_;
  sc_core::sc_event lift_;   // next strut step
  bool held_ = false;        // a hand on the lid stops the struts
  // Written by the mechanics, the travel timer and a person closing the lid.
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> latch_released_{"latch_released"};
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> hatch_open_{"hatch_open"};
  sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS> angle_{"angle"};
};

}  // namespace bcmhil::model
