#include "power_windows.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

namespace {
// Per door: the relay indices and fault codes (bc1_forttexte.csv).
constexpr std::array<std::array<std::size_t, 2>, 2> kDoorRelays{{{0, 1}, {2, 3}}};
constexpr std::array<WindowLift::Codes, 2> kDoorCodes{{
    {fault_code::kDriverWindowUpRelayNc, fault_code::kDriverWindowUpRelayNo, fault_code::kDriverWindowDownRelayNc,
     fault_code::kDriverWindowDownRelayNo, fault_code::kDriverWindowOutputOn, fault_code::kDriverWindowOutputOff,
     fault_code::kDriverWindowAntiTrap},
    {fault_code::kPassengerWindowUpRelayNc, fault_code::kPassengerWindowUpRelayNo,
     fault_code::kPassengerWindowDownRelayNc, fault_code::kPassengerWindowDownRelayNo,
     fault_code::kPassengerWindowOutputOn, fault_code::kPassengerWindowOutputOff,
     fault_code::kPassengerWindowAntiTrap},
}};
constexpr std::array<const char*, 2> kDoorStems{"drv", "pass"};

std::uint8_t counts(double value, double per_count) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(value / per_count), 0L, 255L));
}
}  // namespace

std::string window_monitor(std::size_t relay) { return std::string(kWindowRelayStems.at(relay)) + "_monitor"; }

PowerWindowPins make_power_window_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const std::string& name) { return net.add_node(base + "." + name); };
  PowerWindowPins p;
  p.kl30_dw = pin("kl30_dw");
  p.kl30_pw = pin("kl30_pw");
  p.ground = pin("win_ground");
  p.drv_up_out = pin("drv_win_up_out");
  p.drv_down_out = pin("drv_win_down_out");
  p.pass_up_out = pin("pass_win_up_out");
  p.pass_down_out = pin("pass_win_down_out");
  p.drv_up_sw_in = pin("drv_win_up_sw");
  p.drv_down_sw_in = pin("drv_win_down_sw");
  p.pass_up_sw_in = pin("pass_win_up_sw");
  p.pass_down_sw_in = pin("pass_win_down_sw");
  return p;
}

PowerWindows::PowerWindows(sc_core::sc_module_name name, const std::string& base, Circuit& circuit,
                           trace::Recorder& recorder, FaultMemory& faults, const PowerWindowPins& pins,
                           electrical::NodeId kl15, electrical::NodeId module_ground)
    : sc_module(name), circuit_(circuit), pins_(pins) {
  auto& net = circuit.network();
  const std::array<electrical::NodeId, kWindowRelays> coms{pins.drv_up_out, pins.drv_down_out, pins.pass_up_out,
                                                          pins.pass_down_out};
  for (std::size_t door = 0; door < 2; ++door) {
    const std::string stem = base + "." + kDoorStems[door] + "_win";
    const auto feed = door == driver ? pins.kl30_dw : pins.kl30_pw;
    const auto ret = net.add_node(stem + "_return");
    shunts_[door] = net.add_resistor(stem + "_shunt", ret, pins.ground, kShuntOhm);
    for (std::size_t i : kDoorRelays[door]) {
      const std::string relay = std::string(kWindowRelayStems[i]) + "_relay";
      relays_[i] = std::make_unique<LockRelay>(relay.c_str(), base + "." + relay, circuit, recorder, feed, pins.ground,
                                               coms[i], feed, ret);
    }
    WindowLift::Sense sense{
        [this, door] { return motor_amps(static_cast<Door>(door)); },
        [this, feed, door] { return circuit_.network().voltage(feed) - circuit_.network().voltage(pins_.ground); },
        [this, kl15, module_ground] {
          return circuit_.network().voltage(kl15) - circuit_.network().voltage(module_ground) > kIgnitionOnV;
        }};
    const std::string lift = std::string(kDoorStems[door]) + "_window";
    lifts_[door] = std::make_unique<WindowLift>(lift.c_str(), circuit, faults, kDoorCodes[door], std::move(sense),
                                                *relays_[kDoorRelays[door][0]], *relays_[kDoorRelays[door][1]]);
    auto& l = *lifts_[door];
    l.up_switch.bind(switches[kDoorRelays[door][0]]);
    l.down_switch.bind(switches[kDoorRelays[door][1]]);
    l.up_monitor.bind(monitors[kDoorRelays[door][0]]);
    l.down_monitor.bind(monitors[kDoorRelays[door][1]]);
    l.powered.bind(powered);
  }
  SC_HAS_PROCESS(PowerWindows);
  SC_METHOD(on_key);
  sensitive << key_lock << key_unlock;
  dont_initialize();
  SC_METHOD(on_key_held);
  sensitive << key_held_;
  dont_initialize();

  for (std::size_t i = 0; i < kWindowRelays; ++i)
    watch_signal(relay_command(i), recorder, kWindowRelayOutputs[i], trace::Kind::bit, "",
                 "window relay coil commanded");
}

