#include "bus_monitor.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

BusMonitor::BusMonitor(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId kline,
                       electrical::NodeId ground, double high_threshold_v, FaultMemory& faults)
    : sc_module(name), circuit_(circuit), kline_(kline), ground_(ground), threshold_v_(high_threshold_v), faults_(faults) {
  SC_HAS_PROCESS(BusMonitor);
  SC_METHOD(on_change);
  sensitive << circuit.solved() << powered;
  dont_initialize();
  SC_METHOD(on_stuck);
  sensitive << stuck_;
  dont_initialize();
}

bool BusMonitor::line_low() const {
  const auto& net = circuit_.network();
  return net.voltage(kline_) - net.voltage(ground_) < threshold_v_;
}

// Only a change of the line starts or stops the timer: nothing wakes while the line idles.
void BusMonitor::on_change() {
  const bool low = powered.read() && line_low();
  if (low && !timing_) {
    timing_ = true;
    stuck_.notify(sc_core::sc_time(kStuckS, sc_core::SC_SEC));
  } else if (!low && timing_) {
    timing_ = false;
    stuck_.cancel();
  }
  if (!line_low() && powered.read() && reported_) {
    reported_ = false;
    faults_.report_absent(fault_code::kDataBus);
  }
}

void BusMonitor::on_stuck() {
  timing_ = false;
  if (!powered.read() || !line_low()) return;
  reported_ = true;
  faults_.report_present(fault_code::kDataBus, now_ps());
}

}  // namespace bcmhil::model
