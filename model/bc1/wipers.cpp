#include "wipers.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

namespace {
sc_core::sc_time seconds(double s) { return sc_core::sc_time(s, sc_core::SC_SEC); }

// Each coil output's fault codes: the line high while not commanded (EIN), low while commanded (AUS).
struct OutputCodes {
  std::uint8_t stuck_on;
  std::uint8_t stuck_off;
};
constexpr std::array<OutputCodes, Wipers::kOutputs> kCodes{{
    {fault_code::kFrontWiperOn, fault_code::kFrontWiperOff},
    {fault_code::kFrontWiperSpeedOn, fault_code::kFrontWiperSpeedOff},
    {fault_code::kRearWiperOn, fault_code::kRearWiperOff},
    {fault_code::kWasherOn, fault_code::kWasherOff},
}};

// The sense input's divider to the module ground (chosen: high enough not to load a brush).
constexpr double kSenseDividerOhm = 100e3;
}  // namespace

WiperPins make_wiper_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const char* name) { return net.add_node(base + "." + name); };
  WiperPins p{};
  p.ft_run_rly_out = pin("ft_wiper_run_rly");
  p.ft_speed_rly_out = pin("ft_wiper_speed_rly");
  p.rr_rly_out = pin("rr_wiper_rly");
  p.wash_rly_out = pin("power_wash_rly");
  p.ft_park_in = pin("ft_wiper_park");
  p.rr_park_in = pin("rr_wiper_park");
  p.ft_sense_in = pin("ft_wiper_sense");
  p.col_sw_1_in = pin("col_sw_1");
  p.col_sw_2_in = pin("col_sw_2");
  p.rr_wiper_sw_in = pin("rr_wiper_sw");
  p.ft_wash_in = pin("ft_wash_pump");
  p.rr_wash_in = pin("rr_wash_pump");
  return p;
}

Wipers::Wipers(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, FaultMemory& faults,
               const WiperPins& pins, const WiperSupply& supply)
    : sc_module(name), circuit_(circuit), faults_(faults), pins_(pins), supply_(supply) {
  const electrical::NodeId outs[kOutputs] = {pins.ft_run_rly_out, pins.ft_speed_rly_out, pins.rr_rly_out,
                                             pins.wash_rly_out};
  const char* driver_names[kOutputs] = {"bc1.ft_wiper_run_driver", "bc1.ft_wiper_speed_driver",
                                        "bc1.rr_wiper_driver", "bc1.power_wash_driver"};
  for (std::size_t o = 0; o < kOutputs; ++o)
    drivers_[o] = std::make_unique<HighSideDriver>(circuit, driver_names[o], supply.feed, outs[o]);
  circuit.network().add_resistor("bc1.ft_wiper_sense_divider", pins.ft_sense_in, supply.ground, kSenseDividerOhm);

  SC_HAS_PROCESS(Wipers);
  SC_METHOD(on_stalk);
  sensitive << col_sw_1 << col_sw_2;
  dont_initialize();
  SC_METHOD(on_interval);
  sensitive << interval_;
  dont_initialize();
  SC_METHOD(on_rear_switch);
  sensitive << rr_switch;
  dont_initialize();
  SC_METHOD(on_rear_interval);
  sensitive << rear_interval_;
  dont_initialize();
  SC_METHOD(on_ft_wash);
  sensitive << ft_wash;
  dont_initialize();
  SC_METHOD(on_rr_wash);
  sensitive << rr_wash;
  dont_initialize();
  SC_METHOD(on_ft_park);
  sensitive << ft_park;
  dont_initialize();
  SC_METHOD(on_rr_park);
  sensitive << rr_park;
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_ft_watch);
  sensitive << ft_watch_;
  dont_initialize();
  SC_METHOD(on_rr_watch);
  sensitive << rr_watch_;
  dont_initialize();
  SC_METHOD(on_power_wash_end);
  sensitive << power_wash_end_;
  dont_initialize();
  SC_METHOD(on_check);
  sensitive << check_;
  dont_initialize();
  SC_METHOD(on_monitor);
  for (auto& m : monitor) sensitive << m;
  dont_initialize();
  SC_METHOD(write_commands);
  sensitive << changed_;
  dont_initialize();
  SC_METHOD(drive);
  for (auto& o : out_) sensitive << o;
  sensitive << powered;
  dont_initialize();
  SC_METHOD(update_watches);
  for (auto& o : out_) sensitive << o;
  sensitive << changed_ << ft_park << rr_park << powered;
  dont_initialize();

  for (std::size_t o = 0; o < kOutputs; ++o)
    watch_signal(out_[o], recorder, kOutputNames[o], trace::Kind::bit, "",
                 o == power_wash ? "headlamp washer relay coil commanded" : "wiper relay coil commanded");
}

