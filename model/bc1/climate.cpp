#include "climate.h"

#include "bc1_module.h"
#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

ClimatePins make_climate_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const char* name) { return net.add_node(base + "." + name); };
  ClimatePins p{};
  p.ac_sw_in = pin("ac_sw");
  p.recirc_sw_in = pin("recirc_sw");
  p.ac_led_out = pin("ac_led");
  p.recirc_led_out = pin("recirc_led");
  p.recirc_ctl1_out = pin("recirc_ctl1");
  p.recirc_ctl2_out = pin("recirc_ctl2");
  p.recirc_monitor_in = pin("recirc_monitor");
  p.blower_enable_out = pin("blower_enable");
  p.blower_sense_in = pin("blower_sense");
  p.compressor_out = pin("ac_compressor_out");
  p.evaporator_in = pin("evaporator_sense");
  return p;
}

namespace {
InputWiring button(const char* signal, electrical::NodeId pin, std::size_t slot) {
  return {{signal, pin, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm, Bc1Module::kInputThresholdV, true}, slot};
}
InputWiring readback(const char* signal, electrical::NodeId pin) {
  return {{signal, pin, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}, std::nullopt};
}
}  // namespace

std::vector<InputWiring> climate_inputs(const ClimatePins& p) {
  return {
      button("DIP_AC_SWITCH", p.ac_sw_in, 48),
      button("DIP_RECIRC_SW", p.recirc_sw_in, 49),
      // The end-position contact closes to ground like a switch.
      button("DIP_RECIRC_MONITOR", p.recirc_monitor_in, 50),
      // The blower motor's supply terminal through a divider: the blower runs.
      readback("DIP_BLOWER_MOTOR_STATUS", p.blower_sense_in),
      readback("recirc_ctl1_monitor", p.recirc_ctl1_out),
      readback("recirc_ctl2_monitor", p.recirc_ctl2_out),
      readback("blower_enable_monitor", p.blower_enable_out),
      readback("ac_compressor_monitor", p.compressor_out),
  };
}

Climate::Climate(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, FaultMemory& faults,
                 const ClimatePins& pins, electrical::NodeId feed, electrical::NodeId ground, electrical::NodeId kl15,
                 electrical::NodeId sense_supply)
    : sc_module(name),
      circuit_(circuit),
      faults_(faults),
      pins_(pins),
      ground_(ground),
      kl15_(kl15),
      sense_supply_(sense_supply),
      ac_led_driver_(circuit, "bc1.ac_led_driver", feed, pins.ac_led_out),
      recirc_led_driver_(circuit, "bc1.recirc_led_driver", feed, pins.recirc_led_out),
      ctl1_driver_(circuit, "bc1.recirc_ctl1_driver", feed, pins.recirc_ctl1_out),
      ctl2_driver_(circuit, "bc1.recirc_ctl2_driver", feed, pins.recirc_ctl2_out),
      blower_driver_(circuit, "bc1.blower_enable_driver", feed, pins.blower_enable_out),
      compressor_driver_(circuit, "bc1.ac_compressor_driver", feed, pins.compressor_out),
      blower_on_monitor_("blower_on_monitor", faults, std::nullopt, fault_code::kBlowerOff),
      blower_off_monitor_("blower_off_monitor", faults, fault_code::kBlowerOn, std::nullopt),
      compressor_monitor_("compressor_monitor", faults, fault_code::kCompressor, fault_code::kCompressor),
      ctl1_monitor_("ctl1_monitor", faults, fault_code::kRecircOn, std::nullopt),
      ctl2_monitor_("ctl2_monitor", faults, fault_code::kFreshAirOn, std::nullopt) {
  auto& net = circuit.network();
  ctl1_low_ = net.add_resistor("bc1.recirc_ctl1_low_side", pins.recirc_ctl1_out, ground, electrical::kOpen);
  ctl2_low_ = net.add_resistor("bc1.recirc_ctl2_low_side", pins.recirc_ctl2_out, ground, electrical::kOpen);
  ntc_pull_up_ = net.add_resistor("bc1.evaporator_pull_up", sense_supply, pins.evaporator_in, kNtcPullUpOhm);

  blower_on_monitor_.command(blower_);
  blower_on_monitor_.readback(blower_readback);
  blower_off_monitor_.command(blower_);
  blower_off_monitor_.readback(blower_live_);
  compressor_monitor_.command(compressor_);
  compressor_monitor_.readback(compressor_readback);
  ctl1_monitor_.command(ctl1_);
  ctl1_monitor_.readback(ctl1_readback);
  ctl2_monitor_.command(ctl2_);
  ctl2_monitor_.readback(ctl2_readback);
  for (OutputMonitor* m : {&blower_on_monitor_, &blower_off_monitor_, &compressor_monitor_, &ctl1_monitor_,
                           &ctl2_monitor_})
    m->powered(powered);

  SC_HAS_PROCESS(Climate);
  SC_METHOD(on_press);
  sensitive << ac_switch.pos() << recirc_switch.pos();
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_monitor);
  sensitive << recirc_monitor;
  dont_initialize();
  SC_METHOD(on_flap_timeout);
  sensitive << flap_timeout_;
  dont_initialize();
  SC_METHOD(on_blower_live);
  sensitive << blower_readback << blower_status;
  dont_initialize();
  SC_METHOD(apply);
  sensitive << decide_;
  dont_initialize();
  SC_METHOD(write_outputs);
  sensitive << changed_ << ac_led_ << recirc_led_ << ctl1_ << ctl2_ << blower_ << compressor_ << powered;
  dont_initialize();

  using trace::Kind;
  watch_signal(ac_led_, recorder, "DOP_AC_LED", Kind::bit, "", "A/C button LED (A/C requested)");
  watch_signal(recirc_led_, recorder, "DOP_RECIRC_LED", Kind::bit, "", "recirculation button LED");
  watch_signal(ctl1_, recorder, "DOP_RECIRC_CTL1", Kind::bit, "", "air flap driven towards recirculation");
  watch_signal(ctl2_, recorder, "DOP_RECIRC_CTL2", Kind::bit, "", "air flap driven towards fresh air");
  watch_signal(blower_, recorder, "DOP_BLOWER_ENABLE", Kind::bit, "", "blower relay coil commanded");
  watch_signal(compressor_, recorder, "bc1.ac_compressor", Kind::bit, "",
               "A/C compressor clutch relay commanded (pin bc1.ac_compressor_out; no name in the tables)");
}

