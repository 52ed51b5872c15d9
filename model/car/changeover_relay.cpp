#include "changeover_relay.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

ChangeoverRelay::ChangeoverRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                                 trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId com,
                                 electrical::NodeId no, electrical::NodeId nc, ChangeoverRelaySpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      armature_("armature", {spec.pick_up_v, spec.drop_out_v, spec.operate, spec.release},
                [this](bool operated) { on_moved(operated); }) {
  auto& net = circuit.network();
  coil_ = net.add_resistor(net_name + ".coil", coil_in, electrical::kGround, spec_.coil_ohm);
  no_contact_ = net.add_resistor(net_name + ".contact_no", com, no, electrical::kOpen);
  nc_contact_ = net.add_resistor(net_name + ".contact_nc", com, nc, spec_.contact_ohm);
  SC_HAS_PROCESS(ChangeoverRelay);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  watch_signal(armature_.position(), recorder, net_name + ".operated", trace::Kind::bit, "",
               "relay armature pulled in (COM on NO)");
}

void ChangeoverRelay::on_solved() {
  const auto& net = circuit_.network();
  armature_.feel(net.current(coil_) * spec_.coil_ohm);
}

void ChangeoverRelay::on_moved(bool operated) {
  auto& net = circuit_.network();
  net.set_resistance(no_contact_, operated ? spec_.contact_ohm : electrical::kOpen);
  net.set_resistance(nc_contact_, operated ? electrical::kOpen : spec_.contact_ohm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
