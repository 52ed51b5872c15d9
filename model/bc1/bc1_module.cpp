#include "bc1_module.h"

#include "model/circuit/watch.h"

#include <array>
#include <string>

namespace bcmhil::model {

namespace {

// Indices of the switch inputs on the digital input block (hw/bc1_io.v switch_raw).
constexpr std::size_t kHandleInput = 0;
constexpr std::size_t kOpenInput = 1;
constexpr std::size_t kMonitorComparator = 2;
constexpr std::size_t kLhIndicatorComparator = 3;
constexpr std::size_t kRhIndicatorComparator = 4;
// Central locking: six switch inputs (debounced) and the four relay readbacks (not debounced).
constexpr std::size_t kLockSwitchComparator = 5;  // 5..10, in the order of kLockSwitches
constexpr std::size_t kLockSwitchCount = 6;
constexpr std::size_t kLockReadbackComparator = 11;  // 11..14, by CentralLocking::Relay
// Heated screens' push-buttons: comparators 15 and 16, debouncer slots 14 and 15 (taken from the
// top so the slots 8..13 stay free for other switches).
constexpr std::size_t kHeatedRearComparator = 15;
constexpr std::size_t kHeatedFrontComparator = 16;
// Body inputs (doors, bonnet, hazard button, tilt switch): five comparators from kBodyComparator,
// debounced on switch inputs 8-12 of the input block (chosen indices).
constexpr std::size_t kBodyComparator = 17;
constexpr std::size_t kBodyInput = 8;
enum BodyInput : std::size_t { kDriverDoor, kPassengerDoor, kBonnet, kHazardSw, kTiltSw, kBodyInputCount };
constexpr const char* kBodyInputNames[kBodyInputCount] = {"DIP_DRV_DOOR_OPEN", "DIP_PASS_DOOR_OPEN", "DIP_BONNET_SW",
                                                          "DIP_HAZARD_SW", "DIP_ALARM_TILT_SW"};
constexpr const char* kBodyInputWhat[kBodyInputCount] = {
    "driver's door contact, debounced (1 = door open)", "passenger's door contact, debounced (1 = door open)",
    "bonnet contact, debounced (1 = bonnet open)", "hazard push-button, debounced (1 = pressed)",
    "alarm tilt switch, debounced (1 = the car is tilted)"};
constexpr std::size_t kComparatorCount = kBodyComparator + kBodyInputCount;
constexpr std::size_t kSwitchCount = 16;
constexpr std::size_t kHeatedRearSwitch = 14;
constexpr std::size_t kHeatedFrontSwitch = 15;
// Debouncer slots of the six central-locking switches: 2..7, in the order of kLockSwitches.
constexpr std::size_t kLockSwitchInput = 2;
constexpr std::array<const char*, kLockSwitchCount> kLockSwitches{
    "DIP_DRV_KEY_SW_LK", "DIP_DRV_KEY_SW_UNLK", "DIP_PASS_KEY_SW_LK", "DIP_PASS_KEY_SW_UNLK",
    "DIP_MASTER_LK_SW",  "DIP_MASTER_UNLK_SW"};

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
  return p;
}

// A switch to ground: pull-up and pull-down (an open input reads about half the supply), active
// when the switch pulls the pin low.
InputPinSpec switch_to_ground(const char* signal, electrical::NodeId pin) {
  return {signal, pin, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm, Bc1Module::kInputThresholdV, true};
}
// Readback of an output pin through a divider; no pull-up, so a dead output reads 0.
InputPinSpec output_readback(const char* signal, electrical::NodeId pin) {
  return {signal, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false};
}

std::vector<InputPinSpec> input_specs(const Bc1Pins& p) {
  return {
      switch_to_ground("DIP_BOOT_HANDLE_SW", p.boot_handle_in),
      switch_to_ground("DIP_BOOT_OPEN_SW", p.boot_open_in),
      output_readback("DIP_BOOT_RELEASE_MONITOR", p.tailgate_out),
      // The same readback on the indicator outputs (0xAA / 0xAC): the lamps pull an off pin to 0 V.
      output_readback("indicator_lh_monitor", p.indicator_lh_out),
      output_readback("indicator_rh_monitor", p.indicator_rh_out),
      // Central locking: key contacts and master button.
      switch_to_ground(kLockSwitches[0], p.locking.drv_key_lock_in),
      switch_to_ground(kLockSwitches[1], p.locking.drv_key_unlock_in),
      switch_to_ground(kLockSwitches[2], p.locking.pass_key_lock_in),
      switch_to_ground(kLockSwitches[3], p.locking.pass_key_unlock_in),
      switch_to_ground(kLockSwitches[4], p.locking.master_lock_in),
      switch_to_ground(kLockSwitches[5], p.locking.master_unlock_in),
      // Readback of each lock relay's COM pin, like the release monitor.
      output_readback("drv_lock_monitor", p.locking.relay_out[CentralLocking::drv]),
      output_readback("common_lock_monitor", p.locking.relay_out[CentralLocking::common]),
      output_readback("rest_lock_monitor", p.locking.relay_out[CentralLocking::rest]),
      output_readback("super_lock_monitor", p.locking.relay_out[CentralLocking::super]),
      // Heated screens' dashboard push-buttons.
      switch_to_ground("DIP_HT_RR_WIN_SW", p.ht_rr_win_sw_in),
      switch_to_ground("DIP_HT_FT_SCR_SW", p.ht_ft_scr_sw_in),
      // Body contacts, in BodyInput order.
      switch_to_ground(kBodyInputNames[kDriverDoor], p.driver_door_in),
      switch_to_ground(kBodyInputNames[kPassengerDoor], p.passenger_door_in),
      switch_to_ground(kBodyInputNames[kBonnet], p.bonnet_in),
      switch_to_ground(kBodyInputNames[kHazardSw], p.hazard_in),
      switch_to_ground(kBodyInputNames[kTiltSw], p.tilt_in),
  };
}

electrical::NodeId make_sense_supply(electrical::Network& net, const std::string& base, const Bc1Pins& p) {
  const auto sense = net.add_node(base + ".sense_supply");
  // 47 ohm (chosen): with every switch input's divider on it (~6 mA) the sense supply stays
  // within ~0.3 V of the logic feed.
  net.add_resistor(base + ".sense_supply_feed", p.kl30_logic, sense, 47.0);
  // The electronics: about 60 mA awake, a few mA asleep (SleepManager switches it; estimates).
  net.add_resistor(base + ".logic_load", p.kl30_logic, p.ground, SleepSpec{}.awake_ohm);
  net.add_resistor(base + ".kline_pull_up", p.kl30_logic, p.kline, Bc1Module::kKlinePullUpOhm);
  return sense;
}

}  // namespace

