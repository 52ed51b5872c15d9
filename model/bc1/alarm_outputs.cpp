#include "alarm_outputs.h"

#include "bc1_module.h"

namespace bcmhil::model {

AlarmOutputPins make_alarm_output_pins(electrical::Network& net, const std::string& base) {
  return {net.add_node(base + ".bbs_arm_out")};
}

std::vector<InputWiring> alarm_output_inputs(electrical::NodeId siren_pin, const AlarmOutputPins& pins) {
  const auto readback = [](const char* name, electrical::NodeId pin) {
    return InputWiring{{name, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}, std::nullopt};
  };
  return {readback("siren_monitor", siren_pin), readback("bbs_arm_monitor", pins.bbs_arm_out)};
}

AlarmOutputs::AlarmOutputs(sc_core::sc_module_name name, Circuit& circuit, const std::string& base,
                           FaultMemory& faults, AlarmOutputPins pins, electrical::NodeId logic_feed)
    : sc_module(name),
      pins_(pins),
      bbs_driver_(circuit, base + ".bbs_arm_driver", logic_feed, pins.bbs_arm_out),
      siren_monitor_("siren_monitor", faults, fault_code::kSirenOn, fault_code::kSirenOff),
      bbs_monitor_("bbs_monitor", faults, fault_code::kBbsArmOn, fault_code::kBbsArmOff) {
  siren_monitor_.command.bind(siren);
  siren_monitor_.readback.bind(siren_readback);
  siren_monitor_.powered.bind(powered);
  bbs_monitor_.command.bind(bbs_arm_);
  bbs_monitor_.readback.bind(bbs_readback);
  bbs_monitor_.powered.bind(powered);
  SC_HAS_PROCESS(AlarmOutputs);
  SC_METHOD(follow_alarm);
  sensitive << armed;
  dont_initialize();
  SC_METHOD(drive);
  sensitive << bbs_arm_ << powered;
  dont_initialize();
}

// The line follows the alarm's state: up when it arms, down when it disarms.
void AlarmOutputs::follow_alarm() { bbs_arm_.write(armed.read()); }

// In reset the microcontroller's pins are low: the driver input with them.
void AlarmOutputs::drive() { bbs_driver_.command(powered.read() && bbs_arm_.read()); }

std::optional<bool> AlarmOutputs::signal(std::string_view name) const {
  if (name == "DOP_BBS_ARM_DISARM") return bbs_arm_.read();
  return std::nullopt;
}

ForcibleOutput* AlarmOutputs::forcible_output(std::string_view name) {
  return name == "DOP_BBS_ARM_DISARM" ? &bbs_arm_ : nullptr;
}

}  // namespace bcmhil::model
