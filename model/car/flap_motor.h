#pragma once
// The recirculation / fresh-air flap actuator: a small permanent-magnet DC motor behind a gearbox
// that swings the flap between two end stops (fresh air, recirculation), driven either way by the
// polarity the BC1's two control outputs (DOP_RECIRC_CTL1 / DOP_RECIRC_CTL2) put on its terminals,
// with an end-position contact the BC1 reads back (DIP_RECIRC_MONITOR).
//
// Electrically: the winding resistance in series with the back-EMF (proportional to the flap's
// speed), one network branch from pin 1 to pin 2; current from pin 1 to pin 2 swings the flap
// towards recirculation. Mechanically like model/car/door_lock_motor: the motor's current
// accelerates the flap against a constant friction load (a current it must exceed to move at all),
// an end stop stops it dead and the motor then draws its stall current. Integrated at a fixed step
// only while driven or moving, so a parked car costs nothing.
//
// End-position contact (CHOSEN, no source describes the R50's actuator): a wiper track inside the
// actuator closes pin 3 to the actuator's ground (pin 4) within kEndZone of either end stop and is
// open in between, so a module that drives the flap sees the contact open when it leaves one end
// and close again when it reaches the other.
//
// All figures are ESTIMATES (no source gives them): 8 ohm winding (stall ~1.5 A at 12 V), ~0.25 A
// to overcome friction, a full swing in ~0.8 s at 12 V.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct FlapMotorSpec {
  double winding_ohm = 8.0;                  // estimate
  double load_current_a = 0.25;              // estimate: friction and the flap's spring
  double back_emf_v_per_travel_s = 8.0;      // estimate: (12 V - 0.25 A x 8 ohm) / (1 / 0.8 s)
  double mechanical_time_constant_s = 0.02;  // estimate
  double end_zone = 0.05;                    // chosen: the contact closes within 5 % of either end
  double contact_ohm = 0.05;                 // a clean wiper contact (estimate)
  sc_core::sc_time step{1, sc_core::SC_MS};  // integration step while moving (chosen)
};

class FlapMotor : public sc_core::sc_module {
 public:
  // `net_name` ("recirc_flap") names the nodes `<net_name>.pin1` .. `.pin3`, the branches
  // `<net_name>.motor` (pin 1 to pin 2) and `<net_name>.end_contact` (pin 3 to ground), and the
  // recorded signals `<net_name>.position` (0 fresh air .. 1 recirculation) and
  // `<net_name>.recirculating` (1 past mid-travel towards recirculation).
  FlapMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit, trace::Recorder& recorder,
            double initial_position = 0.0, FlapMotorSpec spec = {});

  electrical::NodeId pin(int number) const;  // 1, 2: motor; 3: end-position contact
  electrical::BranchId motor() const { return motor_; }
  electrical::BranchId end_contact() const { return contact_; }
  double position() const { return position_; }
  double speed() const { return speed_; }
  bool at_end() const { return position_ <= spec_.end_zone || position_ >= 1.0 - spec_.end_zone; }
  double current() const;  // pin 1 to pin 2, amps
  const FlapMotorSpec& spec() const { return spec_; }

  // A fault seizing the flap (a broken gear, a jammed flap): it no longer moves whatever the
  // current; the motor stalls.
  void set_seized(bool seized);
  bool seized() const { return seized_; }
  // A fault changing the winding: kOpen for a burnt-open winding or a broken motor wire.
  void set_winding_ohm(double ohms);

 private:
  void on_solved();
  void on_step();
  bool can_move(double amps) const;
  void update_contact();

  Circuit& circuit_;
  FlapMotorSpec spec_;
  electrical::NodeId pins_[3];
  electrical::BranchId motor_;
  electrical::BranchId contact_;
  double position_;
  double speed_ = 0.0;
  bool stepping_ = false;
  bool seized_ = false;
  bool contact_closed_ = false;
  sc_core::sc_event step_;
  sc_core::sc_signal<bool> recirculating_;
  sc_core::sc_signal<double> position_sig_;
};

}  // namespace bcmhil::model
