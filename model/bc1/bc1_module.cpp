#include "bc1_module.h"

#include "model/circuit/watch.h"

#include <array>
#include <iterator>
#include <stdexcept>
#include <string>

namespace bcmhil::model {

namespace {

// The body inputs' names and what each reads, for the trace.
struct BodyInput {
  const char* signal;
  const char* what;
};
constexpr BodyInput kBodyInputs[] = {
    {"DIP_DRV_DOOR_OPEN", "driver's door contact, debounced (1 = door open)"},
    {"DIP_PASS_DOOR_OPEN", "passenger's door contact, debounced (1 = door open)"},
    {"DIP_BONNET_SW", "bonnet contact, debounced (1 = bonnet open)"},
    {"DIP_HAZARD_SW", "hazard push-button, debounced (1 = pressed)"},
    {"DIP_ALARM_TILT_SW", "alarm tilt switch, debounced (1 = the car is tilted)"},
};
// The central-locking switch inputs: both doors' key contacts and the master button.
constexpr std::array<const char*, 6> kLockSwitches{
    "DIP_DRV_KEY_SW_LK", "DIP_DRV_KEY_SW_UNLK", "DIP_PASS_KEY_SW_LK", "DIP_PASS_KEY_SW_UNLK",
    "DIP_MASTER_LK_SW",  "DIP_MASTER_UNLK_SW"};

std::string lock_monitor(std::size_t relay) { return std::string(kLockRelayStems[relay]) + "_lock_monitor"; }

Bc1Pins make_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const char* name) { return net.add_node(base + "." + name); };
  Bc1Pins p{};
  p.kl30_logic = pin("kl30_logic");
  p.kl30_cdl = pin("kl30_cdl");
  p.kl30_light = pin("kl30_light");
  p.kl15 = pin("kl15");
  p.ground = pin("ground");
  p.tailgate_out = pin("tailgate_out");
  p.indicator_lh_out = pin("indicator_lh_out");
  p.indicator_rh_out = pin("indicator_rh_out");
  p.boot_handle_in = pin("boot_handle_in");
  p.boot_open_in = pin("boot_open_in");
  p.kline = pin("kline");
  p.driver_door_in = pin("driver_door_in");
  p.passenger_door_in = pin("passenger_door_in");
  p.bonnet_in = pin("bonnet_in");
  p.hazard_in = pin("hazard_in");
  p.tilt_in = pin("tilt_in");
  p.interior_light_out = pin("interior_light_out");
  p.siren_out = pin("siren_out");
  p.alarm_led_out = pin("alarm_led_out");
  p.locking = make_central_locking_pins(net, base);
  p.heated_rr_win_rly_out = pin("heated_rr_win_rly");
  p.heated_ft_win_rly_out = pin("heated_ft_win_rly");
  p.ht_rr_win_led_out = pin("ht_rr_win_led");
  p.ht_ft_win_led_out = pin("ht_ft_win_led");
  p.ht_rr_win_sw_in = pin("ht_rr_win_sw");
  p.ht_ft_scr_sw_in = pin("ht_ft_scr_sw");
  p.wipers = make_wiper_pins(net, base);
  p.lights = make_exterior_light_pins(net, base);
  p.climate = make_climate_pins(net, base);
  p.crash = make_crash_unlock_pins(net, base);
  p.windows = make_power_window_pins(net, base);
  p.alarm_outputs = make_alarm_output_pins(net, base);
  return p;
}

// A switch to ground: pull-up and pull-down (an open input reads about half the supply), active
// when the switch pulls the pin low, debounced on `slot` of the RTL input block.
InputWiring switch_to_ground(const char* signal, electrical::NodeId pin, std::size_t slot) {
  return {{signal, pin, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm, Bc1Module::kInputThresholdV, true}, slot};
}
// Readback of an output pin through a divider; no pull-up, so a dead output reads 0. Read as it
// is, not debounced.
InputWiring output_readback(std::string signal, electrical::NodeId pin) {
  return {{std::move(signal), pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}, std::nullopt};
}

// The wipers' inputs (model/bc1/wipers.h), debouncer slots 28-34 (chosen): stalk contacts to
// ground; park contacts (0 V in park) and washer pump feeds read through 47 k like a readback.
InputWiring line_sense(const char* signal, electrical::NodeId pin, bool active_low, std::size_t slot) {
  return {{signal, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, active_low}, slot};
}
std::vector<InputWiring> wiper_inputs(const WiperPins& p) {
  std::vector<InputWiring> w{
      switch_to_ground("DIP_COL_SW_1", p.col_sw_1_in, 28),
      switch_to_ground("DIP_COL_SW_2", p.col_sw_2_in, 29),
      switch_to_ground("DIP_RR_WIPER_SW", p.rr_wiper_sw_in, 30),
      line_sense("DIP_FT_WASH_PUMP", p.ft_wash_in, false, 31),
      line_sense("DIP_RR_WASH_PUMP", p.rr_wash_in, false, 32),
      line_sense("DIP_FT_WIPER_PARK", p.ft_park_in, true, 33),
      line_sense("DIP_RR_WIPER_PARK", p.rr_park_in, true, 34),
  };
  const electrical::NodeId coils[Wipers::kOutputs] = {p.ft_run_rly_out, p.ft_speed_rly_out, p.rr_rly_out,
                                                      p.wash_rly_out};
  for (std::size_t o = 0; o < Wipers::kOutputs; ++o) w.push_back(output_readback(Wipers::kMonitorNames[o], coils[o]));
  return w;
}

