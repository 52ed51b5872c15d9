#pragma once
// The heated screens' own fault codes (bc1_forttexte.csv), judged from a readback of each relay
// coil output pin (model/bc1/heated_screens drives them) by an OutputMonitor each:
//   0x93 "HHS AUS FEHLER"  rear window relay commanded on, its pin stays low (it stays off)
//   0x8B "HHS EIN FEHLER"  rear window relay not commanded, its pin high (on by itself)
//   0x9C "HFS AUS FEHLER"  front screen relay commanded on, its pin stays low
//   0x9B "HFS EIN FEHLER"  front screen relay not commanded, its pin high
// The detection rule (CHOSEN: no source gives the BC1's) is OutputMonitor's.
#include "output_monitor.h"

#include "model/circuit/circuit.h"

#include <string>
#include <vector>

namespace bcmhil::model {

struct InputWiring;
struct HeatedScreenPins;

// The two readbacks ("heated_rr_win_rly_monitor", "heated_ft_win_rly_monitor"), not debounced.
std::vector<InputWiring> heated_screen_fault_inputs(electrical::NodeId rear_relay_pin, electrical::NodeId front_relay_pin);

struct HeatedScreenFaults : sc_core::sc_module {
  explicit HeatedScreenFaults(sc_core::sc_module_name name, FaultMemory& faults);
  OutputMonitor rear;
  OutputMonitor front;
};

}  // namespace bcmhil::model