Wipers::Mode Wipers::mode() const {
  const bool sw1 = col_sw_1.read();
  const bool sw2 = col_sw_2.read();
  if (sw1 && sw2) return Mode::fast;
  if (sw2) return Mode::slow;
  if (sw1) return Mode::intermittent;
  return Mode::off;
}

double Wipers::sense_volts() const {
  const auto& net = circuit_.network();
  return net.voltage(pins_.ft_sense_in) - net.voltage(supply_.ground);
}

// The stalk moved: a new front mode. Moving it is also the driver's retry after a blocked wiper.
// Intermittent wipes at once, then every kIntervalS.
void Wipers::on_stalk() {
  const Mode m = mode();
  if (m == last_mode_) return;
  last_mode_ = m;
  ft_blocked_ = false;
  interval_.cancel();
  ft_single_wipe_ = m == Mode::intermittent && ignition_;
  if (ft_single_wipe_) interval_.notify(seconds(kIntervalS));
  apply();
}

void Wipers::on_interval() {
  if (mode() != Mode::intermittent || !ignition_) return;
  ft_single_wipe_ = true;
  interval_.notify(seconds(kIntervalS));
  apply();
}

void Wipers::on_rear_switch() {
  rr_blocked_ = false;
  rear_interval_.cancel();
  rr_single_wipe_ = rr_switch.read() && ignition_;
  if (rr_single_wipe_) rear_interval_.notify(seconds(kRearIntervalS));
  apply();
}

void Wipers::on_rear_interval() {
  if (!rr_switch.read() || !ignition_) return;
  rr_single_wipe_ = true;
  rear_interval_.notify(seconds(kRearIntervalS));
  apply();
}

// Front wash: the wiper runs while the pump runs and kWipesAfterWash wipes after; the headlamp
// washer gets one pulse per wash (chosen: the real module gates it on the headlights as well).
void Wipers::on_ft_wash() {
  if (ft_wash.read()) {
    ft_after_wipes_ = 0;
    if (ignition_ && powered.read()) {
      power_wash_on_ = true;
      power_wash_end_.cancel();
      power_wash_end_.notify(seconds(kPowerWashS));
    }
  } else {
    ft_after_wipes_ = ignition_ ? kWipesAfterWash : 0;
  }
  apply();
}

void Wipers::on_rr_wash() {
  rr_after_wipes_ = (!rr_wash.read() && ignition_) ? kRearWipesAfterWash : 0;
  apply();
}

// A park-contact edge: the motor turns and the contact works. Leaving park ends a single wipe (the
// park contact takes the wiper home); entering park counts a wipe after a wash.
void Wipers::on_ft_park() {
  if (ft_watching_) {
    ft_watch_.cancel();
    ft_watch_.notify(seconds(kFeedbackTimeoutS));
  }
  faults_.report_absent(fault_code::kFrontWiperFeedback);
  faults_.report_absent(fault_code::kFrontWiperBlocked);
  if (!ft_park.read())
    ft_single_wipe_ = false;
  else if (ft_after_wipes_ > 0 && !ft_wash.read())
    --ft_after_wipes_;
  apply();
}

void Wipers::on_rr_park() {
  if (rr_watching_) {
    rr_watch_.cancel();
    rr_watch_.notify(seconds(kFeedbackTimeoutS));
  }
  faults_.report_absent(fault_code::kRearWiperBlocked);
  if (!rr_park.read())
    rr_single_wipe_ = false;
  else if (rr_after_wipes_ > 0 && !rr_wash.read())
    --rr_after_wipes_;
  apply();
}

// A brown-out or SG_RESET loses everything in RAM; the fault memory is non-volatile.
void Wipers::clear_requests() {
  ft_single_wipe_ = rr_single_wipe_ = false;
  ft_after_wipes_ = rr_after_wipes_ = 0;
  power_wash_on_ = false;
  ft_blocked_ = rr_blocked_ = false;
  interval_.cancel();
  rear_interval_.cancel();
  power_wash_end_.cancel();
  last_mode_ = Mode::off;
}

void Wipers::on_power() {
  clear_requests();
  if (powered.read()) {
    on_stalk();  // a stalk left on resumes as at power-on
    on_rear_switch();
  }
  apply();
}

void Wipers::on_solved() {
  const auto& net = circuit_.network();
  const bool ignition = net.voltage(supply_.kl15) - net.voltage(supply_.ground) > kIgnitionOnV;
  if (ignition == ignition_) return;
  ignition_ = ignition;
  clear_requests();
  if (ignition_ && powered.read()) {
    on_stalk();
    on_rear_switch();
  }
  apply();
}

