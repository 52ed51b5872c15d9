#pragma once
// The interior light's timing in the BC1 (output pin bc1.interior_light_out: the reference tables
// have no DOP_ name for it, so the model names the pin itself).
//
//   a door opens          -> on
//   the last door closes  -> stays on for interior_light_delay, then off
//   the car is locked     -> off at once (also during the delay)
//   a door left open      -> off after interior_light_cutoff since the last door opened, to save the
//                            battery; on again when a door opens anew
// Timings are coding values (body_coding.h); both defaults are estimates.
#include "body_coding.h"

#include <systemc>

namespace bcmhil::model {

class InteriorLight : public sc_core::sc_module {
 public:
  InteriorLight(sc_core::sc_module_name name, const BodyCoding& coding);

  sc_core::sc_in<bool> driver_door{"driver_door"};        // DIP_DRV_DOOR_OPEN, debounced
  sc_core::sc_in<bool> passenger_door{"passenger_door"};  // DIP_PASS_DOOR_OPEN, debounced
  sc_core::sc_in<bool> locked{"locked"};
  sc_core::sc_in<bool> powered{"powered"};
  sc_core::sc_out<bool> light{"light"};  // the interior light output commanded

  // Why the light is off with a door open: the battery saver cut it.
  bool cut_off() const { return cut_off_; }

 private:
  void update();

  const BodyCoding& coding_;
  bool on_ = false;
  bool cut_off_ = false;
  bool was_driver_ = false, was_passenger_ = false, was_locked_ = false;
  sc_core::sc_time deadline_ = sc_core::SC_ZERO_TIME;
  bool timing_ = false;
  sc_core::sc_event timer_;
};

}  // namespace bcmhil::model
