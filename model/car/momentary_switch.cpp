#include "momentary_switch.h"

namespace bcmhil::model {

MomentarySwitch::MomentarySwitch(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                                 electrical::NodeId a, electrical::NodeId b)
    : sc_module(name), circuit_(circuit), contact_(circuit.network().add_resistor(net_name, a, b, electrical::kOpen)) {
  SC_HAS_PROCESS(MomentarySwitch);
  SC_METHOD(release);
  sensitive << release_;
  dont_initialize();
}

void MomentarySwitch::press(sc_core::sc_time duration) {
  held_ = true;
  circuit_.network().set_resistance(contact_, kClosedOhm);
  circuit_.request_solve();
  release_.cancel();
  release_.notify(duration);
}

void MomentarySwitch::release() {
  held_ = false;
  circuit_.network().set_resistance(contact_, electrical::kOpen);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