// Power windows: the console rockers on debouncer slots 16-19, and each window relay's pin read
// back like the lock relays'.
std::vector<InputWiring> power_window_inputs(const PowerWindowPins& p) {
  const std::array<electrical::NodeId, kWindowRelays> rockers{p.drv_up_sw_in, p.drv_down_sw_in, p.pass_up_sw_in,
                                                             p.pass_down_sw_in};
  const std::array<electrical::NodeId, kWindowRelays> relay_pins{p.drv_up_out, p.drv_down_out, p.pass_up_out,
                                                                p.pass_down_out};
  std::vector<InputWiring> w;
  for (std::size_t i = 0; i < kWindowRelays; ++i) w.push_back(switch_to_ground(kWindowSwitchInputs[i], rockers[i], 16 + i));
  for (std::size_t i = 0; i < kWindowRelays; ++i) w.push_back(output_readback(window_monitor(i), relay_pins[i]));
  return w;
}

// Every input of the module, in the input stage's (comparator) order, with the debouncer slot of
// hw/bc1_io.v's switch_raw it is wired to (chosen slots: 0-15 here, 13 free; 16-63 are the
// functions' own, model/bc1/README.md "Adding a function").
std::vector<InputWiring> input_wiring(const Bc1Pins& p) {
  const auto& lk = p.locking;
  std::vector<InputWiring> w{
      switch_to_ground("DIP_BOOT_HANDLE_SW", p.boot_handle_in, 0),
      switch_to_ground("DIP_BOOT_OPEN_SW", p.boot_open_in, 1),
      output_readback("DIP_BOOT_RELEASE_MONITOR", p.tailgate_out),
      // The same readback on the indicator outputs (0xAA / 0xAC): the lamps pull an off pin to 0 V.
      output_readback("indicator_lh_monitor", p.indicator_lh_out),
      output_readback("indicator_rh_monitor", p.indicator_rh_out),
      // Central locking: key contacts and master button, slots 2-7.
      switch_to_ground(kLockSwitches[0], lk.drv_key_lock_in, 2),
      switch_to_ground(kLockSwitches[1], lk.drv_key_unlock_in, 3),
      switch_to_ground(kLockSwitches[2], lk.pass_key_lock_in, 4),
      switch_to_ground(kLockSwitches[3], lk.pass_key_unlock_in, 5),
      switch_to_ground(kLockSwitches[4], lk.master_lock_in, 6),
      switch_to_ground(kLockSwitches[5], lk.master_unlock_in, 7),
  };
  // Readback of each lock relay's COM pin, like the release monitor.
  for (std::size_t r = 0; r < CentralLocking::kRelays; ++r) w.push_back(output_readback(lock_monitor(r), lk.relay_out[r]));
  // Heated screens' dashboard push-buttons: slots taken from the top (14, 15).
  w.push_back(switch_to_ground("DIP_HT_RR_WIN_SW", p.ht_rr_win_sw_in, 14));
  w.push_back(switch_to_ground("DIP_HT_FT_SCR_SW", p.ht_ft_scr_sw_in, 15));
  // Body contacts, slots 8-12.
  const electrical::NodeId body_pins[] = {p.driver_door_in, p.passenger_door_in, p.bonnet_in, p.hazard_in, p.tilt_in};
  for (std::size_t i = 0; i < std::size(kBodyInputs); ++i)
    w.push_back(switch_to_ground(kBodyInputs[i].signal, body_pins[i], 8 + i));
  for (auto& input : wiper_inputs(p.wipers)) w.push_back(std::move(input));
  for (auto& light : exterior_light_inputs(p.lights)) w.push_back(std::move(light));
  for (auto& in : climate_inputs(p.climate)) w.push_back(std::move(in));
  for (auto& in : crash_unlock_inputs(p.crash)) w.push_back(std::move(in));
  for (auto& in : heated_screen_fault_inputs(p.heated_rr_win_rly_out, p.heated_ft_win_rly_out)) w.push_back(std::move(in));
  for (auto& window_input : power_window_inputs(p.windows)) w.push_back(std::move(window_input));
  for (auto& in : alarm_output_inputs(p.siren_out, p.alarm_outputs)) w.push_back(std::move(in));
  return w;
}

std::vector<InputPinSpec> specs_of(const std::vector<InputWiring>& wiring) {
  std::vector<InputPinSpec> specs;
  for (const auto& w : wiring) specs.push_back(w.spec);
  return specs;
}

std::unique_ptr<HighSideDriver> driver(Circuit& circuit, const char* module, const char* name,
                                       electrical::NodeId feed, electrical::NodeId out) {
  return std::make_unique<HighSideDriver>(circuit, std::string(module) + "." + name, feed, out);
}

