#include "lock_relay.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

LockRelay::LockRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                     trace::Recorder& recorder, electrical::NodeId coil_supply, electrical::NodeId coil_ground,
                     electrical::NodeId com, electrical::NodeId no, electrical::NodeId nc, LockRelaySpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      com_(com),
      armature_("armature", {spec.pick_up_v, spec.drop_out_v, spec.operate, spec.release},
                [this](bool) { apply_contacts(); }) {
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

  watch_signal(armature_.position(), recorder, net_name + ".operated", trace::Kind::bit, "",
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
  if (!welded_) armature_.feel(coil_volts());  // a welded armature no longer follows its coil
}

void LockRelay::apply_contacts() {
  const bool on_no = armature_.operated();
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
  if (side)
    armature_.force(*side == Side::no);  // applies the contacts
  else
    apply_contacts();  // freed again: the next solve lets the coil decide
}

void LockRelay::set_coil_open(bool open) {
  coil_open_ = open;
  circuit_.network().set_resistance(coil_, open ? electrical::kOpen : spec_.coil_ohm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
