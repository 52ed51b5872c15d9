#pragma once
// What a clamp meter on the battery lead and a charge counter would tell: the current the car
// draws from the battery and the charge drawn since the start of the run.
//
// The network only changes when it is solved, so the battery current is constant between two
// solutions and the drawn charge is exact as a sum of rectangles: at every solve the monitor
// adds (old current x time since the last solve), then takes the new current. Nothing runs
// periodically, so a car that sleeps costs the kernel nothing and both clock modes (stepping,
// skipping) integrate the same rectangles. record_now() closes the last rectangle at the
// current time (the runner calls it at the end of a run, so the final value is in the trace).
//
// Recorded: "battery.current" (A, drawn: positive when the battery discharges) and
// "battery.drawn_mAh" (mAh drawn since time zero; charging counts negative).
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>

namespace bcmhil::model {

class BatteryMonitor : public sc_core::sc_module {
 public:
  // `battery` is the battery's source branch (current from + to - through it is negative while
  // discharging, see electrical::Network).
  BatteryMonitor(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                 electrical::BranchId battery, double capacity_ah = kCapacityAh);

  double current_a() const { return current_a_; }              // drawn now
  double drawn_mah() const;                                    // up to the current instant
  double state_of_charge() const;                              // 1 = as at the start, 0 = flat
  double capacity_ah() const { return capacity_ah_; }
  // Integrates up to now and records the result (end of a run, or before reading a trace).
  void record_now();

  // A typical R50/R53 starter battery; estimate (no source gives the fitted size).
  static constexpr double kCapacityAh = 50.0;

 private:
  void on_solved();
  void integrate_to(std::uint64_t now_ps);

  Circuit& circuit_;
  trace::Recorder& recorder_;
  electrical::BranchId battery_;
  double capacity_ah_;
  double current_a_ = 0.0;
  double drawn_as_ = 0.0;  // ampere-seconds up to last_ps_
  std::uint64_t last_ps_ = 0;
  trace::SignalId current_signal_;
  trace::SignalId drawn_signal_;
};

}  // namespace bcmhil::model