// KL15 (X330.6) input divider to the module's ground. ESTIMATE (the tables give nothing): 10 kOhm,
// the switch inputs' pull-down; ~1.2 mA with the ignition on, nothing with it off. A film above
// ~10 kOhm from a 12 V pin cannot lift the pin to the 6 V the functions judge the ignition by.
constexpr double kKl15LoadOhm = 10e3;

electrical::NodeId make_sense_supply(electrical::Network& net, const std::string& base, const Bc1Pins& p) {
  const auto sense = net.add_node(base + ".sense_supply");
  // 47 ohm (chosen): with every switch input's divider on it (~6 mA) the sense supply stays
  // within ~0.3 V of the logic feed.
  net.add_resistor(base + ".sense_supply_feed", p.kl30_logic, sense, 47.0);
  // The electronics: about 60 mA awake, a few mA asleep (SleepManager switches it; estimates).
  net.add_resistor(base + ".logic_load", p.kl30_logic, p.ground, SleepSpec{}.awake_ohm);
  net.add_resistor(base + ".kline_pull_up", p.kl30_logic, p.kline, Bc1Module::kKlinePullUpOhm);
  // The KL15 input's load to the module's ground: without it a leakage film alone would lift the
  // pin to whatever its neighbour carries and the module would read the ignition on.
  net.add_resistor(base + ".kl15_load", p.kl15, p.ground, kKl15LoadOhm);
  return sense;
}

}  // namespace

Bc1Module::Bc1Module(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                     const Bc1Coding& coding, DigitalIoConfig io_config, bool initially_locked)
    : sc_module(name),
      pins_(make_pins(circuit.network(), basename())),
      wiring_(input_wiring(pins_)),
      tailgate_driver_(driver(circuit, basename(), "tailgate_driver", pins_.kl30_cdl, pins_.tailgate_out)),
      indicator_lh_(driver(circuit, basename(), "indicator_lh_driver", pins_.kl30_light, pins_.indicator_lh_out)),
      indicator_rh_(driver(circuit, basename(), "indicator_rh_driver", pins_.kl30_light, pins_.indicator_rh_out)),
      // The interior light hangs on the indicator feed (chosen: the real feed is not known).
      interior_light_(driver(circuit, basename(), "interior_light_driver", pins_.kl30_light, pins_.interior_light_out)),
      // Siren trigger and LED are signal-level outputs from the logic supply (chosen).
      siren_driver_(driver(circuit, basename(), "siren_driver", pins_.kl30_logic, pins_.siren_out)),
      alarm_led_driver_(driver(circuit, basename(), "alarm_led_driver", pins_.kl30_logic, pins_.alarm_led_out)),
      inputs_("input_stage", circuit, make_sense_supply(circuit.network(), basename(), pins_), pins_.ground,
              specs_of(wiring_)),
      io_("digital_io", io_config),
      central_locking_("central_locking", faults_, info_, initially_locked,
                       [this] {
                         const auto& net = circuit_.network();
                         return net.voltage(pins_.kl30_cdl) - net.voltage(pins_.ground);
                       }),
      lock_relays_("lock_relays", basename(), circuit, recorder, pins_.kl30_cdl, pins_.ground, pins_.locking),
      keys_("remote_keys", circuit, pins_.kl15, coding),
      controller_("controller", coding, faults_, central_locking_, keys_),
      arbiter_("indicator_arbiter", coding, faults_),
      hazard_("hazard"),
      interior_("interior_light", coding.body),
      alarm_("alarm", coding, coding.body, info_),
      sleep_("sleep", circuit, recorder, circuit.network().branch(std::string(basename()) + ".logic_load"), pins_.kl15),
      heated_("heated_screens", circuit, recorder,
              HeatedScreenPins{pins_.kl30_logic, pins_.kl30_logic, pins_.kl15, pins_.heated_rr_win_rly_out,
                               pins_.heated_ft_win_rly_out, pins_.ht_rr_win_led_out, pins_.ht_ft_win_led_out}),
      switch_supply_("switch_supply", circuit, basename(),
                     make_switch_supply_pins(circuit.network(), basename(), pins_.kl30_logic, pins_.ground), sleep_),
      lock_relay_status_(central_locking_),
      bus_monitor_("bus_monitor", circuit, pins_.kline, pins_.ground, kKlineHighV, faults_),
      wipers_("wipers", circuit, recorder, faults_, pins_.wipers, WiperSupply{pins_.kl30_logic, pins_.kl15, pins_.ground}),
      lights_("exterior_lights", circuit, recorder, faults_, pins_.lights, pins_.kl30_logic, pins_.ground, pins_.kl15),
      heated_faults_("heated_screen_faults", faults_),
      climate_("climate", circuit, recorder, faults_, pins_.climate, pins_.kl30_logic, pins_.ground, pins_.kl15,
               circuit.network().node(std::string(basename()) + ".sense_supply")),
      crash_("crash_unlock", central_locking_),
      windows_("power_windows", basename(), circuit, recorder, faults_, pins_.windows, pins_.kl15, pins_.ground),
      alarm_outputs_("alarm_outputs", circuit, basename(), faults_, pins_.alarm_outputs, pins_.kl30_logic),
      comparator_("comparator", wiring_.size()),
      switch_raw_("switch_raw", io_.switch_raw.size()),
      switch_debounced_("switch_debounced", io_.switch_debounced.size()),
      circuit_(circuit) {
  wire_input_block();
  wire_controller();
  wire_body_functions();
  wire_central_locking();
  wire_heated_screens();
  wire_wipers();
  add_function(wipers_);
  wire_exterior_lights();
  wire_climate(recorder);
  wire_power_windows();
  wire_alarm_outputs();
  wire_sleep();
  add_function(switch_supply_);
  add_function(lock_relay_status_);
  bus_monitor_.powered.bind(powered_);
  register_processes(circuit);
  record_signals(recorder);
}