// One process for both buttons: they can rise in the same delta (a sagging supply drops and
// restores every input at once).
void Climate::on_press() {
  if (!powered.read() || !ignition_) return;
  if (ac_switch.posedge()) ac_request_ = !ac_request_;
  if (recirc_switch.posedge()) recirc_request_ = !recirc_request_;
  decide();
}

// A reset loses the requests and where the flap is (RAM); after the boot the flap is sent home.
void Climate::on_power() {
  if (!powered.read()) {
    ac_request_ = recirc_request_ = false;
    stop_flap();
    homing_ = false;
    was_powered_ = false;
  } else if (!was_powered_) {
    was_powered_ = true;
    flap_at_ = fresh;
    homing_ = true;
    flap_timeout_.notify(sc_core::sc_time(kFlapHomingS, sc_core::SC_SEC));
  }
  decide();
}

void Climate::on_solved() {
  const auto& net = circuit_.network();
  const bool ignition = net.voltage(kl15_) > kIgnitionOnV;
  // Frost protection with hysteresis on the evaporator temperature the module measures.
  const double evap = evaporator_c();
  const bool frost = frost_ ? evap < kFrostOnC : evap < kFrostOffC;
  if (ignition == ignition_ && frost == frost_) return;
  if (ignition != ignition_ && !ignition) ac_request_ = recirc_request_ = false;
  ignition_ = ignition;
  frost_ = frost;
  decide();
}

// The blower's state moves the compressor (it runs only behind a running blower) and 0xB5's watch.
void Climate::on_blower_live() {
  blower_live_.write(blower_readback.read() || blower_status.read());
  decide();
}

double Climate::evaporator_c() const {
  const auto& net = circuit_.network();
  const double supply = net.voltage(sense_supply_) - net.voltage(ground_);
  const double pin = net.voltage(pins_.evaporator_in) - net.voltage(ground_);
  if (supply <= 0.0) return kEvapOffsetC;
  // Ratiometric: the ADC's reference is the same supply as the pull-up's.
  const double ratio = std::clamp(pin / supply, 1e-6, 1.0 - 1e-6);
  const double ntc_ohm = kNtcPullUpOhm * ratio / (1.0 - ratio);
  const double kelvin = 1.0 / (1.0 / 298.15 + std::log(ntc_ohm / kNtcR25Ohm) / kNtcBetaK);
  return kelvin - 273.15;
}

// The handlers only change the state; one process (apply) writes the outputs, woken by an
// immediate notification so it still runs in the handler's delta. Several handlers can run in one
// delta (a sagging supply moves the buttons, the blower and the ignition at once), and SystemC
// refuses two processes writing one signal in one delta.
void Climate::decide() {
  next_move();
  decide_.notify();
}

// Every output from the requests and the flap's state; forced outputs are overwritten at the
// next decision (chosen: a forced output lasts until the module next changes its mind), the flap's
// pins when the drive changes.
void Climate::apply() {
  const bool run = powered.read() && ignition_;
  ac_led_.write(run && ac_request_);
  recirc_led_.write(run && recirc_request_);
  blower_.write(run);
  compressor_.write(run && ac_request_ && blower_status.read() && !frost_);
  const Drive drive = homing_ ? Drive::to_fresh
                      : moving_to_ ? (*moving_to_ == recirc ? Drive::to_recirc : Drive::to_fresh)
                                   : Drive::none;
  if (drive == written_drive_) return;
  written_drive_ = drive;
  ctl1_.write(drive == Drive::to_recirc);
  ctl2_.write(drive == Drive::to_fresh);
}