// Driven for kFeedbackTimeoutS without a park-contact edge. With the speed relay at rest the
// sense wire carries the fast brush's back-EMF: a turning motor means the park contact is silent
// (0x94); no speed means the wiper is blocked (0x95) and the module stops driving it. In fast the
// sense wire carries the drive voltage, so the module cannot tell and judges blocked (chosen).
void Wipers::on_ft_watch() {
  const auto now = now_ps();
  if (!out_[ft_speed].read() && sense_volts() > kSpeedSenseV) {
    faults_.report_present(fault_code::kFrontWiperFeedback, now);
    return;
  }
  faults_.report_present(fault_code::kFrontWiperBlocked, now);
  ft_blocked_ = true;
  apply();
}

void Wipers::on_rr_watch() {
  faults_.report_present(fault_code::kRearWiperBlocked, now_ps());
  rr_blocked_ = true;
  apply();
}

void Wipers::on_power_wash_end() {
  power_wash_on_ = false;
  apply();
}

// A motor counts as driven while its relay is commanded, or while its park contact feeds it
// (ignition on, not in park): the watch runs from the start of that and restarts at every edge.
void Wipers::watch_front(bool driven) {
  if (driven == ft_watching_) return;
  ft_watching_ = driven;
  ft_watch_.cancel();
  if (driven) ft_watch_.notify(seconds(kFeedbackTimeoutS));
}

void Wipers::watch_rear(bool driven) {
  if (driven == rr_watching_) return;
  rr_watching_ = driven;
  rr_watch_.cancel();
  if (driven) rr_watch_.notify(seconds(kFeedbackTimeoutS));
}

// The function's commands; each is written only when it changes, so a forced output holds until
// the function itself wants something else for it.
void Wipers::write_commands() {
  const bool run = powered.read() && ignition_;
  const Mode m = mode();
  const bool front = run && !ft_blocked_ &&
                     (m == Mode::slow || m == Mode::fast || ft_single_wipe_ || ft_wash.read() || ft_after_wipes_ > 0);
  const bool rear = run && !rr_blocked_ && (rr_single_wipe_ || rr_wash.read() || rr_after_wipes_ > 0);
  const std::array<bool, kOutputs> wanted{front, front && m == Mode::fast, rear, run && power_wash_on_};
  for (std::size_t o = 0; o < kOutputs; ++o) {
    if (wanted[o] == command_[o]) continue;
    command_[o] = wanted[o];
    out_[o].write(wanted[o]);
  }
}

// The drivers follow the commands (forced or not); in reset every driver input is low.
void Wipers::drive() {
  bool changed = false;
  for (std::size_t o = 0; o < kOutputs; ++o) {
    const bool on = powered.read() && out_[o].read();
    changed |= on != driven_[o];
    driven_[o] = on;
    drivers_[o]->command(on);
  }
  if (changed) {
    check_.cancel();
    check_.notify(seconds(kReadbackDelayS));
  }
}

void Wipers::update_watches() {
  watch_front(powered.read() && (out_[ft_run].read() || (ignition_ && !ft_park.read())));
  watch_rear(powered.read() && (out_[rr_run].read() || (ignition_ && !rr_park.read())));
}

void Wipers::on_monitor() {
  check_.cancel();
  check_.notify(seconds(kReadbackDelayS));
}

// Each coil output's pin against its command, kReadbackDelayS after the last change of either.
void Wipers::on_check() {
  if (!powered.read()) return;
  const auto now = now_ps();
  for (std::size_t o = 0; o < kOutputs; ++o) {
    const bool commanded = out_[o].read();
    const bool high = monitor[o].read();
    if (commanded && !high) {
      faults_.report_present(kCodes[o].stuck_off, now);
    } else if (!commanded && high) {
      faults_.report_present(kCodes[o].stuck_on, now);
    } else {
      faults_.report_absent(kCodes[o].stuck_off);
      faults_.report_absent(kCodes[o].stuck_on);
    }
  }
}

std::optional<bool> Wipers::signal(std::string_view name) const {
  for (std::size_t o = 0; o < kOutputs; ++o)
    if (name == kOutputNames[o]) return out_[o].read();
  return std::nullopt;
}

std::optional<std::uint8_t> Wipers::analog_raw(std::string_view channel) const {
  if (channel != "AIP_FT_WIPER_SENSE") return std::nullopt;
  return static_cast<std::uint8_t>(std::clamp(std::lround(sense_volts() / kSenseVoltsPerCount), 0L, 255L));
}

ForcibleOutput* Wipers::forcible_output(std::string_view name) {
  for (std::size_t o = 0; o < kOutputs; ++o)
    if (name == kOutputNames[o]) return &out_[o];
  return nullptr;
}

}  // namespace bcmhil::model
