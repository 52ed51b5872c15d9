#include "vehicle.h"

#include "model/bc1/connector_map.h"
#include "switch_network.h"

#include <stdexcept>

namespace bcmhil::model {

namespace {
// Indicator lamps per side: front 21 W + rear 21 W + side repeater 5 W.
constexpr double kIndicatorWatts = 47.0;
// Interior light: a 10 W festoon bulb (estimate).
constexpr double kInteriorLampWatts = 10.0;
// The alarm LED with its series resistor, about 12 mA at 12 V (chosen, the real load is not
// known). The siren unit is model/car/alarm_siren.
constexpr double kAlarmLedOhm = 1e3;
// Heating elements at 13.5 V (estimates: no source gives the MINI's figures).
constexpr double kHeatedRearWindowWatts = 150.0;
constexpr double kHeatedFrontScreenWatts = 500.0;
// A switch LED with its series resistor, ~10 mA (estimate).
constexpr double kSwitchLedOhm = 1200.0;

// The connectors a workshop can part: the BC1's four (their modelled pins, from the connector
// map), the tailgate lock's and each door lock motor's.
std::vector<ConnectorSpec> connector_specs(const std::string& bc1, const HatchLock& hatch) {
  std::vector<ConnectorSpec> specs;
  const auto& map = ConnectorMap::bc1();
  for (const auto& connector : map.connectors()) {
    ConnectorSpec s{connector, bc1, "module", {}};
    for (const auto& pin : map.pins())
      if (pin.connector == connector && pin.modelled()) s.pins.push_back({pin.label, pin.node});
    specs.push_back(std::move(s));
  }
  const std::string lock = hatch.basename();
  specs.push_back({"hatch", lock, "lock", {}});
  for (int pin = 1; pin <= 4; ++pin)
    specs.back().pins.push_back({"hatch." + std::to_string(pin), lock + ".pin" + std::to_string(pin)});
  // The door lock motors' net names (model/car/door_locks.h).
  for (const char* motor : {"door_lock.driver", "door_lock.passenger", "door_lock.fuel_flap", "door_lock.deadlock"}) {
    const std::string part = motor;
    specs.push_back({part, part, "lock", {{part + ".1", part + ".pin1"}, {part + ".2", part + ".pin2"}}});
  }
  return specs;
}

HeaterRelaySpec heater(double watts) {
  HeaterRelaySpec spec;
  spec.element_watts = watts;
  return spec;
}
}  // namespace

Vehicle::Vehicle(sc_core::sc_module_name name, trace::Recorder& recorder, VehicleConfig config)
    : sc_module(name),
      config_(std::move(config)),
      circuit("circuit", recorder),
      power(circuit, recorder, config_.battery_volts, config_.ignition_on),
      bc1("bc1", circuit, recorder, config_.coding, config_.io, config_.locked),
      harness(circuit),
      hatch_lock("hatch_lock", circuit, recorder),
      door_locks("door_locks", circuit, recorder, harness, bc1.pins().locking, config_.locked),
      indicator_lh("indicator_lh", circuit, recorder, circuit.network().add_node("lamp.indicator_lh"),
                   kIndicatorWatts),
      indicator_rh("indicator_rh", circuit, recorder, circuit.network().add_node("lamp.indicator_rh"),
                   kIndicatorWatts),
      driver_door("driver_door", circuit, recorder, electrical::kGround, "the driver's door is open (its contact closed)"),
      passenger_door("passenger_door", circuit, recorder, electrical::kGround,
                     "the passenger's door is open (its contact closed)"),
      bonnet("bonnet", circuit, recorder, electrical::kGround, "the bonnet is open (its contact closed)"),
      hazard_switch("hazard_switch", circuit, recorder, electrical::kGround, "the hazard button is held"),
      tilt_switch("tilt_switch", circuit, recorder, electrical::kGround, "the car is tilted (jacked up)"),
      interior_lamp("interior_lamp", circuit, recorder, circuit.network().add_node("lamp.interior"),
                    kInteriorLampWatts),
      receiver("rf_receiver", recorder),
      battery_monitor("battery_monitor", circuit, recorder, circuit.network().branch("battery")),
      heated_rear_window("heated_rear_window", "heated_rear_window", circuit, recorder,
                         bc1.pins().heated_rr_win_rly_out, circuit.network().add_node("heated_rear_window.feed"),
                         heater(kHeatedRearWindowWatts)),
      heated_front_screen("heated_front_screen", "heated_front_screen", circuit, recorder,
                          bc1.pins().heated_ft_win_rly_out, circuit.network().add_node("heated_front_screen.feed"),
                          heater(kHeatedFrontScreenWatts)),
      heated_rear_window_button("heated_rear_window_button", circuit, recorder, electrical::kGround,
                                "the heated rear window button is held"),
      heated_front_screen_button("heated_front_screen_button", circuit, recorder, electrical::kGround,
                                 "the heated front screen button is held"),
      wipers("wipers", circuit, recorder, power, harness, bc1.pins().wipers),
      exterior_lamps("exterior_lamps", circuit, recorder, power, harness, bc1.pins().lights,
                     bc1.switch_supply().pins().output),
      climate("climate", circuit, recorder, power, harness, bc1.pins().climate, bc1.pins().crash, bc1.pins().kl15),
      windows("windows", circuit, recorder, harness, power, bc1.pins().windows),
      siren("siren", circuit, recorder, harness, bc1.pins().siren_out, bc1.pins().alarm_outputs.bbs_arm_out),
      connectors(circuit, connector_specs(bc1.basename(), hatch_lock)) {
  bc1.rf_data.bind(receiver.data);
  for (std::size_t slot = 0; slot < fobs_.size(); ++slot) fobs_[slot].id = config_.coding.key_ids[slot];
  wire_harness();
  SC_HAS_PROCESS(Vehicle);
  SC_METHOD(release_handle);
  sensitive << handle_release_;
  dont_initialize();
}

void Vehicle::wire_harness() {
  auto& net = circuit.network();
  const auto& pin = bc1.pins();

  power.add_fused_feed("fuse.F9", "30CDL", 20.0, pin.kl30_cdl);
  power.add_fused_feed("fuse.F10", "30B", 15.0, pin.kl30_light);
  power.add_fused_feed("fuse.30A", "30A", 5.0, pin.kl30_logic);
  power.connect_kl15(pin.kl15);
  harness.add_segment("harness.bc1_ground", pin.ground, electrical::kGround, 0.5, 2.5);
  // The heated screens' own feeds through their relays' contacts (fuse names and ratings chosen:
  // ~12 A and ~37 A loads at 13.5 V).
  power.add_fused_feed("fuse.HRW", "heated rear window", 20.0, net.node("heated_rear_window.feed"));
  power.add_fused_feed("fuse.HFS", "heated front screen", 40.0, net.node("heated_front_screen.feed"));
  net.add_resistor("dash.ht_rr_win_led", pin.ht_rr_win_led_out, electrical::kGround, kSwitchLedOhm);
  net.add_resistor("dash.ht_ft_win_led", pin.ht_ft_win_led_out, electrical::kGround, kSwitchLedOhm);

  // Tailgate release feed: footwell -> body loom -> hinge loom -> hatch lock pin 2.
  const auto hinge_feed = net.add_node("harness.hinge.tailgate_feed");
  harness.add_segment("harness.tailgate_feed.body", pin.tailgate_out, hinge_feed, 3.5, 0.75);
  harness.add_segment("harness.tailgate_feed.hinge", hinge_feed, hatch_lock.pin(2), 0.6, 0.75);
  // Motor ground: pin 1 -> hinge loom -> body ground point.
  const auto hinge_ground = net.add_node("harness.hinge.hatch_ground");
  harness.add_segment("harness.hatch_ground.hinge", hatch_lock.pin(1), hinge_ground, 0.6, 0.75);
  harness.add_segment("harness.hatch_ground.body", hinge_ground, electrical::kGround, 0.5, 0.75);
  // Contact switch: BC1 input -> body -> hinge -> pin 3; pin 4 -> hinge -> ground.
  const auto hinge_contact = net.add_node("harness.hinge.contact_signal");
  harness.add_segment("harness.contact_signal.body", pin.boot_open_in, hinge_contact, 3.5, 0.35);
  harness.add_segment("harness.contact_signal.hinge", hinge_contact, hatch_lock.pin(3), 0.6, 0.35);
  harness.add_segment("harness.contact_ground.hinge", hatch_lock.pin(4), hinge_ground, 0.6, 0.35);
  // Lid handle push-button: BC1 input -> body -> hinge -> switch -> lid ground.
  const auto hinge_handle = net.add_node("harness.hinge.handle_signal");
  handle_switch_node_ = net.add_node("lid_handle.switch");
  harness.add_segment("harness.handle_signal.body", pin.boot_handle_in, hinge_handle, 3.5, 0.35);
  harness.add_segment("harness.handle_signal.hinge", hinge_handle, handle_switch_node_, 0.6, 0.35);
  handle_switch_ = net.add_resistor("lid_handle.button", handle_switch_node_, hinge_ground, electrical::kOpen);
  // Indicators: BC1 outputs -> body loom -> lamps.
  harness.add_segment("harness.indicator_lh", pin.indicator_lh_out, net.node("lamp.indicator_lh"), 3.0, 1.0);
  harness.add_segment("harness.indicator_rh", pin.indicator_rh_out, net.node("lamp.indicator_rh"), 3.0, 1.0);
  // Body contacts: BC1 input -> body loom -> switch -> body ground (lengths estimates).
  harness.add_segment("harness.driver_door_signal", pin.driver_door_in, driver_door.terminal(), 2.0, 0.35);
  harness.add_segment("harness.passenger_door_signal", pin.passenger_door_in, passenger_door.terminal(), 1.5, 0.35);
  harness.add_segment("harness.bonnet_signal", pin.bonnet_in, bonnet.terminal(), 2.5, 0.35);
  harness.add_segment("harness.hazard_signal", pin.hazard_in, hazard_switch.terminal(), 1.0, 0.35);
  harness.add_segment("harness.tilt_signal", pin.tilt_in, tilt_switch.terminal(), 1.0, 0.35);
  // Dashboard buttons: BC1 input -> dash loom -> button -> ground (lengths estimates).
  harness.add_segment("harness.heated_rear_window_button", pin.ht_rr_win_sw_in, heated_rear_window_button.terminal(),
                      1.0, 0.35);
  harness.add_segment("harness.heated_front_screen_button", pin.ht_ft_scr_sw_in,
                      heated_front_screen_button.terminal(), 1.0, 0.35);
  // Interior light in the headliner; the alarm LED.
  harness.add_segment("harness.interior_light", pin.interior_light_out, net.node("lamp.interior"), 2.5, 0.75);
  const auto led_in = net.add_node("alarm_led.anode");
  harness.add_segment("harness.alarm_led", pin.alarm_led_out, led_in, 1.5, 0.35);
  net.add_resistor("alarm_led.load", led_in, electrical::kGround, kAlarmLedOhm);
  wire_switch_network(net, harness, bc1.switch_supply().pins().output);
}

Fuse& Vehicle::fuse(const std::string& name) {
  if (auto* f = power.find_fuse(name)) return *f;
  std::string known;
  for (const auto& f : power.fuses()) known += (known.empty() ? "" : ", ") + f.name.substr(5) + " (" + f.feed + ")";
  throw std::invalid_argument("no fuse '" + name + "' (fuses: " + known + ")");
}

void Vehicle::pull_fuse(const std::string& name) { power.pull(fuse(name)); }
void Vehicle::refit_fuse(const std::string& name) { power.refit(fuse(name)); }

KeyFob& Vehicle::fob(int key_slot) {
  if (key_slot < 1 || key_slot > static_cast<int>(fobs_.size()))
    throw std::out_of_range("key slot " + std::to_string(key_slot) + " (slots are 1-4)");
  return fobs_[key_slot - 1];
}

void Vehicle::press_fob(int key_slot, FobButton button) {
  if (auto telegram = fob(key_slot).press(button)) receiver.transmit(*telegram);
}

const std::vector<std::string>& Vehicle::switch_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"heated_rear_window", "heated_front_screen"};
    for (const auto& position : WiperSystem::stalk_positions()) n.push_back(position);
    for (const auto& b : ExteriorLamps::buttons()) n.push_back(b);
    for (const auto& s : ClimateLoads::switch_names()) n.push_back(s);
    for (const auto& w : PowerWindowDoors::switch_names()) n.push_back(w);
    return n;
  }();
  return names;
}

