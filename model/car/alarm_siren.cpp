#include "alarm_siren.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

AlarmSiren::AlarmSiren(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, Harness& harness,
                       electrical::NodeId trigger_pin, electrical::NodeId arm_pin)
    : sc_module(name), circuit_(circuit) {
  auto& net = circuit.network();
  const std::string base = basename();
  trigger_ = net.add_node(base + ".trigger");
  harness.add_segment("harness.siren_trigger", trigger_pin, trigger_, 2.5, 0.35);
  net.add_resistor(base + ".trigger_input", trigger_, electrical::kGround, kTriggerInputOhm);
  arm_ = net.add_node(base + ".arm");
  harness.add_segment("harness.siren_arm", arm_pin, arm_, 2.5, 0.35);  // beside the trigger wire
  net.add_resistor(base + ".arm_input", arm_, electrical::kGround, kArmInputOhm);
  SC_HAS_PROCESS(AlarmSiren);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  watch_signal(sounding_, recorder, base + ".sounding", trace::Kind::bit, "",
               "the alarm siren sounds (its trigger input is up): what anyone near the car hears");
}

void AlarmSiren::on_solved() {
  const bool sounds = circuit_.network().voltage(trigger_) > kSoundsAboveV;
  if (sounds != sounding_.read()) sounding_.write(sounds);
}

}  // namespace bcmhil::model