// Starts the flap towards where it should be, if it is not moving already.
void Climate::next_move() {
  if (!powered.read() || moving_to_ || homing_) return;
  const End want = ignition_ && recirc_request_ ? recirc : fresh;
  if (want == flap_at_) return;
  moving_to_ = want;
  left_end_ = false;
  flap_timeout_.notify(sc_core::sc_time(kFlapTimeoutS, sc_core::SC_SEC));
}

// The end-position contact: opens when the flap leaves an end, closes when it nears one; the
// module drives on for kFlapOverrunS to seat the flap against its stop.
void Climate::on_monitor() {
  if (!moving_to_ || seating_) return;
  if (!recirc_monitor.read()) {
    left_end_ = true;
    return;
  }
  if (!left_end_) return;
  seating_ = true;
  flap_timeout_.cancel();
  flap_timeout_.notify(sc_core::sc_time(kFlapOverrunS, sc_core::SC_SEC));
}

// The end of the homing drive, of the seating overrun, or of a move's time.
void Climate::on_flap_timeout() {
  if (homing_) {
    homing_ = false;
    stop_flap();
    decide();
    return;
  }
  if (!moving_to_) return;
  const End target = *moving_to_;
  const std::uint8_t code = target == recirc ? fault_code::kRecircOff : fault_code::kFreshAirOff;
  if (seating_)
    faults_.report_absent(code);
  else
    faults_.report_present(code, now_ps());
  stop_flap();
  flap_at_ = target;  // a failed move too (chosen): the module assumes the flap went, no retry
  decide();
}

void Climate::stop_flap() {
  flap_timeout_.cancel();
  seating_ = false;
  moving_to_.reset();
}

void Climate::write_outputs() {
  const bool on = powered.read();
  ac_led_driver_.command(on && ac_led_.read());
  recirc_led_driver_.command(on && recirc_led_.read());
  blower_driver_.command(on && blower_.read());
  compressor_driver_.command(on && compressor_.read());
  // The flap's H-bridge: a pin not driven high is held low (the motor braked); in reset both float.
  const bool c1 = on && ctl1_.read(), c2 = on && ctl2_.read();
  ctl1_driver_.command(c1);
  ctl2_driver_.command(c2);
  auto& net = circuit_.network();
  net.set_resistance(ctl1_low_, on && !c1 ? kLowSideOhm : electrical::kOpen);
  net.set_resistance(ctl2_low_, on && !c2 ? kLowSideOhm : electrical::kOpen);
  circuit_.request_solve();
}

std::optional<bool> Climate::signal(std::string_view name) const {
  if (name == "DOP_AC_LED") return ac_led_.read();
  if (name == "DOP_RECIRC_LED") return recirc_led_.read();
  if (name == "DOP_RECIRC_CTL1") return ctl1_.read();
  if (name == "DOP_RECIRC_CTL2") return ctl2_.read();
  if (name == "DOP_BLOWER_ENABLE") return blower_.read();
  if (name == "DIP_BLOWER_MOTOR_STATUS") return blower_status.read();
  if (name == "DIP_RECIRC_ERROR") {
    for (std::uint8_t code : {fault_code::kFreshAirOn, fault_code::kRecircOn, fault_code::kFreshAirOff,
                              fault_code::kRecircOff})
      if (const auto* e = faults_.find(code); e && e->active) return true;
    return false;
  }
  return std::nullopt;
}

std::optional<std::uint8_t> Climate::analog_raw(std::string_view channel) const {
  const auto counts = [](double value) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
  };
  if (channel == "AIP_BLOWER_MOT_SENSE") {
    const auto& net = circuit_.network();
    return counts((net.voltage(pins_.blower_sense_in) - net.voltage(ground_)) / kBlowerVoltsPerCount);
  }
  if (channel == "AIP_EVAPORATOR_SENSE") return counts((evaporator_c() - kEvapOffsetC) / kEvapCPerCount);
  return std::nullopt;
}

ForcibleOutput* Climate::forcible_output(std::string_view name) {
  return name == "DOP_AC_LED"          ? &ac_led_
         : name == "DOP_RECIRC_LED"    ? &recirc_led_
         : name == "DOP_RECIRC_CTL1"   ? &ctl1_
         : name == "DOP_RECIRC_CTL2"   ? &ctl2_
         : name == "DOP_BLOWER_ENABLE" ? &blower_
                                       : nullptr;
}

}  // namespace bcmhil::model
