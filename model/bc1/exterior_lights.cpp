#include "exterior_lights.h"

#include "bc1_module.h"
#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::model {

namespace {

using sc_core::sc_time;

// Names of the outputs, in ExteriorLights::Out order: the reference table's DOP_ name where it
// has one, else the model's name (recorded under it, not forceable over DS2).
constexpr const char* kOutputNames[ExteriorLights::kOutputs] = {
    "DOP_LH_POSITION_LGT", "DOP_RH_POSITION_LGT", "DOP_NO_PLATE_LGT",      "DOP_RR_FOG_LGT",   "DOP_RR_FOG_LED",
    "DOP_FT_FOG_LGT_RLY",  "bc1.aux_lamp_relay",  "bc1.brake_lamp_high",   "bc1.dipped_beam",  "bc1.main_beam"};
constexpr const char* kOutputMeaning[ExteriorLights::kOutputs] = {
    "left position light output commanded", "right position light output commanded",
    "number plate light output commanded", "rear fog lamp output commanded", "rear fog switch LED commanded",
    "front fog relay coil commanded", "auxiliary lamps' relay coil commanded (Zusatzleuchte; no DOP_ name)",
    "third brake light output commanded (no DOP_ name; read back as DIP_BRAKE_LAMP_STATUS)",
    "dipped beam output commanded (AOP_DIPPED_BEAM)", "main beam output commanded (AOP_MAIN_BEAM)"};

// A BTS 50 A-class switch for the headlamps (CHOSEN: a cold 110 W pair draws ~85 A for a few ms,
// which an MC33286 channel would not pass): 6 mOhm, 100 A limit, a large tab on the board.
HighSideDriverSpec headlamp_switch() {
  HighSideDriverSpec s;
  s.on_resistance_ohm = 0.02;
  s.die_on_resistance_ohm = 0.006;
  s.current_limit_a = 100.0;
  s.short_circuit_limit_a = 40.0;
  s.die_thermal_resistance_k_per_w = 0.5;
  s.die_thermal_time_constant_s = 0.05;
  s.package_thermal_resistance_k_per_w = 30.0;
  s.package_thermal_time_constant_s = 10.0;
  return s;
}

// Resistor ladders on the 5 V switch supply against the input's 10 kOhm (CHOSEN): neutral 10 kOhm
// (2.5 V), pulled / left 2.2 kOhm (4.1 V), pushed / right 39 kOhm (1.0 V). A broken wire reads
// 0 V and a short to the supply 5 V: both "fault".
enum class Band { low_fault, low, middle, high, high_fault };
Band band(double volts) {
  if (volts < 0.5) return Band::low_fault;
  if (volts < 1.75) return Band::low;
  if (volts < 3.3) return Band::middle;
  if (volts < 4.6) return Band::high;
  return Band::high_fault;
}
// Levelling knob: positions 0-3 are 1, 4.7, 10, 22 kOhm (4.55, 3.40, 2.50, 1.56 V).
int level_of(double volts) {
  if (volts > 4.8 || volts < 1.0) return -1;
  if (volts > 3.97) return 0;
  if (volts > 2.95) return 1;
  if (volts > 2.03) return 2;
  return 3;
}

InputWiring switch_input(const char* signal, electrical::NodeId pin, std::size_t slot) {
  return {{signal, pin, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm, Bc1Module::kInputThresholdV, true}, slot};
}
// A line that carries battery voltage when active (a lamp line), read through a 47 kOhm divider.
InputPinSpec line_input(const char* signal, electrical::NodeId pin) {
  return {signal, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false};
}

}  // namespace

ExteriorLightPins make_exterior_light_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const char* name) { return net.add_node(base + "." + name); };
  ExteriorLightPins p{};
  p.dipped_feed = pin("kl30_headlight_1");
  p.lamp_feed = pin("kl30_headlight_2");
  p.brake_lamp_out = pin("brake_lamp_out");
  p.dipped_beam_out = pin("dipped_beam_out");
  p.main_beam_out = pin("main_beam_out");
  p.position_lh_out = pin("position_lh_out");
  p.position_rh_out = pin("position_rh_out");
  p.number_plate_out = pin("number_plate_out");
  p.rear_fog_out = pin("rear_fog_out");
  p.front_fog_rly_out = pin("front_fog_rly_out");
  p.aux_lamp_rly_out = pin("aux_lamp_rly_out");
  p.position_sw_in = pin("position_sw_in");
  p.dipped_sw_in = pin("dipped_sw_in");
  p.front_fog_sw_in = pin("front_fog_sw_in");
  p.rear_fog_sw_in = pin("rear_fog_sw_in");
  p.brake_sw_in = pin("brake_sw_in");
  p.main_flash_sw_in = pin("main_flash_sw_in");
  p.indicator_sw_in = pin("indicator_sw_in");
  p.level_sw_in = pin("level_sw_in");
  p.front_fog_monitor_in = pin("front_fog_monitor_in");
  p.aux_lamp_monitor_in = pin("aux_lamp_monitor_in");
  p.rear_fog_led_out = pin("rear_fog_led_out");
  return p;
}

