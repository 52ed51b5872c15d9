#pragma once
// DATENBUS FEHLER (0x00): the module's K-bus / diagnostic line held low. The line idles high
// through the module's own pull-up (bc1_module.h kKlinePullUpOhm) and only bytes pull it low, for
// a millisecond at a time at 9600 baud (a 0x00 byte: 9 bit times, 0.94 ms). A line that stays
// below the receiver's threshold (Bc1Module::kKlineHighV) for kStuckS while the module runs is no
// traffic but a bus fault: water or a dendrite to ground on the pin (owners measured 0 ohm), a
// short in the loom. The module logs 0x00 active then, and inactive once the line is back high,
// so the tester reads it stored after the line has dried. CHOSEN: the real module's criterion is
// not published (nor whether it also logs a missing instrument cluster, the domain notes' "without
// the instrument cluster expect a bus fault"; the model has no K-bus partner). kStuckS 2 s, CHOSEN:
// two thousand byte times, far beyond any telegram.
#include "fault_memory.h"
#include "model/circuit/circuit.h"

#include <systemc>

namespace bcmhil::model {

class BusMonitor : public sc_core::sc_module {
 public:
  static constexpr double kStuckS = 2.0;

  BusMonitor(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId kline, electrical::NodeId ground,
             double high_threshold_v, FaultMemory& faults);

  sc_core::sc_in<bool> powered{"powered"};

 private:
  void on_change();  // a circuit solution or the supply: is the line low now?
  void on_stuck();
  bool line_low() const;

  Circuit& circuit_;
  electrical::NodeId kline_;
  electrical::NodeId ground_;
  double threshold_v_;
  FaultMemory& faults_;
  bool timing_ = false;
  bool reported_ = false;
  sc_core::sc_event stuck_;
};

}  // namespace bcmhil::model
