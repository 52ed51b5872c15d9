#include "switching_relay.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

SwitchingRelay::SwitchingRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                               trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId feed,
                               SwitchingRelaySpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      armature_("armature", {spec.pick_up_v, spec.drop_out_v, spec.operate, spec.release},
                [this](bool operated) { on_moved(operated); }) {
  auto& net = circuit.network();
  output_ = net.add_node(net_name + ".output");
  coil_ = net.add_resistor(net_name + ".coil", coil_in, electrical::kGround, spec_.coil_ohm);
  contact_ = net.add_resistor(net_name + ".contact", feed, output_, electrical::kOpen);
  SC_HAS_PROCESS(SwitchingRelay);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  watch_signal(armature_.position(), recorder, net_name + ".operated", trace::Kind::bit, "",
               "the relay has pulled in (its contact is closed)");
}

void SwitchingRelay::on_solved() {
  if (welded_) return;
  armature_.feel(circuit_.network().current(coil_) * spec_.coil_ohm);
}

void SwitchingRelay::weld() {
  welded_ = true;
  armature_.force(true);
}

void SwitchingRelay::on_moved(bool operated) {
  circuit_.network().set_resistance(contact_, operated ? spec_.contact_ohm : electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
