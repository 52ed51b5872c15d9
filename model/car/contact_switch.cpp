#include "contact_switch.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

ContactSwitch::ContactSwitch(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                             electrical::NodeId ground, const std::string& what)
    : sc_module(name),
      circuit_(circuit),
      terminal_(circuit.network().add_node(std::string(basename()) + ".terminal")),
      contact_(circuit.network().add_resistor(std::string(basename()) + ".contact", terminal_, ground,
                                              electrical::kOpen)) {
  watch_signal(actuated_, recorder, std::string(basename()) + ".actuated", trace::Kind::bit, "", what);
}

void ContactSwitch::set_actuated(bool actuated) {
  actuated_.write(actuated);
  circuit_.network().set_resistance(contact_, actuated ? kClosedOhm : electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
