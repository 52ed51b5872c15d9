#pragma once
// A filament lamp load (an indicator side: front 21 W + rear 21 W + repeater 5 W), and whether
// a person would see it lit.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

namespace bcmhil::model {

class Lamp : public sc_core::sc_module {
 public:
  Lamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
       double watts, double rated_volts = 13.5);
  electrical::BranchId branch() const { return branch_; }
  bool lit() const { return lit_.read(); }
  void set_burnt_out(bool burnt);

 private:
  void on_solved();
  Circuit& circuit_;
  double hot_ohm_;
  double lit_current_a_;
  electrical::BranchId branch_;
  sc_core::sc_signal<bool> lit_{"lit"};
};

}  // namespace bcmhil::model
