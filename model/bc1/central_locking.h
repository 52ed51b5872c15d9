#pragma once
// The BC1's central locking: what the software does with lock and unlock commands (fob, the
// door key switches, the master button in the centre console) and with the readback of its
// four lock relays.
//
// Topology (CHOSEN, the real schematic is not public; the domain notes name the relays
// "driver, rest = passenger + fuel flap, common, super-lock" and say the BC1 reverses their
// polarity): every relay's COM is a module pin, NO is 30CDL, NC is ground. The driver's door
// motor sits between the DRV and COMMON pins, the passenger door and fuel flap motors between
// REST and COMMON, the deadlock (super-lock) motor between SUPER and COMMON. At rest all COMs
// are on ground, so every motor is short-circuited (braked).
//   lock        DRV + REST energised: current from their pins through the motors to COMMON;
//   super-lock  SUPER energised (on a second lock within kSuperLockWindowS): the deadlock;
//   unlock      COMMON energised: every motor, the deadlock included, is driven back.
// The relays are energised for an on-time the module picks from the battery voltage at the
// moment of the command (MINI TIS 2003 table: the motors get the same work done on a weak
// battery as on a charging one).
//
// Readback: each COM pin feeds a comparator through a divider (like DIP_BOOT_RELEASE_MONITOR).
//   - during a pulse, after kReadbackSettleS: a relay commanded on whose COM stays low logs its
//     "NC FEHLER" (0x01 driver, 0x02 common, 0x03 rest, 0x04 super): its contact never left NC
//     (coil open, welded on NC) or carries too little (a corroded contact);
//   - at rest, kReadbackSettleS after the last change: a relay not commanded whose COM is high
//     logs its "NO FEHLER" (0x0D, 0x0E, 0x0F, 0x10). Then, as the domain notes say the real
//     module does, it energises the companion relay so both ends of the motor sit at battery
//     voltage and it stops: COMMON for a stuck DRV, REST or SUPER, DRV for a stuck COMMON. With
//     the common return shared by every motor, the companion alone would leave the other motors
//     driven into an end stop, so the module energises every relay that is not stuck: all
//     COM pins at 30CDL, no motor current anywhere (chosen; the deadlock cannot move either,
//     its two ends being equal). A consequence: with DRV welded the driver's door locks itself
//     and no unlock command reaches it (unlock energises COMMON, the other end is already high).
// Entries go active/inactive with the frequency counter of FaultMemory.
//
// Thermal cut-off ("ZV überbeansprucht": bc1_morttexte 0x05, bc1_iorttexte 0x35 "Überhitzung ZV,
// Abschaltung ausgelöst"): the motors' heating is tracked as accumulated relay on-time that
// cools exponentially; a command that finds more than kOverheatBudgetS of it is refused until
// it has cooled to half. Budget and cooling time are CHOSEN (no source gives them): about a
// dozen lock/unlock commands within a minute trip it.
#include "fault_memory.h"
#include "info_memory.h"

#include <systemc>

#include <array>
#include <cstdint>
#include <functional>

namespace bcmhil::model {

class CentralLocking : public sc_core::sc_module {
 public:
  enum Relay : std::size_t { drv = 0, common = 1, rest = 2, super = 3 };
  static constexpr std::size_t kRelays = 4;
  enum class Command { lock, unlock };
  // Where a command came from: only the outside (fob, door key) may deadlock.
  enum class Source { fob, key, master_button };

  // `supply_volts` reads the battery voltage as the module measures it (its 30CDL feed).
  // A thermal cut-off is recorded in `info` (0x35), where IS_LESEN reads the mislocks.
  CentralLocking(sc_core::sc_module_name name, FaultMemory& faults, InfoMemory& info, bool initially_locked,
                 std::function<double()> supply_volts);

