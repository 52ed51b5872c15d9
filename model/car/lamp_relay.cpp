#include "lamp_relay.h"

namespace bcmhil::model {

LampRelay::LampRelay(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId coil_in,
                     electrical::NodeId feed, electrical::NodeId line, LampRelaySpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      coil_(circuit.network().add_resistor(std::string(basename()) + ".coil", coil_in, electrical::kGround,
                                           spec.coil_ohm)),
      contact_(circuit.network().add_resistor(std::string(basename()) + ".contact", feed, line, electrical::kOpen)),
      armature_("armature", {spec.pick_up_v, spec.drop_out_v, spec.operate, spec.release},
                [this](bool operated) { on_moved(operated); }) {
  SC_HAS_PROCESS(LampRelay);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
}

void LampRelay::on_solved() {
  if (!welded_) armature_.feel(circuit_.network().current(coil_) * spec_.coil_ohm);
}

void LampRelay::on_moved(bool operated) {
  circuit_.network().set_resistance(contact_, operated ? spec_.contact_ohm : electrical::kOpen);
  circuit_.request_solve();
}

void LampRelay::set_coil_open(bool open) {
  circuit_.network().set_resistance(coil_, open ? electrical::kOpen : spec_.coil_ohm);
  circuit_.request_solve();
}

void LampRelay::set_welded(bool welded) {
  welded_ = welded;
  if (welded) armature_.force(true);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