std::size_t Bc1Module::input_index(std::string_view signal) const {
  for (std::size_t i = 0; i < wiring_.size(); ++i)
    if (wiring_[i].spec.signal == signal) return i;
  throw std::logic_error("Bc1Module: no input " + std::string(signal));
}

sc_core::sc_signal<bool>& Bc1Module::comparator(std::string_view signal) { return comparator_[input_index(signal)]; }

sc_core::sc_signal<bool>& Bc1Module::debounced(std::string_view signal) {
  const auto& slot = wiring_[input_index(signal)].debouncer_slot;
  if (!slot) throw std::logic_error("Bc1Module: input " + std::string(signal) + " is not debounced");
  return switch_debounced_[*slot];
}

const sc_core::sc_signal<bool>& Bc1Module::debounced(std::string_view signal) const {
  return const_cast<Bc1Module*>(this)->debounced(signal);
}

const sc_core::sc_signal<bool>& Bc1Module::comparator(std::string_view signal) const {
  return comparator_[input_index(signal)];
}

// The input stage's comparators feed the RTL block: a switch through its debouncer slot, a free
// slot tied inactive; every debounced output is brought out.
void Bc1Module::wire_input_block() {
  std::vector<bool> slot_used(io_.switch_raw.size(), false);
  for (std::size_t i = 0; i < wiring_.size(); ++i) {
    inputs_.active[i].bind(comparator_[i]);
    if (const auto slot = wiring_[i].debouncer_slot) {
      io_.switch_raw[*slot].bind(comparator_[i]);
      slot_used[*slot] = true;
    }
  }
  for (std::size_t slot = 0; slot < slot_used.size(); ++slot)
    if (!slot_used[slot]) io_.switch_raw[slot].bind(switch_raw_[slot]);
  for (std::size_t slot = 0; slot < switch_debounced_.size(); ++slot) io_.switch_debounced[slot].bind(switch_debounced_[slot]);
  io_.rf_data.bind(rf_data);
  io_.rf_frame.bind(rf_frame_);
  io_.rf_frame_count.bind(rf_frame_count_);
  io_.rf_error_count.bind(rf_error_count_);
}

void Bc1Module::wire_controller() {
  controller_.rf_frame.bind(rf_frame_);
  controller_.rf_frame_count.bind(rf_frame_count_);
  controller_.boot_handle_sw.bind(debounced("DIP_BOOT_HANDLE_SW"));
  controller_.boot_open_sw.bind(debounced("DIP_BOOT_OPEN_SW"));
  controller_.boot_release_monitor.bind(comparator("DIP_BOOT_RELEASE_MONITOR"));
  controller_.boot_release.bind(boot_release_);
  // The acknowledge pattern goes through the arbiter, which also serves hazard and alarm.
  controller_.lh_indicator.bind(ack_lh_);
  controller_.rh_indicator.bind(ack_rh_);
}

void Bc1Module::wire_body_functions() {
  arbiter_.ack_lh.bind(ack_lh_);
  arbiter_.ack_rh.bind(ack_rh_);
  arbiter_.hazard.bind(hazard_on_);
  arbiter_.alarm.bind(alarm_flash_);
  arbiter_.turn_lh.bind(turn_lh_);
  arbiter_.turn_rh.bind(turn_rh_);
  arbiter_.lh_monitor.bind(comparator("indicator_lh_monitor"));
  arbiter_.rh_monitor.bind(comparator("indicator_rh_monitor"));
  arbiter_.lh.bind(lh_indicator_);
  arbiter_.rh.bind(rh_indicator_);
  hazard_.hazard_sw.bind(debounced("DIP_HAZARD_SW"));
  hazard_.powered.bind(powered_);
  hazard_.on.bind(hazard_on_);
  interior_.driver_door.bind(debounced("DIP_DRV_DOOR_OPEN"));
  interior_.passenger_door.bind(debounced("DIP_PASS_DOOR_OPEN"));
  interior_.locked.bind(locked_);
  interior_.powered.bind(powered_);
  interior_.light.bind(interior_light_cmd_);
  alarm_.locked.bind(locked_);
  alarm_.powered.bind(powered_);
  alarm_.driver_door.bind(debounced("DIP_DRV_DOOR_OPEN"));
  alarm_.passenger_door.bind(debounced("DIP_PASS_DOOR_OPEN"));
  alarm_.bonnet.bind(debounced("DIP_BONNET_SW"));
  alarm_.tailgate.bind(debounced("DIP_BOOT_OPEN_SW"));
  alarm_.tilt.bind(debounced("DIP_ALARM_TILT_SW"));
  alarm_.boot_release.bind(boot_release_);
  alarm_.armed.bind(alarm_armed_);
  alarm_.siren.bind(siren_);
  alarm_.led.bind(alarm_led_);
  alarm_.flash.bind(alarm_flash_);
  controller_.powered.bind(powered_);
  keys_.powered.bind(powered_);
}

