#include "climate_loads.h"

namespace bcmhil::model {

namespace {
electrical::NodeId node(Circuit& circuit, const std::string& name) { return circuit.network().add_node(name); }
}  // namespace

ClimateLoads::ClimateLoads(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                           PowerSupply& power, Harness& harness, const ClimatePins& pins,
                           const CrashUnlockPins& crash, electrical::NodeId kl15)
    : sc_module(name),
      ac_button("ac_button", circuit, recorder, electrical::kGround, "the A/C button is held"),
      recirc_button("recirc_button", circuit, recorder, electrical::kGround, "the recirculation button is held"),
      blower_switch("blower_switch", circuit, recorder, node(circuit, "blower_relay.output_side"),
                    "the blower switch is on"),
      inertia_sensor("inertia_sensor", circuit, recorder, electrical::kGround,
                     "the inertia (crash) sensor's contact is closed"),
      flap("recirc_flap", "recirc_flap", circuit, recorder),
      blower_relay("blower_relay", "blower_relay", circuit, recorder, pins.blower_enable_out,
                   node(circuit, "blower_relay.feed")),
      compressor_relay("compressor_relay", "compressor_relay", circuit, recorder, pins.compressor_out,
                       node(circuit, "compressor_relay.feed")),
      blower_motor(circuit.network().add_resistor("blower.motor", node(circuit, "blower.motor_plus"),
                                                  electrical::kGround, kBlowerMotorOhm)),
      clutch_coil(circuit.network().add_resistor("ac_compressor.clutch", compressor_relay.output(),
                                                 electrical::kGround, kClutchCoilOhm)),
      evaporator("evaporator", "evaporator", circuit, recorder, node(circuit, "evaporator.sensor"), clutch_coil) {
  auto& net = circuit.network();
  power.add_fused_feed("fuse.blower", "blower", 30.0, net.node("blower_relay.feed"));
  power.add_fused_feed("fuse.AC", "A/C compressor clutch", 10.0, net.node("compressor_relay.feed"));
  // The blower switch sits between the relay's contact and the motor.
  harness.add_segment("harness.blower_feed", blower_relay.output(), net.node("blower_relay.output_side"), 1.0, 2.5);
  harness.add_segment("harness.blower_motor", blower_switch.terminal(), net.node("blower.motor_plus"), 1.0, 2.5);
  harness.add_segment("harness.blower_sense", pins.blower_sense_in, net.node("blower.motor_plus"), 1.5, 0.35);
  // The flap actuator behind the dashboard: motor on the two CTL pins, end contact on the monitor.
  harness.add_segment("harness.recirc_ctl1", pins.recirc_ctl1_out, flap.pin(1), 1.5, 0.5);
  harness.add_segment("harness.recirc_ctl2", pins.recirc_ctl2_out, flap.pin(2), 1.5, 0.5);
  harness.add_segment("harness.recirc_monitor", pins.recirc_monitor_in, flap.pin(3), 1.5, 0.35);
  harness.add_segment("harness.evaporator_sense", pins.evaporator_in, net.node("evaporator.sensor"), 1.5, 0.35);
  harness.add_segment("harness.ac_button", pins.ac_sw_in, ac_button.terminal(), 1.0, 0.35);
  harness.add_segment("harness.recirc_button", pins.recirc_sw_in, recirc_button.terminal(), 1.0, 0.35);
  net.add_resistor("dash.ac_led", pins.ac_led_out, electrical::kGround, kSwitchLedOhm);
  net.add_resistor("dash.recirc_led", pins.recirc_led_out, electrical::kGround, kSwitchLedOhm);
  harness.add_segment("harness.inertia_sensor", crash.inertia_in, inertia_sensor.terminal(), 2.0, 0.35);
  harness.add_segment("harness.kl_r", kl15, crash.kl_r_in, 1.0, 0.5);
}

const std::vector<std::string>& ClimateLoads::switch_names() {
  static const std::vector<std::string> names{"ac", "recirculation", "blower", "inertia_sensor"};
  return names;
}

ContactSwitch* ClimateLoads::switch_named(const std::string& name) {
  if (name == "ac") return &ac_button;
  if (name == "recirculation") return &recirc_button;
  if (name == "blower") return &blower_switch;
  if (name == "inertia_sensor") return &inertia_sensor;
  return nullptr;
}

}  // namespace bcmhil::model
