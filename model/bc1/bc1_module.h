#pragma once
// The BC1 body control module: its pins as circuit nodes, the input front end,
// the cycle-level digital input block (Verilog, hw/bc1_io.v), the controller and the output
// drivers. Everything outside the case (fuses, harness, loads, the fob) lives in model/car.
//
// Pin nodes are named by function ("bc1.tailgate_out"); which connector pin each one is on the
// real module is not public, see model/bc1/README.md.
#include "body_function.h"
#include "bus_monitor.h"
#include "central_locking.h"
#include "climate.h"
#include "crash_unlock.h"
#include "heated_screen_faults.h"
#include "controller.h"
#include "fault_memory.h"
#include "alarm.h"
#include "alarm_outputs.h"
#include "hazard.h"
#include "high_side_driver.h"
#include "indicator_arbiter.h"
#include "info_memory.h"
#include "interior_light.h"
#include "heated_screens.h"
#include "exterior_lights.h"
#include "input_stage.h"
#include "lock_relay_bank.h"
#include "lock_relay_status.h"
#include "remote_keys.h"
#include "power_windows.h"
#include "sleep_manager.h"
#include "switch_supply.h"
#include "wipers.h"
#include "model/circuit/circuit.h"
#include "model/io/digital_io.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>
#include <vector>

namespace bcmhil::model {

struct Bc1Pins {
  electrical::NodeId kl30_logic;   // permanent supply of the electronics
  electrical::NodeId kl30_cdl;     // 30CDL: central locking and tailgate release feed
  electrical::NodeId kl30_light;   // indicator feed
  electrical::NodeId kl15;         // ignition
  electrical::NodeId ground;       // module ground pin
  electrical::NodeId tailgate_out;       // DOP_BOOT_RELEASE
  electrical::NodeId indicator_lh_out;   // DOP_LH_INDICATOR_LGT
  electrical::NodeId indicator_rh_out;   // DOP_RH_INDICATOR_LGT
  electrical::NodeId boot_handle_in;     // DIP_BOOT_HANDLE_SW
  electrical::NodeId boot_open_in;       // DIP_BOOT_OPEN_SW
  electrical::NodeId kline;              // diagnostic K-line (DS2)
  electrical::NodeId driver_door_in;     // DIP_DRV_DOOR_OPEN (door contact to ground: 1 = open)
  electrical::NodeId passenger_door_in;  // DIP_PASS_DOOR_OPEN
  electrical::NodeId bonnet_in;          // DIP_BONNET_SW
  electrical::NodeId hazard_in;          // DIP_HAZARD_SW (push-button to ground)
  electrical::NodeId tilt_in;            // DIP_ALARM_TILT_SW (tilt switch to ground)
  electrical::NodeId interior_light_out; // no DOP_ name in the tables: bc1.interior_light_out
  electrical::NodeId siren_out;          // DOP_SOUND_ALARM (trigger line of the siren)
  electrical::NodeId alarm_led_out;      // DOP_ALARM_LED
  CentralLockingPins locking;            // lock relay outputs, key and master switch inputs
  electrical::NodeId heated_rr_win_rly_out;  // DOP_HEATED_RR_WIN_RLY (relay coil)
  electrical::NodeId heated_ft_win_rly_out;  // DOP_HEATED_FT_WIN_RLY (relay coil)
  electrical::NodeId ht_rr_win_led_out;      // DOP_HT_RR_WIN_LED
  electrical::NodeId ht_ft_win_led_out;      // DOP_HT_FT_WIN_LED
  electrical::NodeId ht_rr_win_sw_in;        // DIP_HT_RR_WIN_SW (push-button to ground)
  electrical::NodeId ht_ft_scr_sw_in;        // DIP_HT_FT_SCR_SW (push-button to ground)
  WiperPins wipers;                          // wipers and washers (model/bc1/wipers.h)
  ExteriorLightPins lights;                  // exterior lights: lamp outputs, light switch, stalks, brake
  ClimatePins climate;                       // A/C, recirculation flap, blower, evaporator (climate.h)
  CrashUnlockPins crash;                     // inertia sensor, terminal R (crash_unlock.h)
  PowerWindowPins windows;                   // window feeds, relay pins, switch inputs
  AlarmOutputPins alarm_outputs;             // the siren unit's arm line (alarm_outputs.h)
};

// One input of the module: its front end in the input stage and, for a switch, the slot of the
// RTL block's debouncer (hw/bc1_io.v switch_raw) it is wired to. An output's readback has none:
// it is read as it is.
struct InputWiring {
  InputPinSpec spec;
  std::optional<std::size_t> debouncer_slot;
};

class Bc1Module : public sc_core::sc_module {
 public:
  Bc1Module(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
            const Bc1Coding& coding, DigitalIoConfig io_config, bool initially_locked);