void Bc1Module::wire_central_locking() {
  central_locking_.drv_key_lock.bind(debounced("DIP_DRV_KEY_SW_LK"));
  central_locking_.drv_key_unlock.bind(debounced("DIP_DRV_KEY_SW_UNLK"));
  central_locking_.pass_key_lock.bind(debounced("DIP_PASS_KEY_SW_LK"));
  central_locking_.pass_key_unlock.bind(debounced("DIP_PASS_KEY_SW_UNLK"));
  central_locking_.master_lock.bind(debounced("DIP_MASTER_LK_SW"));
  central_locking_.master_unlock.bind(debounced("DIP_MASTER_UNLK_SW"));
  central_locking_.powered.bind(powered_);
  central_locking_.locked.bind(locked_);
  central_locking_.super_locked.bind(super_locked_);
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) {
    central_locking_.readback[i].bind(comparator(lock_monitor(i)));
    central_locking_.relay[i].bind(lock_relay_cmd_[i]);
    lock_relays_.command[i].bind(lock_relay_cmd_[i]);
  }
  lock_relays_.powered.bind(powered_);
}

void Bc1Module::wire_heated_screens() {
  heated_.rear_switch.bind(debounced("DIP_HT_RR_WIN_SW"));
  heated_.front_switch.bind(debounced("DIP_HT_FT_SCR_SW"));
  heated_.powered.bind(powered_);
}

void Bc1Module::wire_wipers() {
  wipers_.col_sw_1.bind(debounced("DIP_COL_SW_1"));
  wipers_.col_sw_2.bind(debounced("DIP_COL_SW_2"));
  wipers_.rr_switch.bind(debounced("DIP_RR_WIPER_SW"));
  wipers_.ft_wash.bind(debounced("DIP_FT_WASH_PUMP"));
  wipers_.rr_wash.bind(debounced("DIP_RR_WASH_PUMP"));
  wipers_.ft_park.bind(debounced("DIP_FT_WIPER_PARK"));
  wipers_.rr_park.bind(debounced("DIP_RR_WIPER_PARK"));
  for (std::size_t o = 0; o < Wipers::kOutputs; ++o) wipers_.monitor[o].bind(comparator(Wipers::kMonitorNames[o]));
  wipers_.powered.bind(powered_);
  for (std::size_t o = 0; o < Wipers::kOutputs; ++o) sleep_.keep_awake(wipers_.output(static_cast<Wipers::Output>(o)));
}

void Bc1Module::wire_exterior_lights() {
  lights_.position_sw.bind(debounced("DIP_POSN_LGT_SW"));
  lights_.dipped_sw.bind(debounced("DIP_DIPPED_BEAM_SW"));
  lights_.front_fog_sw.bind(debounced("DIP_FT_FOG_SW"));
  lights_.rear_fog_sw.bind(debounced("DIP_RR_FOG_SW"));
  lights_.brake_sw.bind(debounced("DIP_BRAKE_SW"));
  lights_.front_fog_monitor.bind(comparator("front_fog_monitor"));
  lights_.aux_lamp_monitor.bind(comparator("aux_lamp_monitor"));
  lights_.brake_lamp_monitor.bind(comparator("DIP_BRAKE_LAMP_STATUS"));
  lights_.powered.bind(powered_);
  lights_.turn_lh.bind(turn_lh_);
  lights_.turn_rh.bind(turn_rh_);
  add_function(lights_);
}

void Bc1Module::wire_climate(trace::Recorder& recorder) {
  climate_.ac_switch.bind(debounced("DIP_AC_SWITCH"));
  climate_.recirc_switch.bind(debounced("DIP_RECIRC_SW"));
  climate_.recirc_monitor.bind(debounced("DIP_RECIRC_MONITOR"));
  climate_.blower_status.bind(comparator("DIP_BLOWER_MOTOR_STATUS"));
  climate_.ctl1_readback.bind(comparator("recirc_ctl1_monitor"));
  climate_.ctl2_readback.bind(comparator("recirc_ctl2_monitor"));
  climate_.blower_readback.bind(comparator("blower_enable_monitor"));
  climate_.compressor_readback.bind(comparator("ac_compressor_monitor"));
  climate_.powered.bind(powered_);
  add_function(climate_);
  for (const auto* out : climate_.awake_outputs()) sleep_.keep_awake(*out);
  crash_.inertia.bind(debounced("DIP_INERTIA_SENSE"));
  crash_.kl_r.bind(debounced("DIP_AUX_SW"));
  crash_.locked.bind(locked_);
  crash_.powered.bind(powered_);
  heated_faults_.rear.command.bind(heated_.rear_relay());
  heated_faults_.rear.readback.bind(comparator("heated_rr_win_rly_monitor"));
  heated_faults_.rear.powered.bind(powered_);
  heated_faults_.front.command.bind(heated_.front_relay());
  heated_faults_.front.readback.bind(comparator("heated_ft_win_rly_monitor"));
  heated_faults_.front.powered.bind(powered_);
  using trace::Kind;
  for (const char* in : {"DIP_AC_SWITCH", "DIP_RECIRC_SW", "DIP_RECIRC_MONITOR", "DIP_INERTIA_SENSE", "DIP_AUX_SW"})
    watch_signal(debounced(in), recorder, in, Kind::bit, "", "climate / crash input as the module sees it (debounced)");
  watch_signal(comparator("DIP_BLOWER_MOTOR_STATUS"), recorder, "DIP_BLOWER_MOTOR_STATUS", Kind::bit, "",
               "the blower motor's supply terminal is above the monitor threshold (the blower runs)");
}

