#pragma once
// The contact of the blower relay or the A/C compressor clutch relay welded shut (an arc on
// switching the motor's or the clutch's inductive current). The load runs whatever the BC1 does,
// with the ignition off too: the blower keeps running (and drains the battery) or the compressor
// keeps its clutch engaged. The BC1 sees the voltage it did not command: 0xB5 "GEBLÄSEMOTOR EIN
// FEHLER" (the blower motor has voltage with DOP_BLOWER_ENABLE off). The compressor relay's coil
// pin still follows the module, so a welded clutch relay is not detected (0x9A judges the pin).
#include "fault.h"

namespace bcmhil::faults {

class ClimateRelayWelded : public Fault {
 public:
  ClimateRelayWelded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  std::string relay_;
};

std::vector<ParamSpec> climate_relay_welded_params();

}  // namespace bcmhil::faults
