#include "heater_relay.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

HeaterRelay::HeaterRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                         trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId feed,
                         HeaterRelaySpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      element_ohm_(spec.rated_volts * spec.rated_volts / spec.element_watts),
      armature_("armature", {spec.pick_up_v, spec.drop_out_v, spec.operate, spec.release},
                [this](bool operated) { on_moved(operated); }) {
  auto& net = circuit.network();
  const auto element_node = net.add_node(net_name + ".element");
  coil_ = net.add_resistor(net_name + ".coil", coil_in, electrical::kGround, spec_.coil_ohm);
  contact_ = net.add_resistor(net_name + ".contact", feed, element_node, electrical::kOpen);
  element_ = net.add_resistor(net_name + ".element", element_node, electrical::kGround, element_ohm_);
  SC_HAS_PROCESS(HeaterRelay);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  watch_signal(heating_, recorder, net_name + ".heating", trace::Kind::bit, "",
               "the heating element draws current (relay closed, feed present)");
}

void HeaterRelay::on_solved() {
  const auto& net = circuit_.network();
  armature_.feel(net.current(coil_) * spec_.coil_ohm);
  const double nominal_a = spec_.rated_volts / element_ohm_;
  heating_.write(armature_.operated() && net.current(element_) > 0.5 * nominal_a);
}

void HeaterRelay::on_moved(bool operated) {
  circuit_.network().set_resistance(contact_, operated ? spec_.contact_ohm : electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
