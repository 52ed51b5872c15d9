#pragma once
// A failed lamp relay in the car (model/car/lamp_relay.h): the front fog lamps' or the auxiliary
// lamps'. The BC1 reads the lamp line behind the relay back (model/bc1/exterior_lights.h):
//
// coil_open: the coil winding burnt through: the relay never pulls in, the lamps stay dark although
//   the module drives the coil; the line stays low when commanded: "AUS FEHLER" (front fog 0xB2
//   NSW AUS FEHLER, auxiliary lamps 0xB4 ZUSATZLEUCHTE AUS FEHLER).
// welded: the contact fused shut (an inrush arc): the lamps are lit all the time, with the switch
//   off and the car parked; the line is up with the coil not commanded: "EIN FEHLER" (0xB1 / 0xB3),
//   logged once the module is awake to judge it.
#include "fault.h"

namespace bcmhil::faults {

class LampRelayFailed : public Fault {
 public:
  LampRelayFailed(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::LampRelay& relay_;
  bool welded_;
};

std::vector<ParamSpec> lamp_relay_failed_params();

}  // namespace bcmhil::faults
