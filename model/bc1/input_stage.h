#pragma once
// The electrical front end of the BC1's inputs: per pin a pull-up to the module's sense supply
// and a pull-down (the divider that makes an open input read about half the supply, as the
// owner measured ~6 V on the hatch contact line), and a comparator with a threshold.
// Comparators are re-evaluated whenever the circuit is solved; their outputs are the raw
// digital inputs fed to the cycle-level input block (debouncing happens there, in RTL).
#include "model/circuit/circuit.h"

#include <systemc>

#include <string>
#include <vector>

namespace bcmhil::model {

struct InputPinSpec {
  std::string signal;          // reference name, e.g. DIP_BOOT_HANDLE_SW
  electrical::NodeId pin;
  double pull_up_ohm;          // to the sense supply; kOpen for none
  double pull_down_ohm;        // to the module's ground pin; kOpen for none
  double threshold_v;
  bool active_low;             // a switch to ground reads active when the pin is pulled low
};

class InputStage : public sc_core::sc_module {
 public:
  // Pull-ups go to `sense_supply`, pull-downs to the module's own ground pin `module_ground`.
  InputStage(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId sense_supply,
             electrical::NodeId module_ground, std::vector<InputPinSpec> pins);

  sc_core::sc_vector<sc_core::sc_out<bool>> active;  // one per pin, in the order given

  const std::vector<InputPinSpec>& pins() const { return pins_; }
  electrical::BranchId pull_up(std::size_t i) const { return pull_ups_.at(i); }

 private:
  void evaluate();

  Circuit& circuit_;
  std::vector<InputPinSpec> pins_;
  std::vector<electrical::BranchId> pull_ups_;
};

}  // namespace bcmhil::model