void Bc1Module::wire_power_windows() {
  for (std::size_t i = 0; i < kWindowRelays; ++i) {
    windows_.switches[i].bind(debounced(kWindowSwitchInputs[i]));
    windows_.monitors[i].bind(comparator(window_monitor(i)));
    sleep_.keep_awake(windows_.relay_command(i));
  }
  // What the module reads, for the trace: each rocker (debounced) and each relay pin's readback.
  auto& recorder = circuit_.recorder();
  for (std::size_t i = 0; i < kWindowRelays; ++i) {
    watch_signal(debounced(kWindowSwitchInputs[i]), recorder, kWindowSwitchInputs[i], trace::Kind::bit, "",
                 "window rocker contact as the module sees it (debounced, 1 = pressed)");
    watch_signal(comparator(window_monitor(i)), recorder, "bc1." + window_monitor(i), trace::Kind::bit, "",
                 "readback of the window relay's pin (1 = high)");
  }
  windows_.key_lock.bind(debounced("DIP_DRV_KEY_SW_LK"));
  windows_.key_unlock.bind(debounced("DIP_DRV_KEY_SW_UNLK"));
  windows_.powered.bind(powered_);
  add_function(windows_);
}

// The siren unit's arm line and the readbacks of both alarm lines (alarm_outputs.h). The arm line
// is up while the car is locked, so it is not registered with keep_awake: the parked car sleeps.
void Bc1Module::wire_alarm_outputs() {
  alarm_outputs_.armed.bind(alarm_armed_);
  alarm_outputs_.siren.bind(siren_);
  alarm_outputs_.siren_readback.bind(comparator("siren_monitor"));
  alarm_outputs_.bbs_readback.bind(comparator("bbs_arm_monitor"));
  alarm_outputs_.powered.bind(powered_);
  add_function(alarm_outputs_);
  add_high_side_driver(alarm_outputs_.bbs_driver());
  watch_signal(alarm_outputs_.bbs_arm(), circuit_.recorder(), "DOP_BBS_ARM_DISARM", trace::Kind::bit, "",
               "the siren unit's arm line commanded (up while the alarm is armed)");
}

// What wakes the module: any input moving (every comparator and debounced switch), the RF data
// line, a reset. What keeps it awake: every output commanded on (model/bc1/README.md).
void Bc1Module::wire_sleep() {
  for (auto& c : comparator_) sleep_.watch_activity(c);
  for (auto& d : switch_debounced_) sleep_.watch_activity(d);
  sleep_.watch_activity(rf_data);
  sleep_.watch_activity(powered_);
  for (const OutputSignal* out : {&boot_release_, &lh_indicator_, &rh_indicator_}) sleep_.keep_awake(*out);
  // The alarm LED's 10 s after arming does not hold the module awake (it times out by itself).
  for (const OutputSignal* out : {&interior_light_cmd_, &siren_}) sleep_.keep_awake(*out);
  for (auto& relay : lock_relay_cmd_) sleep_.keep_awake(relay);
  sleep_.keep_awake(heated_.rear_relay());
  sleep_.keep_awake(heated_.front_relay());
  for (const auto* light : lights_.outputs()) sleep_.keep_awake(*light);
}

void Bc1Module::register_processes(Circuit& circuit) {
  SC_HAS_PROCESS(Bc1Module);
  SC_METHOD(drive_outputs);
  sensitive << boot_release_ << lh_indicator_ << rh_indicator_ << interior_light_cmd_ << siren_ << alarm_led_
            << powered_ << crash_.light();
  dont_initialize();
  SC_METHOD(end_boot);
  sensitive << booted_;
  dont_initialize();
  SC_METHOD(end_hold_up);
  sensitive << held_up_;
  dont_initialize();
  SC_METHOD(watch_supply);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(end_forced_output);
  sensitive << forced_off_;
  dont_initialize();
}

