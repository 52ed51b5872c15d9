#include "contact_switch.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

namespace {
std::string net_of(const ContactSwitch& s, const std::string& net_name) {
  return net_name.empty() ? std::string(s.basename()) : net_name;
}
}  // namespace

ContactSwitch::ContactSwitch(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                             electrical::NodeId ground, const std::string& what, const std::string& net_name)
    : sc_module(name),
      circuit_(circuit),
      terminal_(circuit.network().add_node(net_of(*this, net_name) + ".terminal")),
      contact_(circuit.network().add_resistor(net_of(*this, net_name) + ".contact", terminal_, ground,
                                              electrical::kOpen)) {
  watch_signal(actuated_, recorder, net_of(*this, net_name) + ".actuated", trace::Kind::bit, "", what);
  SC_HAS_PROCESS(ContactSwitch);
  SC_METHOD(release);
  sensitive << release_;
  dont_initialize();
}

void ContactSwitch::press(sc_core::sc_time duration) {
  set_actuated(true);
  release_.cancel();
  release_.notify(duration);
}

void ContactSwitch::set_actuated(bool actuated) {
  actuated_.write(actuated);
  circuit_.network().set_resistance(contact_, actuated ? kClosedOhm : electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
