#include "heated_screen_faults.h"

#include "bc1_module.h"

namespace bcmhil::model {

std::vector<InputWiring> heated_screen_fault_inputs(electrical::NodeId rear_relay_pin, electrical::NodeId front_relay_pin) {
  const auto readback = [](const char* name, electrical::NodeId pin) {
    return InputWiring{{name, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}, std::nullopt};
  };
  return {readback("heated_rr_win_rly_monitor", rear_relay_pin), readback("heated_ft_win_rly_monitor", front_relay_pin)};
}

HeatedScreenFaults::HeatedScreenFaults(sc_core::sc_module_name name, FaultMemory& faults)
    : sc_module(name),
      rear("rear", faults, fault_code::kRearScreenOn, fault_code::kRearScreenOff),
      front("front", faults, fault_code::kFrontScreenOn, fault_code::kFrontScreenOff) {}

}  // namespace bcmhil::model