  sc_core::sc_in<bool> rf_data{"rf_data"};  // DIP_RF_CODE_LOGIC, from the fob receiver

  const Bc1Pins& pins() const { return pins_; }
  HighSideDriver& tailgate_driver() { return *tailgate_driver_; }
  HighSideDriver& indicator_driver_lh() { return *indicator_lh_; }
  HighSideDriver& indicator_driver_rh() { return *indicator_rh_; }
  HighSideDriver& siren_driver() { return *siren_driver_; }
  FaultMemory& fault_memory() { return faults_; }
  InfoMemory& info_memory() { return info_; }  // the alarm's mislock and trigger records (IS_LESEN)
  const InfoMemory& info_memory() const { return info_; }
  HighSideDriver& interior_light_driver() { return *interior_light_; }
  const HighSideDriver& interior_light_driver() const { return *interior_light_; }
  // Every smart high-side switch on the board (water corrodes those whose output pin is wet). A
  // function with its own drivers adds them with add_high_side_driver during elaboration.
  std::vector<HighSideDriver*> high_side_drivers() const;
  void add_high_side_driver(HighSideDriver& driver) { extra_drivers_.push_back(&driver); }
  const InteriorLight& interior_light() const { return interior_; }
  const IndicatorArbiter& indicator_arbiter() const { return arbiter_; }
  LockRelay& lock_relay(CentralLocking::Relay relay) { return lock_relays_.relay(relay); }
  const CentralLocking& central_locking() const { return central_locking_; }
  const Controller& controller() const { return controller_; }
  Controller& controller() { return controller_; }
  // The key slots and the re-sync procedure (READ/WRITE_PLIP_CODES, STATUS_RF).
  RemoteKeys& remote_keys() { return keys_; }
  const RemoteKeys& remote_keys() const { return keys_; }
  const DigitalIo& digital_io() const { return io_; }
  // Sleep and wake (model/bc1/README.md "Sleep and wake"): a function that must keep the module
  // awake registers its outputs with sleep_manager().keep_awake(signal) during elaboration.
  SleepManager& sleep_manager() { return sleep_; }
  const SleepManager& sleep_manager() const { return sleep_; }
  HeatedScreens& heated_screens() { return heated_; }
  const SwitchSupply& switch_supply() const { return switch_supply_; }
  Wipers& wipers() { return wipers_; }
  ExteriorLights& exterior_lights() { return lights_; }
  const ExteriorLights& exterior_lights() const { return lights_; }
  Climate& climate() { return climate_; }
  const Climate& climate() const { return climate_; }
  const CrashUnlock& crash_unlock() const { return crash_; }
  PowerWindows& power_windows() { return windows_; }
  AlarmOutputs& alarm_outputs() { return alarm_outputs_; }  // the BBS arm line, the siren lines' codes
  const PowerWindows& power_windows() const { return windows_; }

  // The module's view of a signal from the reference tables (DIP_*/DOP_*), for diagnostics.
  // std::nullopt for a name this model does not implement.
  std::optional<bool> signal(std::string_view name) const;
  // The registered functions' analog channels (BodyFunction::analog_raw); std::nullopt for a
  // channel none of them owns.
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const;