void Bc1Module::record_signals(trace::Recorder& recorder) {
  using trace::Kind;
  watch_signal(debounced("DIP_BOOT_HANDLE_SW"), recorder, "DIP_BOOT_HANDLE_SW", Kind::bit, "",
               "lid handle push-button as the module sees it (debounced)");
  watch_signal(debounced("DIP_BOOT_OPEN_SW"), recorder, "DIP_BOOT_OPEN_SW", Kind::bit, "",
               "tailgate contact in the lock, debounced (1 = hatch open)");
  watch_signal(comparator("DIP_BOOT_HANDLE_SW"), recorder, "bc1.comparator.DIP_BOOT_HANDLE_SW", Kind::bit, "",
               "handle input comparator before debouncing");
  watch_signal(comparator("DIP_BOOT_OPEN_SW"), recorder, "bc1.comparator.DIP_BOOT_OPEN_SW", Kind::bit, "",
               "tailgate contact comparator before debouncing");
  watch_signal(comparator("DIP_BOOT_RELEASE_MONITOR"), recorder, "DIP_BOOT_RELEASE_MONITOR", Kind::bit, "",
               "readback of the tailgate release output pin");
  watch_signal(comparator("indicator_lh_monitor"), recorder, "bc1.indicator_lh_monitor", Kind::bit, "",
               "readback of the left indicator output pin (0xAA when it does not come up)");
  watch_signal(comparator("indicator_rh_monitor"), recorder, "bc1.indicator_rh_monitor", Kind::bit, "",
               "readback of the right indicator output pin (0xAC when it does not come up)");
  watch_signal(boot_release_, recorder, "DOP_BOOT_RELEASE", Kind::bit, "", "tailgate release output commanded");
  watch_signal(lh_indicator_, recorder, "DOP_LH_INDICATOR_LGT", Kind::bit, "", "left indicator output commanded");
  watch_signal(rh_indicator_, recorder, "DOP_RH_INDICATOR_LGT", Kind::bit, "", "right indicator output commanded");
  for (const auto& body : kBodyInputs) {
    watch_signal(debounced(body.signal), recorder, body.signal, Kind::bit, "", body.what);
    watch_signal(comparator(body.signal), recorder, std::string("bc1.comparator.") + body.signal, Kind::bit, "",
                 "body input comparator before debouncing");
  }
  watch_signal(interior_light_cmd_, recorder, "bc1.interior_light", Kind::bit, "",
               "interior light output commanded (pin bc1.interior_light_out; no DOP_ name in the tables)");
  watch_signal(siren_, recorder, "DOP_SOUND_ALARM", Kind::bit, "", "alarm siren output commanded");
  watch_signal(alarm_led_, recorder, "DOP_ALARM_LED", Kind::bit, "", "alarm LED output commanded (lit while armed)");
  watch_signal(alarm_armed_, recorder, "bc1.alarm_armed", Kind::bit, "", "the anti-theft alarm is armed");
  watch_signal(hazard_on_, recorder, "bc1.hazard_on", Kind::bit, "", "hazard lights switched on (toggled by DIP_HAZARD_SW)");
  watch_signal(alarm_flash_, recorder, "bc1.alarm_flash", Kind::bit, "",
               "the alarm asks the indicators to flash (trigger or mislock pattern)");
  watch_signal(locked_, recorder, "bc1.locked", Kind::bit, "", "central locking state (1 = locked)");
  watch_signal(super_locked_, recorder, "bc1.super_locked", Kind::bit, "", "deadlocked on top of locked (1 = super-locked)");
  watch_signal(central_locking_.overheated_signal(), recorder, "bc1.lock_overheated", Kind::bit, "",
               "central-locking thermal cut-off (ZV ueberbeansprucht): lock commands are refused");
  for (const char* lock_switch : kLockSwitches)
    watch_signal(debounced(lock_switch), recorder, lock_switch, Kind::bit, "",
                 "central-locking switch input as the module sees it (debounced, 1 = turned / pressed)");
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) {
    watch_signal(lock_relay_cmd_[i], recorder, kLockRelayOutputs[i], Kind::bit, "", "lock relay coil commanded");
    watch_signal(comparator(lock_monitor(i)), recorder, "bc1." + lock_monitor(i), Kind::bit, "",
                 "readback of the lock relay's COM pin (1 = high)");
  }
  watch_signal(powered_, recorder, "bc1.powered", Kind::bit, "",
               "the module's electronics run (logic supply above the brown-out threshold)");
  watch_signal(debounced("DIP_HT_RR_WIN_SW"), recorder, "DIP_HT_RR_WIN_SW", Kind::bit, "",
               "heated rear window push-button as the module sees it (debounced)");
  watch_signal(debounced("DIP_HT_FT_SCR_SW"), recorder, "DIP_HT_FT_SCR_SW", Kind::bit, "",
               "heated front screen push-button as the module sees it (debounced)");
  watch_signal(rf_frame_count_, recorder, "bc1.rf_frames", Kind::real, "", "good RF telegrams decoded");
  watch_signal(rf_error_count_, recorder, "bc1.rf_errors", Kind::real, "", "malformed RF telegrams");
}

void Bc1Module::drive_outputs() {
  // In brown-out the microcontroller's pins are in reset: every driver input is low.
  const bool on = powered_.read();
  tailgate_driver_->command(on && boot_release_.read());
  indicator_lh_->command(on && lh_indicator_.read());
  indicator_rh_->command(on && rh_indicator_.read());
  // The interior light's own timing, or a crash (crash_unlock.h).
  interior_light_->command(on && (interior_light_cmd_.read() || crash_.light().read()));
  siren_driver_->command(on && siren_.read());
  alarm_led_driver_->command(on && alarm_led_.read());
}

bool Bc1Module::hear_kline() {
  const bool heard = kline_usable();
  if (heard) sleep_.note_activity();
  return heard;
}

