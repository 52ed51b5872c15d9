#pragma once
// A power window: the regulator's permanent-magnet DC motor and the glass it lifts, driven either
// way by the polarity the BC1's two window relays put on its terminals (pin 1 high: up).
//
// Electrically one network branch from pin 1 to pin 2: the winding resistance in series with the
// back-EMF, proportional to the glass's speed. Mechanically the glass is accelerated by the motor
// current (torque) against, all expressed as the motor current that balances them:
//   - friction (regulator, glass run channels), opposing the motion either way;
//   - the glass's weight, pushing down (so it rises slower than it falls);
//   - the top seal: the last few per cent of the travel squeeze the glass into the rubber, the
//     load rising linearly; then the hard end stop at the top, and one at the bottom;
//   - an obstacle in the opening (a hand, the FMVSS 118 test rod), a spring the glass compresses
//     once its edge reaches it.
// The worm gear is self-locking: nothing but the motor moves the glass, and friction never
// reverses it. At an end stop the motor draws its stall current (feed voltage over the winding).
// Where the glass is follows from that physics alone; nothing here knows what the module wants.
//
// The mechanics are integrated at a fixed step only while the motor is driven or the glass moves,
// so a parked car costs nothing.
//
// All figures are ESTIMATES (no source gives the MINI's regulator data): at 12 V the glass rises
// in ~4 s drawing ~5.5 A, falls in ~3.2 s at ~2.5 A, and stalls at ~19 A; 25 N of pinch force per
// amp above the running load (so the ~19 A stall pushes ~350 N, typical of a window regulator).
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <optional>
#include <string>

namespace bcmhil::model {

struct WindowMotorSpec {
  double winding_ohm = 0.6;                  // stall ~19 A at 12 V with the feed, estimate
  double friction_a = 4.0;                   // regulator and run channels, estimate
  double weight_a = 1.5;                     // the glass's weight as motor current, estimate
  double back_emf_v_per_travel_s = 32.0;     // ~4 s up at 12 V, estimate
  double mechanical_time_constant_s = 0.05;  // speed settles within ~50 ms, estimate
  double seal_start = 0.97;                  // the top 3 % of the travel (12 mm) is in the seal, estimate
  double seal_load_a = 5.0;                  // extra load with the glass fully in the seal, estimate
  double travel_mm = 400.0;                  // glass travel bottom to top, estimate
  double newton_per_amp = 25.0;              // pinch force per amp above the running load, estimate
  double obstacle_n_per_mm = 10.0;           // spring rate of the obstacle (FMVSS 118 test rods: 5-20 N/mm)
  double closed_at = 0.99;                   // a person calls the window shut from here (chosen)
  sc_core::sc_time step{5, sc_core::SC_MS};  // integration step while moving (chosen: 1/10 of the time constant)
};

class WindowMotor : public sc_core::sc_module {
 public:
  // `net_name` ("window.driver") names the nodes `<net_name>.pin1` (up feed), `<net_name>.pin2`,
  // the branch `<net_name>.motor` and the recorded signals `<net_name>.position`,
  // `<net_name>.closed` and `<net_name>.pinch_force`. `position`: 0 fully open .. 1 shut.
  WindowMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
              trace::Recorder& recorder, double position = 1.0, WindowMotorSpec spec = {});

  electrical::NodeId pin(int number) const { return number == 1 ? pin_a_ : pin_b_; }
  electrical::BranchId motor() const { return motor_; }
  double position() const { return position_; }  // 0 fully open .. 1 shut (in the seal)
  double speed() const { return speed_; }        // travels per second, + up
  double current() const;                        // from pin 1 to pin 2, amps (+ drives up)
  bool closed() const { return position_ >= spec_.closed_at; }
  double pinch_force_n() const;                  // what the obstacle feels, newtons
  const WindowMotorSpec& spec() const { return spec_; }

  // Someone puts something in the opening, its top `gap_mm` below the top of the frame (the glass
  // meets it once the opening is that small); std::nullopt takes it away.
  void set_obstacle(std::optional<double> gap_mm);
  // Fault hooks: extra friction (a dry or bent regulator), a winding burnt open.
  void set_extra_friction(double amps);
  void set_winding_open(bool open);

 private:
  void on_solved();
  void on_step();
  // What pushes the glass down at `x` (weight, seal, obstacle), as motor current.
  double static_load_a(double x) const;
  double friction_a() const { return spec_.friction_a + extra_friction_a_; }
  bool can_start(double amps) const;
  void publish();
  // Less motor current than this does not turn the worm at all (chosen; well under the friction).
  static constexpr double kMinDriveA = 0.5;

  Circuit& circuit_;
  WindowMotorSpec spec_;
  electrical::NodeId pin_a_;
  electrical::NodeId pin_b_;
  electrical::BranchId motor_;
  double position_;
  double speed_ = 0.0;
  std::optional<double> obstacle_at_;  // glass position where it touches the obstacle
  double extra_friction_a_ = 0.0;
  bool stepping_ = false;
  sc_core::sc_event step_;
  // Written by the stepping and by set_obstacle (a scenario step's thread): many writers.
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> closed_;
  sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS> position_sig_;
  sc_core::sc_signal<double, sc_core::SC_MANY_WRITERS> force_sig_;
};

}  // namespace bcmhil::model