  // A function plugs into diagnostics (signal, analog_raw, force_output) by registering itself
  // here, during elaboration (in the constructor). The module does not own it.
  void add_function(BodyFunction& function) { functions_.push_back(&function); }

  // Diagnostics (STEUERN_IOSTATES) forcing an output; call from a simulation process. A forced
  // output switches itself off after kForcedOnLimit so no tester can burn a lock motor (chosen:
  // the real module's limit is unknown). false: this output cannot be forced.
  bool force_output(std::string_view name, bool on);
  static constexpr double kForcedOnLimitS = 5.0;

  // Diagnostics (SG_RESET): the microcontroller restarts as at power-on. Its pins drop to reset
  // at once (every output off, a forced output released), then it boots for kBootS and runs again
  // with the supply it finds, exactly the path a brown-out takes. Call from a simulation process.
  void restart();

  Circuit& circuit() { return circuit_; }
  const Circuit& circuit() const { return circuit_; }

  // The pull-up resistor of a switch input (by its DIP_ name), for a fault that corrodes it.
  // Throws std::invalid_argument for a name that is not a switch input of the input stage.
  electrical::BranchId input_pull_up(std::string_view signal) const;

  // Pins and internal resistors of the input stage, for faults that act on them.
  static constexpr double kPullUpOhm = 10e3;    // with kPullDownOhm: an open input reads ~half
  static constexpr double kPullDownOhm = 10e3;  // the supply, as the owner measured (~6 V)
  static constexpr double kInputThresholdV = 3.0;
  static constexpr double kMonitorThresholdV = 6.0;
  // Below this the microcontroller is held in reset (brown-out); it runs again above the upper
  // threshold. Chosen: the real module's regulator and reset thresholds are not published.
  static constexpr double kBrownOutV = 6.0;
  static constexpr double kPowerGoodV = 7.0;
  // After the supply comes back the microcontroller boots before it reads anything (chosen):
  // inputs that read "pressed" while the supply sagged have settled by then.
  static constexpr double kBootS = 0.02;
  // The logic's reservoir capacitor rides through a dip this long before the reset comes
  // (chosen): a reset follows a sag, it does not coincide with it, so the trace shows the dip.
  static constexpr double kHoldUpS = 0.001;
  bool powered() const { return powered_.read(); }

  // The K-line idles high (pulled up to the supply inside the module, 1 kΩ chosen); a line
  // pulled below the receiver's threshold (water on the pin: owners measured 0 Ω to ground)
  // carries no DS2 at all. An unpowered module does not answer either.
  bool kline_usable() const;
  // A DS2 request arrives on the K-line: if the line carries it, it wakes a sleeping module.
  // Returns kline_usable(). Call from a simulation process.
  bool hear_kline();
  static constexpr double kKlinePullUpOhm = 1e3;
  static constexpr double kKlineHighV = 6.0;

 private:
  // The constructor's steps: each wires one part of the module.
  void wire_input_block();
  void wire_controller();
  void wire_body_functions();
  void wire_central_locking();
  void wire_heated_screens();
  void wire_wipers();
  void wire_exterior_lights();
  void wire_climate(trace::Recorder& recorder);
  void wire_power_windows();
  void wire_alarm_outputs();
  void wire_sleep();
  void register_processes(Circuit& circuit);
  void record_signals(trace::Recorder& recorder);
  // An input by its name in the input wiring: its comparator, and (a switch) its debounced output.
  std::size_t input_index(std::string_view signal) const;
  sc_core::sc_signal<bool>& comparator(std::string_view signal);
  const sc_core::sc_signal<bool>& comparator(std::string_view signal) const;
  sc_core::sc_signal<bool>& debounced(std::string_view signal);
  const sc_core::sc_signal<bool>& debounced(std::string_view signal) const;

  void drive_outputs();
  void watch_supply();
  void end_boot();
  void end_hold_up();
  void end_forced_output();

