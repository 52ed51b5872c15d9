#pragma once
// The key fobs and the 433 MHz receiver in the headliner that hands their telegrams to the BC1
// on one data line (DIP_RF_CODE_LOGIC), bit by bit in real time (format: model/bc1/rf_frame.h).
#include "model/bc1/rf_frame.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <deque>

namespace bcmhil::model {

// A fob is data: its identity, its rolling counter and its coin cell.
struct KeyFob {
  std::uint32_t id = 0;
  std::uint16_t counter = 0;
  double battery_volts = 3.0;  // CR2032
  bool in_range = true;

  static constexpr double kLowBatteryVolts = 2.6;  // sets the low-battery flag (estimate)
  static constexpr double kDeadBatteryVolts = 2.2; // below this it does not transmit (estimate)

  // Pressing always advances the counter, heard or not: that is how fobs fall out of sync.
  // Returns the telegram, or nothing when the fob cannot transmit.
  std::optional<std::uint64_t> press(FobButton button);
};

class RfReceiver : public sc_core::sc_module {
 public:
  RfReceiver(sc_core::sc_module_name name, trace::Recorder& recorder);

  sc_core::sc_signal<bool> data{"DIP_RF_CODE_LOGIC"};  // to the BC1
  void transmit(std::uint64_t telegram);                 // queued behind one on air

 private:
  void transmit_thread();
  std::deque<std::uint64_t> queue_;
  sc_core::sc_event queued_;
};

}  // namespace bcmhil::model