const sc_core::sc_signal_in_if<bool>& PowerWindows::relay_command(std::size_t i) const {
  const auto& l = lift(i < 2 ? driver : passenger);
  return i % 2 == 0 ? l.up_relay() : l.down_relay();
}

double PowerWindows::motor_amps(Door door) const {
  // The amplifier reads one polarity: the return current into the power ground.
  return std::max(0.0, circuit_.network().current(shunts_.at(door)));
}

void PowerWindows::on_key() {
  // Convenience: the key held in the lock (or unlock) position; released, the run ends.
  const bool held = key_lock.read() != key_unlock.read();
  if (held) {
    key_held_.cancel();
    key_held_.notify(sc_core::sc_time(kConvenienceHoldS, sc_core::SC_SEC));
    return;
  }
  key_held_.cancel();
  if (!convenience_) return;
  convenience_ = false;
  for (auto& l : lifts_) l->convenience(WindowLift::Dir::none);
}

void PowerWindows::on_key_held() {
  if (!powered.read() || key_lock.read() == key_unlock.read()) return;
  convenience_ = true;
  const auto dir = key_lock.read() ? WindowLift::Dir::up : WindowLift::Dir::down;
  for (auto& l : lifts_) l->convenience(dir);
}

std::optional<bool> PowerWindows::signal(std::string_view name) const {
  for (std::size_t i = 0; i < kWindowRelays; ++i) {
    if (name == kWindowRelayOutputs[i]) return relay_command(i).read();
    if (name == kWindowSwitchInputs[i]) return switches[i].read();
  }
  return std::nullopt;
}

std::optional<std::uint8_t> PowerWindows::analog_raw(std::string_view channel) const {
  auto relay_status = [this](std::size_t up) {
    return static_cast<std::uint8_t>((monitors[up].read() ? 1 : 0) | (monitors[up + 1].read() ? 2 : 0));
  };
  if (channel == "AIP_DRV_WIN_CURR_SENSE") return counts(motor_amps(driver), kAmpsPerCount);
  if (channel == "AIP_PASS_WIN_CURR_SENSE") return counts(motor_amps(passenger), kAmpsPerCount);
  // The trip level on the same amplifier: its counts are the current's counts.
  if (channel == "AIP_DRV_WIN_ANTITRAP") return counts(lift(driver).trap_threshold_a(), kAmpsPerCount);
  if (channel == "AIP_PASS_WIN_ANTITRAP") return counts(lift(passenger).trap_threshold_a(), kAmpsPerCount);
  if (channel == "AIP_WIN_RELAY_MON") return relay_status(0);
  if (channel == "AIP_PASS_WIN_RELAY_MON") return relay_status(2);
  return std::nullopt;
}

ForcibleOutput* PowerWindows::forcible_output(std::string_view name) {
  for (std::size_t i = 0; i < kWindowRelays; ++i)
    if (name == kWindowRelayOutputs[i]) return &lift(i < 2 ? driver : passenger).forcible(i % 2 == 0);
  return nullptr;
}

}  // namespace bcmhil::model
