#include "lock_relay.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

LockRelay::LockRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                     trace::Recorder& recorder, electrical::NodeId coil_supply, electrical::NodeId coil_ground,
                     electrical::NodeId com, electrical::NodeId no, electrical::NodeId nc, LockRelaySpec spec)
    : sc_module(name), circuit_(circuit), spec_(spec), com_(com) {
  auto& net = circuit.network();
  coil_low_ = net.add_node(net_name + ".coil_low");
  coil_ = net.add_resistor(net_name + ".coil", coil_supply, coil_low_, spec_.coil_ohm);
  coil_switch_ = net.add_resistor(net_name + ".coil_switch", coil_low_, coil_ground, electrical::kOpen);
  no_contact_ = net.add_resistor(net_name + ".contact_no", com, no, electrical::kOpen);
  nc_contact_ = net.add_resistor(net_name + ".contact_nc", com, nc, spec_.contact_ohm);

  SC_HAS_PROCESS(LockRelay);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_armature_due);
  sensitive << armature_due_;
  dont_initialize();

  watch_signal(armature_, recorder, net_name + ".operated", trace::Kind::bit, "",
               "relay armature pulled in (COM on NO)");
}

double LockRelay::coil_volts() const { return circuit_.network().current(coil_) * spec_.coil_ohm; }

void LockRelay::command(bool energise) {
  if (energise == commanded_) return;
  commanded_ = energise;
  circuit_.network().set_resistance(coil_switch_, energise ? spec_.coil_switch_ohm : electrical::kOpen);
  circuit_.request_solve();
}

void LockRelay::on_solved() {
  // Hysteresis: a released armature pulls in at the pick-up voltage, an operated one lets go
  // only below the drop-out voltage.
  if (welded_) return;  // a welded armature no longer follows its coil
  const double volts = coil_volts();
  bool want = position_;
  if (!position_ && volts >= spec_.pick_up_v) want = true;
  if (position_ && volts <= spec_.drop_out_v) want = false;
  if (want == position_) {
    // The coil changed its mind before the armature got there: it stays.
    if (moving_) armature_due_.cancel();
    moving_ = false;
    return;
  }
  if (moving_ && target_ == want) return;  // already on its way
  target_ = want;
  moving_ = true;
  armature_due_.cancel();
  armature_due_.notify(want ? spec_.operate : spec_.release);
}

void LockRelay::on_armature_due() {
  moving_ = false;
  position_ = target_;
  armature_.write(position_);
  apply_contacts();
}

void LockRelay::apply_contacts() {
  const bool on_no = position_;
  const double closed = spec_.contact_ohm + film_ohm_;  // kOpen + anything stays kOpen
  auto& net = circuit_.network();
  net.set_resistance(no_contact_, on_no ? closed : electrical::kOpen);
  net.set_resistance(nc_contact_, on_no ? electrical::kOpen : closed);
  circuit_.request_solve();
}

void LockRelay::set_contact_film(double ohms) {
  film_ohm_ = ohms;
  apply_contacts();
}

void LockRelay::set_welded(std::optional<Side> side) {
  welded_ = side;
  if (side) {
    armature_due_.cancel();
    moving_ = false;
    position_ = *side == Side::no;
    armature_.write(position_);
  }
  apply_contacts();  // freed again: the next solve lets the coil decide
}

void LockRelay::set_coil_open(bool open) {
  coil_open_ = open;
  circuit_.network().set_resistance(coil_, open ? electrical::kOpen : spec_.coil_ohm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