bool Bc1Module::kline_usable() const {
  return powered_.read() && circuit_.network().voltage(pins_.kline) > kKlineHighV;
}

void Bc1Module::watch_supply() {
  const double volts = circuit_.network().voltage(pins_.kl30_logic);
  if (powered_.read()) {
    if (volts < kBrownOutV && !dipping_) {
      dipping_ = true;
      held_up_.notify(sc_core::sc_time(kHoldUpS, sc_core::SC_SEC));
    } else if (volts >= kBrownOutV && dipping_) {
      dipping_ = false;  // the capacitor rode it out
      held_up_.cancel();
    }
    return;
  }
  if (volts > kPowerGoodV && !booting_) {
    booting_ = true;
    booted_.notify(sc_core::sc_time(kBootS, sc_core::SC_SEC));
  } else if (volts <= kPowerGoodV && booting_) {
    booting_ = false;  // sagged again before the boot ended: start over
    booted_.cancel();
  }
}

void Bc1Module::end_hold_up() {
  dipping_ = false;
  powered_.write(false);
}

void Bc1Module::end_boot() {
  booting_ = false;
  powered_.write(true);
}

bool Bc1Module::force_output(std::string_view name, bool on) {
  OutputSignal* output = name == "DOP_BOOT_RELEASE"       ? &boot_release_
                         : name == "DOP_LH_INDICATOR_LGT" ? &lh_indicator_
                         : name == "DOP_RH_INDICATOR_LGT" ? &rh_indicator_
                                                          : nullptr;
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i)
    if (name == kLockRelayOutputs[i]) output = &lock_relay_cmd_[i];
  for (auto* function : functions_)
    if (!output) output = function->forcible_output(name);
  if (!output) return false;
  output->write(on);
  if (on) {
    forced_ = output;
    forced_off_.cancel();
    forced_off_.notify(sc_core::sc_time(kForcedOnLimitS, sc_core::SC_SEC));
  } else if (forced_ == output) {
    forced_off_.cancel();
    forced_ = nullptr;
  }
  return true;
}

void Bc1Module::restart() {
  forced_off_.cancel();
  end_forced_output();
  dipping_ = false;
  held_up_.cancel();
  booting_ = false;
  booted_.cancel();
  powered_.write(false);
  // The supply watch starts the boot at the next solve, as after a brown-out.
  circuit_.request_solve();
}

void Bc1Module::end_forced_output() {
  if (forced_) forced_->write(false);
  forced_ = nullptr;
}

std::vector<HighSideDriver*> Bc1Module::high_side_drivers() const {
  std::vector<HighSideDriver*> all{tailgate_driver_.get(), indicator_lh_.get(),   indicator_rh_.get(),
                                   interior_light_.get(),  siren_driver_.get(), alarm_led_driver_.get()};
  all.insert(all.end(), extra_drivers_.begin(), extra_drivers_.end());
  return all;
}

electrical::BranchId Bc1Module::input_pull_up(std::string_view signal) const {
  const auto& pins = inputs_.pins();
  for (std::size_t i = 0; i < pins.size(); ++i)
    if (pins[i].signal == signal && pins[i].pull_up_ohm != electrical::kOpen) return inputs_.pull_up(i);
  throw std::invalid_argument("no switch input " + std::string(signal) + " with a pull-up in the BC1's input stage");
}

std::optional<bool> Bc1Module::signal(std::string_view name) const {
  if (name == "DIP_BOOT_RELEASE_MONITOR") return comparator(name).read();
  // The smart switch's status: in current limit or in thermal shutdown.
  if (name == "DIP_BOOT_REL_STATUS") return tailgate_driver_->limiting() || tailgate_driver_->thermal_shutdown();
  if (name == "DIP_RF_CODE_LOGIC") return rf_data.read();
  // Indicator status monitoring: the readback of each indicator output pin.
  if (name == "DIP_LH_DIR_IND_STATUS") return comparator("indicator_lh_monitor").read();
  if (name == "DIP_RH_DIR_IND_STATUS") return comparator("indicator_rh_monitor").read();
  if (name == "DOP_BOOT_RELEASE") return boot_release_.read();
  if (name == "DOP_LH_INDICATOR_LGT") return lh_indicator_.read();
  if (name == "DOP_RH_INDICATOR_LGT") return rh_indicator_.read();
  if (name == "DOP_SOUND_ALARM") return siren_.read();
  if (name == "DOP_ALARM_LED") return alarm_led_.read();
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i)
    if (name == kLockRelayOutputs[i]) return lock_relay_cmd_[i].read();
  // Every debounced switch input by its DIP_ name.
  for (const auto& w : wiring_)
    if (w.debouncer_slot && w.spec.signal == name) return switch_debounced_[*w.debouncer_slot].read();
  if (const auto heated = heated_.signal(name)) return heated;
  for (const auto* function : functions_)
    if (const auto value = function->signal(name)) return value;
  return std::nullopt;
}

std::optional<std::uint8_t> Bc1Module::analog_raw(std::string_view channel) const {
  for (const auto* function : functions_)
    if (const auto value = function->analog_raw(channel)) return value;
  return std::nullopt;
}

}  // namespace bcmhil::model