std::vector<InputWiring> exterior_light_inputs(const ExteriorLightPins& p) {
  return {
      switch_input("DIP_POSN_LGT_SW", p.position_sw_in, 38),
      switch_input("DIP_DIPPED_BEAM_SW", p.dipped_sw_in, 39),
      switch_input("DIP_FT_FOG_SW", p.front_fog_sw_in, 40),
      switch_input("DIP_RR_FOG_SW", p.rear_fog_sw_in, 41),
      // The brake lamp line the pedal switch feeds: battery voltage while braking.
      {line_input("DIP_BRAKE_SW", p.brake_sw_in), 42},
      {line_input("front_fog_monitor", p.front_fog_monitor_in), std::nullopt},
      {line_input("aux_lamp_monitor", p.aux_lamp_monitor_in), std::nullopt},
      // The third brake light's own pin, read back like the other outputs.
      {line_input("DIP_BRAKE_LAMP_STATUS", p.brake_lamp_out), std::nullopt},
  };
}

ExteriorLights::ExteriorLights(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                               FaultMemory& faults, const ExteriorLightPins& pins, electrical::NodeId kl30_logic,
                               electrical::NodeId module_ground, electrical::NodeId kl15)
    : sc_module(name),
      circuit_(circuit),
      faults_(faults),
      pins_(pins),
      ground_(module_ground),
      kl15_(kl15),
      out_("out", kOutputs),
      front_fog_judge_{fault_code::kFrontFogOn, fault_code::kFrontFogOff},
      aux_lamp_judge_{fault_code::kAuxLampOn, fault_code::kAuxLampOff} {
  auto& net = circuit.network();
  // Which feed and pin each output's switch sits between (Out order).
  const std::pair<electrical::NodeId, electrical::NodeId> wiring[kOutputs] = {
      {pins.lamp_feed, pins.position_lh_out}, {pins.lamp_feed, pins.position_rh_out},
      {pins.lamp_feed, pins.number_plate_out}, {pins.lamp_feed, pins.rear_fog_out},
      {kl30_logic, pins.rear_fog_led_out},    {kl30_logic, pins.front_fog_rly_out},
      {kl30_logic, pins.aux_lamp_rly_out},    {pins.lamp_feed, pins.brake_lamp_out},
      {pins.dipped_feed, pins.dipped_beam_out}, {pins.lamp_feed, pins.main_beam_out}};
  for (std::size_t i = 0; i < kOutputs; ++i) {
    std::string driver_name = kOutputNames[i];
    if (driver_name.rfind("bc1.", 0) == 0) driver_name = driver_name.substr(4);
    const bool headlamp = i == dipped_beam || i == main_beam;
    drivers_.push_back(std::make_unique<HighSideDriver>(circuit, "bc1." + driver_name + "_driver", wiring[i].first,
                                                        wiring[i].second,
                                                        headlamp ? headlamp_switch() : HighSideDriverSpec{}));
  }
  // The analog inputs' dividers (the ladders feed from the 5 V switch supply, switch_supply.h).
  for (auto pin : {pins.main_flash_sw_in, pins.indicator_sw_in, pins.level_sw_in})
    net.add_resistor(net.node_name(pin) + "_load", pin, module_ground, kAnalogLoadOhm);

  SC_HAS_PROCESS(ExteriorLights);
  SC_METHOD(evaluate);
  sensitive << position_sw << dipped_sw << brake_sw << changed_;
  dont_initialize();
  SC_METHOD(on_front_fog_press);
  sensitive << front_fog_sw.pos();
  dont_initialize();
  SC_METHOD(on_rear_fog_press);
  sensitive << rear_fog_sw.pos();
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(drive_outputs);
  for (auto& o : out_) sensitive << o;
  sensitive << powered;
  dont_initialize();
  SC_METHOD(judge_front_fog);
  sensitive << judge_front_fog_;
  dont_initialize();
  SC_METHOD(judge_aux_lamp);
  sensitive << judge_aux_lamp_;
  dont_initialize();
  SC_METHOD(schedule_judges);
  sensitive << front_fog_monitor << aux_lamp_monitor;
  dont_initialize();

  for (std::size_t i = 0; i < kOutputs; ++i)
    watch_signal(out_[i], recorder, kOutputNames[i], trace::Kind::bit, "", kOutputMeaning[i]);
}