Bc1Module::Bc1Module(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                     const Bc1Coding& coding, DigitalIoConfig io_config, bool initially_locked)
    : sc_module(name),
      pins_(make_pins(circuit.network(), basename())),
      tailgate_driver_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".tailgate_driver",
                                                        pins_.kl30_cdl, pins_.tailgate_out)),
      indicator_lh_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".indicator_lh_driver",
                                                     pins_.kl30_light, pins_.indicator_lh_out)),
      indicator_rh_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".indicator_rh_driver",
                                                     pins_.kl30_light, pins_.indicator_rh_out)),
      // The interior light hangs on the indicator feed (chosen: the real feed is not known).
      interior_light_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".interior_light_driver",
                                                       pins_.kl30_light, pins_.interior_light_out)),
      // Siren trigger and LED are signal-level outputs from the logic supply (chosen).
      siren_driver_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".siren_driver",
                                                     pins_.kl30_logic, pins_.siren_out)),
      alarm_led_driver_(std::make_unique<HighSideDriver>(circuit, std::string(basename()) + ".alarm_led_driver",
                                                         pins_.kl30_logic, pins_.alarm_led_out)),
      inputs_("input_stage", circuit, make_sense_supply(circuit.network(), basename(), pins_), pins_.ground,
              input_specs(pins_)),
      io_("digital_io", io_config),
      central_locking_("central_locking", faults_, info_, initially_locked,
                       [this] {
                         const auto& net = circuit_.network();
                         return net.voltage(pins_.kl30_cdl) - net.voltage(pins_.ground);
                       }),
      lock_relays_("lock_relays", basename(), circuit, recorder, pins_.kl30_cdl, pins_.ground, pins_.locking),
      controller_("controller", coding, faults_, central_locking_),
      arbiter_("indicator_arbiter", coding, faults_),
      hazard_("hazard"),
      interior_("interior_light", coding.body),
      alarm_("alarm", coding, coding.body, info_),
      sleep_("sleep", circuit, recorder, circuit.network().branch(std::string(basename()) + ".logic_load"), pins_.kl15),
      heated_("heated_screens", circuit, recorder,
              HeatedScreenPins{pins_.kl30_logic, pins_.kl30_logic, pins_.kl15, pins_.heated_rr_win_rly_out,
                               pins_.heated_ft_win_rly_out, pins_.ht_rr_win_led_out, pins_.ht_ft_win_led_out}),
      comparator_("comparator", kComparatorCount),
      switch_raw_("switch_raw", kSwitchCount),
      switch_debounced_("switch_debounced", kSwitchCount),
      circuit_(circuit) {
  for (std::size_t i = 0; i < comparator_.size(); ++i) inputs_.active[i].bind(comparator_[i]);
  // Switch inputs go through the RTL debouncer; the unused ones are tied inactive.
  io_.switch_raw[kHandleInput].bind(comparator_[kHandleInput]);
  io_.switch_raw[kOpenInput].bind(comparator_[kOpenInput]);
  for (std::size_t i = 0; i < kLockSwitchCount; ++i)
    io_.switch_raw[kLockSwitchInput + i].bind(comparator_[kLockSwitchComparator + i]);
  for (std::size_t i = kLockSwitchInput + kLockSwitchCount; i < kHeatedRearSwitch; ++i)
    if (i < kBodyInput || i >= kBodyInput + kBodyInputCount) io_.switch_raw[i].bind(switch_raw_[i]);
  for (std::size_t i = 0; i < kBodyInputCount; ++i) io_.switch_raw[kBodyInput + i].bind(comparator_[kBodyComparator + i]);
  io_.switch_raw[kHeatedRearSwitch].bind(comparator_[kHeatedRearComparator]);
  io_.switch_raw[kHeatedFrontSwitch].bind(comparator_[kHeatedFrontComparator]);
  for (std::size_t i = 0; i < kSwitchCount; ++i) io_.switch_debounced[i].bind(switch_debounced_[i]);
  io_.rf_data.bind(rf_data);
  io_.rf_frame.bind(rf_frame_);
  io_.rf_frame_count.bind(rf_frame_count_);
  io_.rf_error_count.bind(rf_error_count_);

  controller_.rf_frame.bind(rf_frame_);
  controller_.rf_frame_count.bind(rf_frame_count_);
  controller_.boot_handle_sw.bind(switch_debounced_[kHandleInput]);
  controller_.boot_open_sw.bind(switch_debounced_[kOpenInput]);
  controller_.boot_release_monitor.bind(comparator_[kMonitorComparator]);
  controller_.boot_release.bind(boot_release_);
  // The acknowledge pattern goes through the arbiter, which also serves hazard and alarm.
  controller_.lh_indicator.bind(ack_lh_);
  controller_.rh_indicator.bind(ack_rh_);
  auto body = [this](BodyInput in) -> sc_core::sc_signal<bool>& { return switch_debounced_[kBodyInput + in]; };
  arbiter_.ack_lh.bind(ack_lh_);
  arbiter_.ack_rh.bind(ack_rh_);
  arbiter_.hazard.bind(hazard_on_);
  arbiter_.alarm.bind(alarm_flash_);
  arbiter_.lh_monitor.bind(comparator_[kLhIndicatorComparator]);
  arbiter_.rh_monitor.bind(comparator_[kRhIndicatorComparator]);
  arbiter_.lh.bind(lh_indicator_);
  arbiter_.rh.bind(rh_indicator_);
  hazard_.hazard_sw.bind(body(kHazardSw));
  hazard_.powered.bind(powered_);
  hazard_.on.bind(hazard_on_);
  interior_.driver_door.bind(body(kDriverDoor));
  interior_.passenger_door.bind(body(kPassengerDoor));
  interior_.locked.bind(locked_);
  interior_.powered.bind(powered_);
  interior_.light.bind(interior_light_cmd_);
  alarm_.locked.bind(locked_);
  alarm_.powered.bind(powered_);
  alarm_.driver_door.bind(body(kDriverDoor));
  alarm_.passenger_door.bind(body(kPassengerDoor));
  alarm_.bonnet.bind(body(kBonnet));
  alarm_.tailgate.bind(switch_debounced_[kOpenInput]);
  alarm_.tilt.bind(body(kTiltSw));
  alarm_.boot_release.bind(boot_release_);
  alarm_.armed.bind(alarm_armed_);
  alarm_.siren.bind(siren_);
  alarm_.led.bind(alarm_led_);
  alarm_.flash.bind(alarm_flash_);
  controller_.powered.bind(powered_);

  central_locking_.drv_key_lock.bind(switch_debounced_[kLockSwitchInput + 0]);
  central_locking_.drv_key_unlock.bind(switch_debounced_[kLockSwitchInput + 1]);
  central_locking_.pass_key_lock.bind(switch_debounced_[kLockSwitchInput + 2]);
  central_locking_.pass_key_unlock.bind(switch_debounced_[kLockSwitchInput + 3]);
  central_locking_.master_lock.bind(switch_debounced_[kLockSwitchInput + 4]);
  central_locking_.master_unlock.bind(switch_debounced_[kLockSwitchInput + 5]);
  central_locking_.powered.bind(powered_);
  central_locking_.locked.bind(locked_);
  central_locking_.super_locked.bind(super_locked_);
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) {
    central_locking_.readback[i].bind(comparator_[kLockReadbackComparator + i]);
    central_locking_.relay[i].bind(lock_relay_cmd_[i]);
    lock_relays_.command[i].bind(lock_relay_cmd_[i]);
  }
  lock_relays_.powered.bind(powered_);
  heated_.rear_switch.bind(switch_debounced_[kHeatedRearSwitch]);
  heated_.front_switch.bind(switch_debounced_[kHeatedFrontSwitch]);
  heated_.powered.bind(powered_);

  // What wakes the module: any input moving (every comparator and debounced switch), the RF
  // data line, a reset. What keeps it awake: every output commanded on (model/bc1/README.md).
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

  SC_HAS_PROCESS(Bc1Module);
  SC_METHOD(drive_outputs);
  sensitive << boot_release_ << lh_indicator_ << rh_indicator_ << interior_light_cmd_ << siren_ << alarm_led_
            << powered_;
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

  using trace::Kind;
  watch_signal(switch_debounced_[kHandleInput], recorder, "DIP_BOOT_HANDLE_SW", Kind::bit, "",
               "lid handle push-button as the module sees it (debounced)");
  watch_signal(switch_debounced_[kOpenInput], recorder, "DIP_BOOT_OPEN_SW", Kind::bit, "",
               "tailgate contact in the lock, debounced (1 = hatch open)");
  watch_signal(comparator_[kHandleInput], recorder, "bc1.comparator.DIP_BOOT_HANDLE_SW", Kind::bit, "",
               "handle input comparator before debouncing");
  watch_signal(comparator_[kOpenInput], recorder, "bc1.comparator.DIP_BOOT_OPEN_SW", Kind::bit, "",
               "tailgate contact comparator before debouncing");
  watch_signal(comparator_[kMonitorComparator], recorder, "DIP_BOOT_RELEASE_MONITOR", Kind::bit, "",
               "readback of the tailgate release output pin");
  watch_signal(comparator_[kLhIndicatorComparator], recorder, "bc1.indicator_lh_monitor", Kind::bit, "",
               "readback of the left indicator output pin (0xAA when it does not come up)");
  watch_signal(comparator_[kRhIndicatorComparator], recorder, "bc1.indicator_rh_monitor", Kind::bit, "",
               "readback of the right indicator output pin (0xAC when it does not come up)");
  watch_signal(boot_release_, recorder, "DOP_BOOT_RELEASE", Kind::bit, "", "tailgate release output commanded");
  watch_signal(lh_indicator_, recorder, "DOP_LH_INDICATOR_LGT", Kind::bit, "", "left indicator output commanded");
  watch_signal(rh_indicator_, recorder, "DOP_RH_INDICATOR_LGT", Kind::bit, "", "right indicator output commanded");
  for (std::size_t i = 0; i < kBodyInputCount; ++i) {
    watch_signal(switch_debounced_[kBodyInput + i], recorder, kBodyInputNames[i], Kind::bit, "", kBodyInputWhat[i]);
    watch_signal(comparator_[kBodyComparator + i], recorder, std::string("bc1.comparator.") + kBodyInputNames[i],
                 Kind::bit, "", "body input comparator before debouncing");
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
  for (std::size_t i = 0; i < kLockSwitchCount; ++i)
    watch_signal(switch_debounced_[kLockSwitchInput + i], recorder, kLockSwitches[i], Kind::bit, "",
                 "central-locking switch input as the module sees it (debounced, 1 = turned / pressed)");
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) {
    watch_signal(lock_relay_cmd_[i], recorder, kLockRelayOutputs[i], Kind::bit, "", "lock relay coil commanded");
    watch_signal(comparator_[kLockReadbackComparator + i], recorder,
                 std::string("bc1.") + kLockRelayStems[i] + "_lock_monitor", Kind::bit, "",
                 "readback of the lock relay's COM pin (1 = high)");
  }
  watch_signal(powered_, recorder, "bc1.powered", Kind::bit, "",
               "the module's electronics run (logic supply above the brown-out threshold)");
  watch_signal(switch_debounced_[kHeatedRearSwitch], recorder, "DIP_HT_RR_WIN_SW", Kind::bit, "",
               "heated rear window push-button as the module sees it (debounced)");
  watch_signal(switch_debounced_[kHeatedFrontSwitch], recorder, "DIP_HT_FT_SCR_SW", Kind::bit, "",
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
  interior_light_->command(on && interior_light_cmd_.read());
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

void Bc1Module::end_forced_output() {
  if (forced_) forced_->write(false);
  forced_ = nullptr;
}

std::optional<bool> Bc1Module::signal(std::string_view name) const {
  if (name == "DIP_BOOT_HANDLE_SW") return switch_debounced_[kHandleInput].read();
  if (name == "DIP_BOOT_OPEN_SW") return switch_debounced_[kOpenInput].read();
  if (name == "DIP_BOOT_RELEASE_MONITOR") return comparator_[kMonitorComparator].read();
  if (name == "DIP_BOOT_REL_STATUS") return tailgate_driver_->limiting();
  if (name == "DIP_RF_CODE_LOGIC") return rf_data.read();
  if (name == "DOP_BOOT_RELEASE") return boot_release_.read();
  if (name == "DOP_LH_INDICATOR_LGT") return lh_indicator_.read();
  if (name == "DOP_RH_INDICATOR_LGT") return rh_indicator_.read();
  if (name == "DOP_SOUND_ALARM") return siren_.read();
  if (name == "DOP_ALARM_LED") return alarm_led_.read();
  for (std::size_t i = 0; i < kBodyInputCount; ++i)
    if (name == kBodyInputNames[i]) return switch_debounced_[kBodyInput + i].read();
  for (std::size_t i = 0; i < kLockSwitchCount; ++i)
    if (name == kLockSwitches[i]) return switch_debounced_[kLockSwitchInput + i].read();
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i)
    if (name == kLockRelayOutputs[i]) return lock_relay_cmd_[i].read();
  if (name == "DIP_HT_RR_WIN_SW") return switch_debounced_[kHeatedRearSwitch].read();
  if (name == "DIP_HT_FT_SCR_SW") return switch_debounced_[kHeatedFrontSwitch].read();
  return heated_.signal(name);
}

}  // namespace bcmhil::model
