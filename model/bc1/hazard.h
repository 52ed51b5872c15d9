#pragma once
// The hazard-light function: the switch in the centre console is a momentary push-button
// (DIP_HAZARD_SW, active while pressed) and the module toggles the hazard lights on each press,
// debounced by the input block. A module in brown-out reset forgets the state and ignores presses.
// The flashing itself is the indicator arbiter's (indicator_arbiter.h).
//
// Chosen: a push-button with the toggle in the module. The tables give only the switch input, not
// whether the R50's button latches; a toggling module is what the "Schaltereingang" suggests.
#include <systemc>

namespace bcmhil::model {

class Hazard : public sc_core::sc_module {
 public:
  explicit Hazard(sc_core::sc_module_name name);

  sc_core::sc_in<bool> hazard_sw{"hazard_sw"};  // DIP_HAZARD_SW, debounced
  sc_core::sc_in<bool> powered{"powered"};
  sc_core::sc_out<bool> on{"on"};               // bc1.hazard_on

 private:
  void on_press();
  bool state_ = false;
};

}  // namespace bcmhil::model