  Bc1Pins pins_;
  std::vector<InputWiring> wiring_;  // in comparator order
  FaultMemory faults_;
  InfoMemory info_;
  std::unique_ptr<HighSideDriver> tailgate_driver_;
  std::unique_ptr<HighSideDriver> indicator_lh_;
  std::unique_ptr<HighSideDriver> indicator_rh_;
  std::unique_ptr<HighSideDriver> interior_light_;
  std::unique_ptr<HighSideDriver> siren_driver_;
  std::vector<HighSideDriver*> extra_drivers_;  // the functions' own, by add_high_side_driver
  std::unique_ptr<HighSideDriver> alarm_led_driver_;
  InputStage inputs_;
  DigitalIo io_;
  CentralLocking central_locking_;
  LockRelayBank lock_relays_;
  RemoteKeys keys_;
  Controller controller_;
  IndicatorArbiter arbiter_;
  Hazard hazard_;
  InteriorLight interior_;
  Alarm alarm_;
  SleepManager sleep_;
  HeatedScreens heated_;
  SwitchSupply switch_supply_;       // AIP_EXT_5V_MON, pin X331.17
  LockRelayStatus lock_relay_status_;  // AIP_LOCK_RELAY_MON / _2
  BusMonitor bus_monitor_;           // DATENBUS FEHLER 0x00
  Wipers wipers_;
  ExteriorLights lights_;
  HeatedScreenFaults heated_faults_;
  Climate climate_;
  CrashUnlock crash_;
  PowerWindows windows_;
  AlarmOutputs alarm_outputs_;

  sc_core::sc_vector<sc_core::sc_signal<bool>> comparator_;  // input stage outputs, in wiring_ order
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_raw_;        // ties a free debouncer slot inactive
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_debounced_;  // by debouncer slot
  sc_core::sc_signal<std::uint64_t> rf_frame_{"rf_frame_sig"};
  sc_core::sc_signal<std::uint32_t> rf_frame_count_{"rf_frame_count_sig"};
  sc_core::sc_signal<std::uint32_t> rf_error_count_{"rf_error_count_sig"};
  // Written by the controller's own processes and by diagnostics forcing an output.
  using OutputSignal = ForcibleOutput;
  std::vector<BodyFunction*> functions_;  // add_function, in registration order
  OutputSignal boot_release_{"DOP_BOOT_RELEASE"};
  OutputSignal lh_indicator_{"DOP_LH_INDICATOR_LGT"};
  OutputSignal rh_indicator_{"DOP_RH_INDICATOR_LGT"};
  OutputSignal interior_light_cmd_{"interior_light_cmd"};
  OutputSignal siren_{"DOP_SOUND_ALARM"};
  OutputSignal alarm_led_{"DOP_ALARM_LED"};
  // The controller's acknowledge pattern, before the indicator arbiter.
  sc_core::sc_signal<bool> ack_lh_{"ack_lh"};
  sc_core::sc_signal<bool> ack_rh_{"ack_rh"};
  sc_core::sc_signal<bool> hazard_on_{"hazard_on"};
  sc_core::sc_signal<bool> alarm_flash_{"alarm_flash"};
  // The indicator stalk's turn signal request (exterior lights -> indicator arbiter).
  sc_core::sc_signal<bool> turn_lh_{"turn_lh"};
  sc_core::sc_signal<bool> turn_rh_{"turn_rh"};
  sc_core::sc_signal<bool> alarm_armed_{"alarm_armed"};
  sc_core::sc_vector<OutputSignal> lock_relay_cmd_{"lock_relay_cmd", CentralLocking::kRelays};  // DOP_*_LOCK_RLY
  sc_core::sc_event forced_off_;
  sc_core::sc_event booted_;
  bool booting_ = false;
  sc_core::sc_event held_up_;  // the hold-up time of a dip is over
  bool dipping_ = false;
  OutputSignal* forced_ = nullptr;
  sc_core::sc_signal<bool> locked_{"locked"};
  sc_core::sc_signal<bool> super_locked_{"super_locked"};
  // Written by the supply watch (reset) and the end of the boot (run).
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> powered_{"powered"};
  Circuit& circuit_;
};

}  // namespace bcmhil::model