double ExteriorLights::pin_volts(electrical::NodeId pin) const {
  const auto& net = circuit_.network();
  return net.voltage(pin) - net.voltage(ground_);
}

void ExteriorLights::on_power() {
  if (!powered.read()) reset();
  changed_.notify(sc_core::SC_ZERO_TIME);
}

void ExteriorLights::reset() {
  front_fog_request_ = rear_fog_request_ = false;
  changed_.notify(sc_core::SC_ZERO_TIME);
}

// The ignition and the analog inputs as the module samples them at each new operating point.
void ExteriorLights::on_solved() {
  const bool ignition = pin_volts(kl15_) > kIgnitionOnV;
  const auto main_band = band(pin_volts(pins_.main_flash_sw_in));
  const MainStalk main = main_band == Band::middle ? MainStalk::neutral
                         : main_band == Band::high ? MainStalk::flash
                         : main_band == Band::low  ? MainStalk::main
                                                   : MainStalk::fault;
  const auto ind_band = band(pin_volts(pins_.indicator_sw_in));
  const IndicatorStalk indicator = ind_band == Band::middle ? IndicatorStalk::neutral
                                   : ind_band == Band::high ? IndicatorStalk::left
                                   : ind_band == Band::low  ? IndicatorStalk::right
                                                            : IndicatorStalk::fault;
  level_position_ = level_of(pin_volts(pins_.level_sw_in));
  if (ignition != ignition_ || main != main_stalk_ || indicator != indicator_stalk_) {
    ignition_ = ignition;
    main_stalk_ = main;
    indicator_stalk_ = indicator;
    if (!ignition_) front_fog_request_ = false;
    changed_.notify(sc_core::SC_ZERO_TIME);
  }
}

void ExteriorLights::on_front_fog_press() {
  if (!powered.read() || !ignition_ || !position_sw.read()) return;
  front_fog_request_ = !front_fog_request_;
  changed_.notify(sc_core::SC_ZERO_TIME);
}

void ExteriorLights::on_rear_fog_press() {
  const auto w = wanted();
  if (!powered.read() || !(w[dipped_beam] || front_fog_request_)) return;
  rear_fog_request_ = !rear_fog_request_;
  changed_.notify(sc_core::SC_ZERO_TIME);
}

std::array<bool, ExteriorLights::kOutputs> ExteriorLights::wanted() const {
  std::array<bool, kOutputs> w{};
  if (!powered.read()) return w;
  const bool position = position_sw.read();
  w[position_lh] = w[position_rh] = w[number_plate] = position;
  w[dipped_beam] = ignition_ && dipped_sw.read();
  w[main_beam] = ignition_ && (main_stalk_ == MainStalk::flash || (w[dipped_beam] && main_stalk_ == MainStalk::main));
  w[aux_lamp_rly] = w[main_beam];
  w[front_fog_rly] = front_fog_request_ && position && ignition_;
  w[rear_fog] = w[rear_fog_led] = rear_fog_request_ && (w[dipped_beam] || w[front_fog_rly]);
  w[brake_lamp] = brake_sw.read();
  return w;
}

void ExteriorLights::evaluate() {
  const auto w = wanted();
  // A request whose condition went away is dropped, not kept for later.
  if (powered.read()) {
    if (!w[front_fog_rly]) front_fog_request_ = false;
    if (!w[rear_fog]) rear_fog_request_ = false;
  }
  const bool turning = powered.read() && ignition_;
  turn_lh.write(turning && indicator_stalk_ == IndicatorStalk::left);
  turn_rh.write(turning && indicator_stalk_ == IndicatorStalk::right);
  // Only what changed is written: a forced output keeps its forced state until the function
  // itself wants something new (or the module's forcing limit ends it).
  for (std::size_t i = 0; i < kOutputs; ++i) {
    if (w[i] == wanted_[i]) continue;
    wanted_[i] = w[i];
    out_[i].write(w[i]);
  }
}

