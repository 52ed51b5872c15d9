#include "switch_network.h"

namespace bcmhil::model {

void wire_switch_network(electrical::Network& net, Harness& harness, electrical::NodeId supply_pin) {
  const auto feed = net.add_node("switch_network.feed");
  harness.add_segment("harness.switch_supply", supply_pin, feed, 1.5, 0.35);
  net.add_resistor("switch_network.load", feed, electrical::kGround, kSwitchNetworkOhm);
}

}  // namespace bcmhil::model
