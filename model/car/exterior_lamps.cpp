#include "exterior_lamps.h"

#include <stdexcept>

namespace bcmhil::model {

namespace {
// Lamp powers at 13.5 V (estimates, see the header).
constexpr double kPositionWatts = 10.0;
constexpr double kNumberPlateWatts = 10.0;
constexpr double kRearFogWatts = 21.0;
constexpr double kDippedWatts = 110.0;
constexpr double kMainWatts = 120.0;
constexpr double kFogWatts = 110.0;
constexpr double kAuxWatts = 110.0;
constexpr double kBrakeWatts = 42.0;

// Stalk ladders (model/bc1/exterior_lights.cpp decodes them): series resistance from the 5 V
// switch supply to the input, per position.
constexpr double kStalkNeutralOhm = 10e3;
constexpr double kStalkHighOhm = 2.2e3;   // main stalk pulled (flash), indicator stalk left
constexpr double kStalkLowOhm = 39e3;     // main stalk pushed (main beam), indicator stalk right
constexpr double kLevelOhm[] = {1e3, 4.7e3, 10e3, 22e3};

// A switch LED with its resistor: ~10 mA (estimate, as the dashboard's other LEDs).
LedLampSpec switch_led() {
  LedLampSpec s;
  s.forward_volts = 2.0;
  s.rated_amps = 0.01;
  return s;
}

electrical::NodeId node(Circuit& circuit, const char* name) { return circuit.network().add_node(name); }
}  // namespace

ExteriorLamps::ExteriorLamps(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                             PowerSupply& power, Harness& harness, const ExteriorLightPins& pins,
                             electrical::NodeId switch_supply_pin)
    : sc_module(name),
      position_lh("position_lh", circuit, recorder, node(circuit, "lamp.position_lh"), kPositionWatts),
      position_rh("position_rh", circuit, recorder, node(circuit, "lamp.position_rh"), kPositionWatts),
      number_plate("number_plate", circuit, recorder, node(circuit, "lamp.number_plate"), kNumberPlateWatts),
      rear_fog("rear_fog", circuit, recorder, node(circuit, "lamp.rear_fog"), kRearFogWatts),
      dipped_beam("dipped_beam", circuit, recorder, node(circuit, "lamp.dipped_beam"), kDippedWatts),
      main_beam("main_beam", circuit, recorder, node(circuit, "lamp.main_beam"), kMainWatts),
      front_fogs("front_fogs", circuit, recorder, node(circuit, "front_fog.line"), kFogWatts),
      aux_lamps("aux_lamps", circuit, recorder, node(circuit, "aux_lamps.line"), kAuxWatts),
      brake_lamps("brake_lamps", circuit, recorder, node(circuit, "brake_lamps.line"), kBrakeWatts),
      brake_lamp_high("brake_lamp_high", circuit, recorder, node(circuit, "lamp.brake_lamp_high")),
      rear_fog_led("rear_fog_led", circuit, recorder, node(circuit, "rear_fog_button.led"), switch_led()),
      circuit_(circuit),
      light_position_("light_switch_position", circuit, recorder, electrical::kGround,
                      "the light switch's position contact is closed (position or dipped)"),
      light_dipped_("light_switch_dipped", circuit, recorder, electrical::kGround,
                    "the light switch's dipped-beam contact is closed"),
      front_fog_button_("front_fog_button", circuit, recorder, electrical::kGround, "the front fog button is held"),
      rear_fog_button_("rear_fog_button", circuit, recorder, electrical::kGround, "the rear fog button is held"),
      brake_pedal_("brake_pedal", circuit, recorder, node(circuit, "brake_switch.feed"),
                   "the brake pedal is pressed (its switch feeds the brake lamps)"),
      front_fog_relay_("front_fog_relay", circuit, node(circuit, "front_fog_relay.coil_in"),
                       node(circuit, "front_fog_relay.feed"), circuit.network().node("front_fog.line")),
      aux_lamp_relay_("aux_lamp_relay", circuit, node(circuit, "aux_lamp_relay.coil_in"),
                      node(circuit, "aux_lamp_relay.feed"), circuit.network().node("aux_lamps.line")),
      main_stalk_ohm_(kStalkNeutralOhm) {
  auto& net = circuit.network();
  power.add_fused_feed("fuse.FL12", "headlamps 1", 50.0, pins.dipped_feed);
  power.add_fused_feed("fuse.FL8", "headlamps 2", 50.0, pins.lamp_feed);
  power.add_fused_feed("fuse.fog", "front fog lamps", 15.0, net.node("front_fog_relay.feed"));
  power.add_fused_feed("fuse.aux_lamps", "auxiliary lamps", 15.0, net.node("aux_lamp_relay.feed"));
  power.add_fused_feed("fuse.brake", "brake lamps", 10.0, net.node("brake_switch.feed"));

  // Module outputs -> body loom -> lamps (lengths and sections estimates).
  harness.add_segment("harness.position_lh", pins.position_lh_out, net.node("lamp.position_lh"), 4.0, 0.75);
  harness.add_segment("harness.position_rh", pins.position_rh_out, net.node("lamp.position_rh"), 4.0, 0.75);
  harness.add_segment("harness.number_plate", pins.number_plate_out, net.node("lamp.number_plate"), 4.0, 0.5);
  harness.add_segment("harness.rear_fog", pins.rear_fog_out, net.node("lamp.rear_fog"), 4.0, 0.75);
  harness.add_segment("harness.dipped_beam", pins.dipped_beam_out, net.node("lamp.dipped_beam"), 2.5, 2.5);
  harness.add_segment("harness.main_beam", pins.main_beam_out, net.node("lamp.main_beam"), 2.5, 2.5);
  harness.add_segment("harness.brake_lamp_high", pins.brake_lamp_out, net.node("lamp.brake_lamp_high"), 4.5, 0.5);
  harness.add_segment("harness.rear_fog_led", pins.rear_fog_led_out, net.node("rear_fog_button.led"), 1.0, 0.35);
  // Relays: coil from the module's pin; the lamp line read back by the module.
  harness.add_segment("harness.front_fog_relay", pins.front_fog_rly_out, net.node("front_fog_relay.coil_in"), 2.0, 0.35);
  harness.add_segment("harness.aux_lamp_relay", pins.aux_lamp_rly_out, net.node("aux_lamp_relay.coil_in"), 2.0, 0.35);
  harness.add_segment("harness.front_fog_monitor", net.node("front_fog.line"), pins.front_fog_monitor_in, 2.0, 0.35);
  harness.add_segment("harness.aux_lamp_monitor", net.node("aux_lamps.line"), pins.aux_lamp_monitor_in, 2.0, 0.35);
  // Dashboard switches to ground.
  harness.add_segment("harness.light_switch_position", pins.position_sw_in, light_position_.terminal(), 1.0, 0.35);
  harness.add_segment("harness.light_switch_dipped", pins.dipped_sw_in, light_dipped_.terminal(), 1.0, 0.35);
  harness.add_segment("harness.front_fog_button", pins.front_fog_sw_in, front_fog_button_.terminal(), 1.0, 0.35);
  harness.add_segment("harness.rear_fog_button", pins.rear_fog_sw_in, rear_fog_button_.terminal(), 1.0, 0.35);
  // Brake pedal switch -> brake lamps, and the same line to the module.
  harness.add_segment("harness.brake_lamps", brake_pedal_.terminal(), net.node("brake_lamps.line"), 4.0, 0.75);
  harness.add_segment("harness.brake_switch_signal", brake_pedal_.terminal(), pins.brake_sw_in, 1.5, 0.35);
  // Stalks and knob: the module's 5 V switch supply (X331.17) through each ladder to its input.
  const auto supply = net.add_node("steering_column.stalk_supply");
  harness.add_segment("harness.stalk_supply", switch_supply_pin, supply, 1.5, 0.35);
  main_stalk_ = net.add_resistor("main_stalk.ladder", supply, pins.main_flash_sw_in, kStalkNeutralOhm);
  indicator_stalk_ = net.add_resistor("indicator_stalk.ladder", supply, pins.indicator_sw_in, kStalkNeutralOhm);
  level_knob_ = net.add_resistor("level_knob.ladder", supply, pins.level_sw_in, kLevelOhm[0]);

  SC_HAS_PROCESS(ExteriorLamps);
  SC_METHOD(release_flasher);
  sensitive << flasher_released_;
  dont_initialize();
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& ExteriorLamps::controls() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> list{
      {"light_switch", {"off", "position", "dipped"}},
      {"main_stalk", {"neutral", "main"}},
      {"indicator_stalk", {"neutral", "left", "right"}},
      {"level_knob", {"0", "1", "2", "3"}}};
  return list;
}

bool ExteriorLamps::set_control(const std::string& control, const std::string& position) {
  if (control == "light_switch") {
    if (position != "off" && position != "position" && position != "dipped") return false;
    light_position_.set_actuated(position != "off");
    light_dipped_.set_actuated(position == "dipped");
    return true;
  }
  if (control == "main_stalk") {
    if (position != "neutral" && position != "main") return false;
    main_stalk_ohm_ = position == "main" ? kStalkLowOhm : kStalkNeutralOhm;
    set_stalk(main_stalk_, main_stalk_ohm_);
    return true;
  }
  if (control == "indicator_stalk") {
    if (position != "neutral" && position != "left" && position != "right") return false;
    set_stalk(indicator_stalk_, position == "left" ? kStalkHighOhm : position == "right" ? kStalkLowOhm : kStalkNeutralOhm);
    return true;
  }
  if (control == "level_knob") {
    if (position.size() != 1 || position[0] < '0' || position[0] > '3') return false;
    set_stalk(level_knob_, kLevelOhm[position[0] - '0']);
    return true;
  }
  return false;
}

const std::vector<std::string>& ExteriorLamps::buttons() {
  static const std::vector<std::string> names{"front_fog", "rear_fog", "brake_pedal", "headlight_flasher"};
  return names;
}

bool ExteriorLamps::press(const std::string& button, sc_core::sc_time duration) {
  if (button == "front_fog")
    front_fog_button_.press(duration);
  else if (button == "rear_fog")
    rear_fog_button_.press(duration);
  else if (button == "brake_pedal")
    brake_pedal_.press(duration);
  else if (button == "headlight_flasher") {
    // Pulled against its spring: flash while held, back to where it rested.
    circuit_.network().set_resistance(main_stalk_, kStalkHighOhm);
    circuit_.request_solve();
    flasher_released_.cancel();
    flasher_released_.notify(duration);
  } else {
    return false;
  }
  return true;
}

void ExteriorLamps::release_flasher() { set_stalk(main_stalk_, main_stalk_ohm_); }

void ExteriorLamps::set_stalk(electrical::BranchId ladder, double ohms) {
  circuit_.network().set_resistance(ladder, ohms);
  circuit_.request_solve();
}

LampRelay& ExteriorLamps::relay(const std::string& which) {
  if (which == "front_fog") return front_fog_relay_;
  if (which == "aux_lamps") return aux_lamp_relay_;
  throw std::invalid_argument("no lamp relay '" + which + "' (relays: front_fog, aux_lamps)");
}

}  // namespace bcmhil::model
