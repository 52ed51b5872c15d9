#include "battery_monitor.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

namespace {
constexpr double kPsPerS = 1e12;
constexpr double kAsPerMah = 3.6;  // 1 mAh = 3.6 A*s
}  // namespace

BatteryMonitor::BatteryMonitor(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                               electrical::BranchId battery, double capacity_ah)
    : sc_module(name),
      circuit_(circuit),
      recorder_(recorder),
      battery_(battery),
      capacity_ah_(capacity_ah),
      current_signal_(recorder.declare("battery.current", trace::Kind::real, "A",
                                       "current drawn from the battery (a clamp meter on the battery lead)", 0.0)),
      drawn_signal_(recorder.declare("battery.drawn_mAh", trace::Kind::real, "mAh",
                                     "charge drawn from the battery since the start", 0.0)) {
  SC_HAS_PROCESS(BatteryMonitor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
}

void BatteryMonitor::integrate_to(std::uint64_t now_ps) {
  if (now_ps <= last_ps_) return;
  drawn_as_ += current_a_ * static_cast<double>(now_ps - last_ps_) / kPsPerS;
  last_ps_ = now_ps;
}

double BatteryMonitor::drawn_mah() const {
  const auto now = now_ps();
  const double pending = now > last_ps_ ? current_a_ * static_cast<double>(now - last_ps_) / kPsPerS : 0.0;
  return (drawn_as_ + pending) / kAsPerMah;
}

double BatteryMonitor::state_of_charge() const { return 1.0 - drawn_mah() / (capacity_ah_ * 1000.0); }

void BatteryMonitor::record_now() {
  const auto now = now_ps();
  integrate_to(now);
  recorder_.record(drawn_signal_, now, drawn_as_ / kAsPerMah);
}

void BatteryMonitor::on_solved() {
  record_now();  // the rectangle of the old current ends here
  current_a_ = -circuit_.network().current(battery_);
  recorder_.record(current_signal_, now_ps(), current_a_);
}

}  // namespace bcmhil::model
