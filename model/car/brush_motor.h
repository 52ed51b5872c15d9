#pragma once
// A permanent-magnet DC motor behind a worm gear: the wiper motors (front: two speeds, rear: one)
// and the washer pumps. One or two brush circuits to body ground, each the winding resistance in
// series with a back-EMF proportional to the output shaft's speed; optionally the park cam, a
// changeover contact on the output shaft.
//
// Electrics: the slow brush "<net>.slow" (terminal 53) and, on a two-speed motor, the fast brush
// "<net>.fast" (53b), each a branch "<net>.slow_winding" / "<net>.fast_winding" to ground. A
// three-brush motor's fast brush sees fewer turns: a smaller back-EMF constant, so it turns
// faster at the same voltage. The brush that is not driven carries no current and its terminal
// sits at its own back-EMF: a voltage proportional to the speed (what the BC1's
// AIP_FT_WIPER_SENSE reads, model/bc1/wipers.h). The two brush circuits are lumped as independent
// EMF sources (chosen: the shared armature's IR drop between them is ignored).
//
// Park cam (wipers): its moving contact "<net>.park" is on the park feed (53a, +12 V) over most of
// the turn and on ground inside the park sector (the blades at rest at the bottom of the screen).
// The wiper relay's rest contact feeds the motor from this contact, so a motor switched off
// mid-wipe runs on until the park sector, where the contact shorts the winding and brakes it: the
// wiper stops only in the park position, by physics.
//
// Mechanics: the shaft is accelerated by the motor's torque (as an equivalent slow-brush current)
// against a constant friction load (the blades on wet glass, the pump's water) it must exceed to
// start; a short-circuited winding brakes it. The speed is integrated in 1 ms steps only while it
// changes; once steady, the motor holds its back-EMF and the next cam edge is scheduled in closed
// form (a steadily wiping motor costs one event per cam edge, a parked one nothing).
//
// Figures are ESTIMATES (no source gives the R50's motor data): see the specs in
// model/car/wiper_system.cpp and model/bc1/README.md "Wipers and washers".
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <optional>
#include <string>

namespace bcmhil::model {

struct BrushMotorSpec {
  double slow_winding_ohm = 0.8;         // slow brush: stall ~16 A at 13 V (estimate)
  double slow_emf_per_rev_s = 14.0;      // V per output revolution per second (estimate: 45 /min at 13 V)
  bool two_speed = true;
  double fast_winding_ohm = 0.6;         // estimate
  double fast_emf_per_rev_s = 9.5;       // estimate: 65 /min at 13 V
  double load_current_a = 3.0;           // friction as slow-brush current: the motor runs at ~3 A (estimate)
  double mechanical_time_constant_s = 0.05;  // estimate
  bool park_cam = true;
  double park_sector = 0.1;              // fraction of a turn the cam grounds the park contact (chosen: 36 deg)
  double park_contact_ohm = 0.02;        // estimate
  double initial_position = 0.05;        // turns: parked, mid-sector
  sc_core::sc_time step{1, sc_core::SC_MS};  // integration step while the speed changes (chosen)
  double steady_rev_s = 1e-5;            // a step that changes the speed less than this ends the stepping (chosen)
};

class BrushMotor : public sc_core::sc_module {
 public:
  // `park_feed`: the park cam's supply (53a); ignored without a cam. Records "<net>.moving" (the
  // shaft turns: what a person sees), "<net>.speed" (output turns per minute: wipes per minute)
  // and, with a cam, "<net>.parked" (1 inside the park sector).
  BrushMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
             trace::Recorder& recorder, electrical::NodeId park_feed, BrushMotorSpec spec = {});

  electrical::NodeId slow() const { return slow_; }
  electrical::NodeId fast() const { return fast_; }   // two-speed motors only
  electrical::NodeId park() const { return park_; }   // with a park cam only
  electrical::BranchId slow_winding() const { return slow_winding_; }
  double speed_rev_s() const { return speed_; }
  bool parked() const;
  const BrushMotorSpec& spec() const { return spec_; }

  // Fault hook: the shaft jammed (blades frozen to the screen, a seized linkage). The motor draws
  // its stall current whenever it is fed; freed, it starts again if its torque allows.
  void set_jammed(bool jammed);
  bool jammed() const { return jammed_; }
  // Fault hook: the park cam's contact stuck on ground (true: "parked" whatever the shaft does) or
  // on the park feed (false: it never brakes the motor); std::nullopt: it follows the cam again.
  void set_park_contact_stuck(std::optional<bool> parked);

 private:
  double torque_a() const;        // motor torque as an equivalent slow-brush current
  double acceleration() const;    // output turns/s^2 at the present currents and speed
  bool steady() const;
  void advance_to_now();
  void apply_cam();
  void set_speed(double rev_s);
  void start_stepping();
  void schedule_cam_edge();
  void on_solved();
  void on_step();
  void on_cam_edge();

  Circuit& circuit_;
  BrushMotorSpec spec_;
  electrical::NodeId slow_;
  electrical::NodeId fast_ = -1;
  electrical::NodeId park_ = -1;
  electrical::BranchId slow_winding_;
  electrical::BranchId fast_winding_ = -1;
  electrical::BranchId park_to_ground_ = -1;
  electrical::BranchId park_to_feed_ = -1;
  double position_;       // output turns since the start
  double speed_ = 0.0;    // turns per second, >= 0
  std::uint64_t since_ps_ = 0;  // position_ holds at this instant
  bool jammed_ = false;
  bool stepping_ = false;
  bool contact_parked_ = false;  // where the park contact is (the cam, unless stuck)
  std::optional<bool> stuck_park_;
  sc_core::sc_event step_;
  sc_core::sc_event cam_edge_;
  // Written by the stepping, the cam edges and the jam fault.
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> moving_{"moving"};
  sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS> speed_sig_{"speed"};
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> parked_sig_{"parked"};
};

}  // namespace bcmhil::model
