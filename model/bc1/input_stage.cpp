#include "input_stage.h"

namespace bcmhil::model {

InputStage::InputStage(sc_core::sc_module_name name, Circuit& circuit,
                       electrical::NodeId sense_supply, electrical::NodeId module_ground,
                       std::vector<InputPinSpec> pins)
    : sc_module(name), active("active", pins.size()), circuit_(circuit), pins_(std::move(pins)) {
  auto& net = circuit_.network();
  const std::string base = basename();
  for (const auto& p : pins_) {
    pull_ups_.push_back(net.add_resistor(base + "." + p.signal + ".pull_up", sense_supply, p.pin, p.pull_up_ohm));
    net.add_resistor(base + "." + p.signal + ".pull_down", p.pin, module_ground, p.pull_down_ohm);
  }
  SC_HAS_PROCESS(InputStage);
  SC_METHOD(evaluate);
  sensitive << circuit_.solved();
  dont_initialize();
}

void InputStage::evaluate() {
  const auto& net = circuit_.network();
  for (std::size_t i = 0; i < pins_.size(); ++i) {
    const double v = net.voltage(pins_[i].pin);
    const bool high = v > pins_[i].threshold_v;
    const bool value = pins_[i].active_low ? !high : high;
    // Written only when it moves: rewriting the value a signal holds schedules nothing, but costs
    // a call per pin after every solve.
    if (active[i].read() != value) active[i].write(value);
  }
}

}  // namespace bcmhil::model
