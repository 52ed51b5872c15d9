#pragma once
// What hangs on the BC1's 5 V switch supply (pin X331.17, model/bc1/switch_supply.h) besides the
// lights' stalks and knob (model/car/exterior_lamps): the other switches and sensors it feeds, lumped
// as one load to body ground through the dash loom. CHOSEN:
// no source gives them; ~10 mA (500 ohm) is an estimate for a few pull-ups and a sensor.
#include "harness.h"

namespace bcmhil::model {

constexpr double kSwitchNetworkOhm = 500.0;

void wire_switch_network(electrical::Network& net, Harness& harness, electrical::NodeId supply_pin);

}  // namespace bcmhil::model
