#include "switch_supply.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

SwitchSupplyPins make_switch_supply_pins(electrical::Network& net, const std::string& base, electrical::NodeId logic_feed,
                                         electrical::NodeId ground) {
  return {logic_feed, ground, net.add_node(base + ".ext_5v_out")};
}

SwitchSupply::SwitchSupply(sc_core::sc_module_name name, Circuit& circuit, const std::string& base, SwitchSupplyPins pins,
                           const SleepManager& sleep)
    : sc_module(name),
      circuit_(circuit),
      sleep_(sleep),
      pins_(pins),
      regulator_(circuit.network().add_source(base + ".ext_5v_regulator", pins.output, pins.ground, kVolts, kOutputOhm)) {
  SC_HAS_PROCESS(SwitchSupply);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
}

// Follows the input in dropout; re-solves only when the EMF moved (a steady supply settles after
// one extra solution).
void SwitchSupply::on_solved() {
  auto& net = circuit_.network();
  if (sleep_.awake() != on_) {
    on_ = sleep_.awake();
    net.set_resistance(regulator_, on_ ? kOutputOhm : electrical::kOpen);
    circuit_.request_solve();
    return;
  }
  const double input = net.voltage(pins_.logic_feed) - net.voltage(pins_.ground);
  const double emf = std::clamp(input - kDropoutV, 0.0, kVolts);
  if (std::abs(emf - emf_) <= kEmfStepV) return;
  emf_ = emf;
  net.set_emf(regulator_, emf_);
  circuit_.request_solve();
}

double SwitchSupply::output_volts() const {
  const auto& net = circuit_.network();
  return net.voltage(pins_.output) - net.voltage(pins_.ground);
}

std::optional<std::uint8_t> SwitchSupply::analog_raw(std::string_view channel) const {
  if (channel != "AIP_EXT_5V_MON") return std::nullopt;
  return static_cast<std::uint8_t>(std::clamp(std::lround(output_volts() / kVoltsPerCount), 0L, 255L));
}

}  // namespace bcmhil::model
