#pragma once
// The BC1's power windows, both doors: pins, the four window relays, the current-sense shunts,
// the software for each window (window_lift.h) and convenience opening/closing from the key.
// The motors and glass are in the car (model/car/window_motor.h).
//
// Topology (CHOSEN, the real schematic is not public; the fault table names an up ("HEBEN") and
// a down ("SENKEN") relay per window with NC and NO faults, 0x05-0x0C): per window two changeover
// relays like the lock relays (lock_relay.h). COM is a module pin, NO the window's own fused feed
// (30DW driver, 30PW passenger: the names BC1RD's fuse monitors use), NC the window's return node,
// which reaches the windows' power ground pin through a 10 mohm shunt. The motor sits between the
// up relay's pin (motor pin 1) and the down relay's pin (motor pin 2). At rest both pins are on
// the return: the motor is braked. Up: the up relay puts the feed on pin 1, the current returns
// through the down relay's NC contact and the shunt, so the shunt measures the motor current
// whichever way it runs (AIP_*_WIN_CURR_SENSE). The coils are switched low-side to the power
// ground, from the window's feed.
//
// Convenience opening/closing (CHOSEN, BMW habit; no source says what the BC1 does): the key held
// in the driver's door lock for kConvenienceHoldS closes both windows (lock) or opens them
// (unlock) for as long as it is held, with the anti-trap of a one-touch close, ignition off too.
//
// DS2 (model/bc1/README.md "Power windows"): DOP_*_WIN_UP/DOWN are the coil commands;
// AIP_*_WIN_CURR_SENSE the shunt current (0.171568627 A/count); AIP_*_WIN_ANTITRAP the anti-trap's
// trip level on the same amplifier (0.019607843 V/count: 5 V full scale, 43.75 A), 0 while
// disarmed; AIP_WIN_RELAY_MON / AIP_PASS_WIN_RELAY_MON the COM readbacks, bit 0 up, bit 1 down
// (encoding CHOSEN: the table says only "Status Fahrer-Relais").
#include "body_function.h"
#include "fault_memory.h"
#include "lock_relay.h"
#include "window_lift.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bcmhil::model {

// Module pins of the power windows (named "<base>.<field>", e.g. "bc1.drv_win_up_out").
struct PowerWindowPins {
  electrical::NodeId kl30_dw{};        // 30DW: driver's window feed
  electrical::NodeId kl30_pw{};        // 30PW: passenger's window feed
  electrical::NodeId ground{};         // the windows' power ground (KL31)
  electrical::NodeId drv_up_out{};     // up relay COM: driver's motor pin 1
  electrical::NodeId drv_down_out{};   // down relay COM: driver's motor pin 2
  electrical::NodeId pass_up_out{};
  electrical::NodeId pass_down_out{};
  electrical::NodeId drv_up_sw_in{};   // DIP_DRV_WIN_UP_SW (rocker contact to ground)
  electrical::NodeId drv_down_sw_in{}; // DIP_DRV_WIN_DOWN_SW
  electrical::NodeId pass_up_sw_in{};  // DIP_PASS_WIN_UP_SW
  electrical::NodeId pass_down_sw_in{};// DIP_PASS_WIN_DOWN_SW
};
PowerWindowPins make_power_window_pins(electrical::Network& net, const std::string& base);

// The four relays, by index: 0 driver up, 1 driver down, 2 passenger up, 3 passenger down.
inline constexpr std::size_t kWindowRelays = 4;
inline constexpr std::array<const char*, kWindowRelays> kWindowRelayOutputs{
    "DOP_DRV_WIN_UP", "DOP_DRV_WIN_DOWN", "DOP_PASS_WIN_UP", "DOP_PASS_WIN_DOWN"};
inline constexpr std::array<const char*, kWindowRelays> kWindowSwitchInputs{
    "DIP_DRV_WIN_UP_SW", "DIP_DRV_WIN_DOWN_SW", "DIP_PASS_WIN_UP_SW", "DIP_PASS_WIN_DOWN_SW"};
// Node-name stems of the relay pins and relays ("bc1.drv_win_up_out", "bc1.drv_win_up_relay").
inline constexpr std::array<const char*, kWindowRelays> kWindowRelayStems{"drv_win_up", "drv_win_down",
                                                                          "pass_win_up", "pass_win_down"};
// The readback names of the relay pins in the input stage ("drv_win_up_monitor").
std::string window_monitor(std::size_t relay);

class PowerWindows : public sc_core::sc_module, public BodyFunction {
 public:
  enum Door : std::size_t { driver = 0, passenger = 1 };

  PowerWindows(sc_core::sc_module_name name, const std::string& base, Circuit& circuit, trace::Recorder& recorder,
               FaultMemory& faults, const PowerWindowPins& pins, electrical::NodeId kl15,
               electrical::NodeId module_ground);

  // By relay index: the debounced switch inputs and the relay COM readbacks.
  sc_core::sc_vector<sc_core::sc_in<bool>> switches{"switches", kWindowRelays};
  sc_core::sc_vector<sc_core::sc_in<bool>> monitors{"monitors", kWindowRelays};
  sc_core::sc_in<bool> key_lock{"key_lock"};      // DIP_DRV_KEY_SW_LK, debounced
  sc_core::sc_in<bool> key_unlock{"key_unlock"};  // DIP_DRV_KEY_SW_UNLK, debounced
  sc_core::sc_in<bool> powered{"powered"};

  // DS2 (BodyFunction): DIP_/DOP_ bits, AIP_ channels (raw 0-255), the relay coils a tester may
  // force. std::nullopt / nullptr for a name that is not the windows'.
  std::optional<bool> signal(std::string_view name) const override;
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;
  ForcibleOutput* forcible_output(std::string_view name) override;

  LockRelay& relay(std::size_t i) { return *relays_.at(i); }
  const LockRelay& relay(std::size_t i) const { return *relays_.at(i); }
  WindowLift& lift(Door door) { return *lifts_.at(door); }
  const WindowLift& lift(Door door) const { return *lifts_.at(door); }
  // The relay coil command by relay index, for the sleep manager and the trace.
  const sc_core::sc_signal_in_if<bool>& relay_command(std::size_t i) const;
  double motor_amps(Door door) const;  // the shunt current, as the module's amplifier sees it

  static constexpr double kShuntOhm = 0.01;
  static constexpr double kConvenienceHoldS = 1.5;
  static constexpr double kIgnitionOnV = 6.0;  // like the heated screens
  static constexpr double kAmpsPerCount = 0.171568627;  // bc1_analog.csv AIP_*_WIN_CURR_SENSE

 private:
  void on_key();
  void on_key_held();

  Circuit& circuit_;
  PowerWindowPins pins_;
  std::array<electrical::BranchId, 2> shunts_{};
  std::array<std::unique_ptr<LockRelay>, kWindowRelays> relays_;
  std::array<std::unique_ptr<WindowLift>, 2> lifts_;
  sc_core::sc_event key_held_;
  bool convenience_ = false;
};

}  // namespace bcmhil::model