void Vehicle::press_switch(const std::string& name, sc_core::sc_time duration) {
  if (name == "heated_rear_window")
    heated_rear_window_button.press(duration);
  else if (name == "heated_front_screen")
    heated_front_screen_button.press(duration);
  else if (auto* window_switch = windows.find_switch(name))
    window_switch->press(duration);
  else if (auto* s = climate.switch_named(name))
    s->press(duration);
  else if (!exterior_lamps.press(name, duration))
    wipers.hold(name, duration);  // the wiper stalk's positions; throws for an unknown name
}

void Vehicle::set_control(const std::string& control, const std::string& position) {
  if (!exterior_lamps.set_control(control, position))
    throw std::invalid_argument("no control '" + control + "' with a position '" + position + "'");
}

void Vehicle::flex_loom(const std::string& loom) {
  if (loom != "hinge") throw std::invalid_argument("no loom " + loom + " to flex (looms: hinge)");
  hinge_flexed_.notify(sc_core::SC_ZERO_TIME);
}

void Vehicle::press_lid_handle(sc_core::sc_time duration) {
  circuit.network().set_resistance(handle_switch_, 0.05);
  circuit.request_solve();
  handle_release_.notify(duration);
}

ContactSwitch& Vehicle::contact(BodyOpening what) {
  switch (what) {
    case BodyOpening::driver_door: return driver_door;
    case BodyOpening::passenger_door: return passenger_door;
    case BodyOpening::bonnet: break;
  }
  return bonnet;
}

void Vehicle::press_hazard(sc_core::sc_time duration) { hazard_switch.press(duration); }

void Vehicle::release_handle() {
  circuit.network().set_resistance(handle_switch_, electrical::kOpen);
  circuit.request_solve();
}

}  // namespace bcmhil::model