// The drivers follow the commands; a relay command that changed has its lamp line judged once the
// relay and the lamps have settled on it.
void ExteriorLights::drive_outputs() {
  const bool on = powered.read();
  bool relay_moved = false;
  for (std::size_t i = 0; i < kOutputs; ++i) {
    const bool command = on && out_[i].read();
    if (drivers_[i]->commanded() == command) continue;
    drivers_[i]->command(command);
    relay_moved |= i == front_fog_rly || i == aux_lamp_rly;
  }
  if (relay_moved) schedule_judges();
}

// A lamp line that moves by itself (a relay welding or dropping out) is judged once it has settled.
void ExteriorLights::schedule_judges() {
  front_fog_judge_.pending = aux_lamp_judge_.pending = true;
  judge_front_fog_.notify(sc_time(kJudgeSettleS, sc_core::SC_SEC));
  judge_aux_lamp_.notify(sc_time(kJudgeSettleS, sc_core::SC_SEC));
}

void ExteriorLights::judge_front_fog() { judge(front_fog_judge_, front_fog_rly, front_fog_monitor.read()); }
void ExteriorLights::judge_aux_lamp() { judge(aux_lamp_judge_, aux_lamp_rly, aux_lamp_monitor.read()); }

void ExteriorLights::judge(LineJudge& j, Out out, bool line_up) {
  if (!j.pending || !powered.read()) return;
  j.pending = false;
  const bool commanded = out_[out].read();
  if (commanded) {
    if (line_up)
      faults_.report_absent(j.off_fault);
    else
      faults_.report_present(j.off_fault, now_ps());
  } else {
    if (line_up)
      faults_.report_present(j.on_fault, now_ps());
    else
      faults_.report_absent(j.on_fault);
  }
}

ForcibleOutput* ExteriorLights::forcible_output(std::string_view name) {
  for (std::size_t i = 0; i < kOutputs; ++i)
    if (name == kOutputNames[i] && name.rfind("DOP_", 0) == 0) return &out_[i];
  return nullptr;
}

std::optional<bool> ExteriorLights::signal(std::string_view name) const {
  if (name == "DIP_BRAKE_LAMP_STATUS") return brake_lamp_monitor.read();
  for (std::size_t i = 0; i < kOutputs; ++i)
    if (name == kOutputNames[i] && name.rfind("DOP_", 0) == 0) return out_[i].read();
  return std::nullopt;
}

std::optional<std::uint8_t> ExteriorLights::analog_raw(std::string_view channel) const {
  auto counts = [this](electrical::NodeId pin) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(pin_volts(pin) / kVoltsPerCount), 0L, 255L));
  };
  if (channel == "AIP_MAIN_FLASH_SW") return counts(pins_.main_flash_sw_in);
  if (channel == "AIP_INDICATOR_SW") return counts(pins_.indicator_sw_in);
  // FACT_A 1.0, unit "Pos": the module reports the decoded position; 255 when it cannot decode it (chosen).
  if (channel == "AIP_HEAD_LGT_LEVEL_SW") return static_cast<std::uint8_t>(level_position_ < 0 ? 255 : level_position_);
  // PWM duty of the headlamp switches: full on or off (chosen scale, as AOP_INTERIOR_LGT).
  if (channel == "AOP_DIPPED_BEAM") return out_[dipped_beam].read() ? 255 : 0;
  if (channel == "AOP_MAIN_BEAM") return out_[main_beam].read() ? 255 : 0;
  return std::nullopt;
}

std::vector<const sc_core::sc_signal_in_if<bool>*> ExteriorLights::outputs() const {
  std::vector<const sc_core::sc_signal_in_if<bool>*> v;
  for (const auto& o : out_) v.push_back(&o);
  return v;
}

HighSideDriver& ExteriorLights::driver(std::string_view output) {
  for (std::size_t i = 0; i < kOutputs; ++i)
    if (output == kOutputNames[i]) return *drivers_[i];
  throw std::invalid_argument("no exterior light output " + std::string(output));
}

}  // namespace bcmhil::model