  // Debounced switch inputs, active = pressed / turned.
  sc_core::sc_in<bool> drv_key_lock{"drv_key_lock"};        // DIP_DRV_KEY_SW_LK
  sc_core::sc_in<bool> drv_key_unlock{"drv_key_unlock"};    // DIP_DRV_KEY_SW_UNLK
  sc_core::sc_in<bool> pass_key_lock{"pass_key_lock"};      // DIP_PASS_KEY_SW_LK
  sc_core::sc_in<bool> pass_key_unlock{"pass_key_unlock"};  // DIP_PASS_KEY_SW_UNLK
  sc_core::sc_in<bool> master_lock{"master_lock"};          // DIP_MASTER_LK_SW
  sc_core::sc_in<bool> master_unlock{"master_unlock"};      // DIP_MASTER_UNLK_SW
  sc_core::sc_vector<sc_core::sc_in<bool>> readback;        // per Relay: its COM pin is high
  sc_core::sc_in<bool> powered{"powered"};

  // Per Relay: DOP_DRV_LOCK_RLY, DOP_COMMON_LOCK_RLY, DOP_REST_LOCK_RLY, DOP_SUPER_LOCK_RLY.
  sc_core::sc_vector<sc_core::sc_out<bool>> relay;
  sc_core::sc_out<bool> locked{"locked"};              // bc1.locked: 1 = locked
  sc_core::sc_out<bool> super_locked{"super_locked"};  // deadlocked on top

  // A command from another part of the software (the fob decoder); any process may call it.
  void request(Command command, Source source);
  bool is_locked() const { return locked_state_; }
  bool is_super_locked() const { return super_state_; }
  // The relay on-time the module picks at this battery voltage (MINI TIS 2003).
  static double on_time_s(double battery_volts);
  double last_on_time_s() const { return last_on_time_s_; }
  double last_command_volts() const { return last_command_volts_; }
  bool overheated() const { return overheated_state_; }
  const sc_core::sc_signal_in_if<bool>& overheated_signal() const { return overheated_; }
  // Motor heat as seconds of relay on-time, now.
  double heat_s() const;

  static constexpr double kOverheatBudgetS = 6.0;   // chosen: 12 commands at 0.5 s
  static constexpr double kCoolingTimeS = 60.0;     // chosen: e-folding time of the heat

  // A second lock within this window deadlocks the doors (chosen; BMW's double-lock habit).
  static constexpr double kSuperLockWindowS = 3.0;
  // After this the readback of a switched relay is judged (estimate; the armature needs
  // ~3 ms, the rest is margin for the motor's inrush).
  static constexpr double kReadbackSettleS = 0.05;

  static constexpr std::array<std::uint8_t, kRelays> kNcFault{
      fault_code::kDriverRelayNc, fault_code::kCommonRelayNc, fault_code::kRestRelayNc, fault_code::kSuperRelayNc};
  static constexpr std::array<std::uint8_t, kRelays> kNoFault{
      fault_code::kDriverRelayNo, fault_code::kCommonRelayNo, fault_code::kRestRelayNo, fault_code::kSuperRelayNo};

 private:
  void start_of_simulation() override;
  void on_switch();
  void pulse_thread();
  void on_readback_change();
  void judge_at_rest();
  void write_relays();
  void on_cooled();
  // The one process that writes the state outputs (requests arrive from several processes).
  void publish_state();

  FaultMemory& faults_;
  InfoMemory& info_;
  std::function<double()> supply_volts_;
  bool locked_state_;
  bool super_state_ = false;
  std::array<bool, kRelays> pulse_{};  // energised by the running command
  std::array<bool, kRelays> hold_{};   // energised to stop a motor fed by a welded relay
  std::array<bool, kRelays> stuck_on_{};  // last judged welded on NO
  bool pulsing_ = false;
  bool pending_ = false;
  bool pending_super_ = false;
  Command pending_command_ = Command::lock;
  sc_core::sc_time last_lock_at_;
  bool had_lock_ = false;
  double last_on_time_s_ = 0.0;
  double last_command_volts_ = 0.0;
  sc_core::sc_event command_event_;
  sc_core::sc_event judge_event_;
  double heat_s_ = 0.0;                  // at heat_at_
  sc_core::sc_time heat_at_;
  sc_core::sc_event cooled_;
  bool overheated_state_ = false;
  sc_core::sc_event state_changed_;
  sc_core::sc_signal<bool> overheated_{"overheated"};
};

}  // namespace bcmhil::model
