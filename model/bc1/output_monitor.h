#pragma once
// The readback judge of one output pin: the module compares what it commands with what its pin
// readback (a divider into a comparator, Bc1Module::kMonitorThresholdV) shows, once both have
// settled, and logs the output's "EIN FEHLER" / "AUS FEHLER" codes (bc1_forttexte.csv).
//
// Detection rule (CHOSEN, no source gives the BC1's; the same as the central-locking relays'
// NC / NO judgement):
//   - commanded on and the pin stays low (driver dead or burnt open, pin shorted to ground, a
//     corroded output): "AUS" code present (the output stays off); commanded on and high: absent;
//   - commanded off and the pin stays high (driver shorted, pin bridged to a feed): "EIN" code
//     present (the output is on by itself); off and low: absent;
//     the project's one reading of EIN / AUS FEHLER, as for 0xAA / 0xC4, the wipers, the lights
//     and the windows;
//   - an output with one code for both (0x9A "KLIMAKOMPRESSOR FEHLER") is present on either
//     mismatch and absent when the pin agrees;
//   - judged kSettleS after the command last changed (the relay coil or load needs no more), and
//     again kSettleS after the readback moves while the command stands (a chopping driver is
//     judged at the rate it chops, not never); not judged while the module is in reset.
#include "fault_memory.h"

#include <systemc>

#include <cstdint>
#include <optional>

namespace bcmhil::model {

class OutputMonitor : public sc_core::sc_module {
 public:
  OutputMonitor(sc_core::sc_module_name name, FaultMemory& faults, std::optional<std::uint8_t> on_code,
                std::optional<std::uint8_t> off_code);

  sc_core::sc_in<bool> command{"command"};    // the output commanded on
  sc_core::sc_in<bool> readback{"readback"};  // its pin above the monitor threshold
  sc_core::sc_in<bool> powered{"powered"};    // false: the module is in reset

  static constexpr double kSettleS = 0.05;  // chosen, like CentralLocking::kReadbackSettleS

 private:
  void on_command();
  void on_readback();
  void judge();

  FaultMemory& faults_;
  std::optional<std::uint8_t> on_code_;
  std::optional<std::uint8_t> off_code_;
  bool pending_ = false;
  sc_core::sc_event due_;
};

}  // namespace bcmhil::model
