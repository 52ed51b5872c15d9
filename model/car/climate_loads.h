#pragma once
// What the BC1's climate and crash outputs and inputs meet in the car (model/bc1/climate.h,
// model/bc1/crash_unlock.h): the A/C and recirculation push-buttons with their LEDs, the air
// flap actuator, the blower relay, the panel's blower switch and the blower motor, the A/C
// compressor clutch relay and clutch coil, the evaporator and its NTC, the inertia (crash)
// sensor, and terminal R's wire.
//
// Figures are ESTIMATES (no source gives the R50's): blower motor 1.2 ohm (~120 W at full speed,
// its steady current only: no back-EMF is modelled for it), clutch coil 3.6 ohm (~40 W), fuses
// "fuse.blower" 30 A and "fuse.AC" 10 A (names and ratings chosen), switch LEDs ~10 mA.
// Terminal R (chosen): the model's ignition key has one "on" position, so R's wire leaves the
// ignition switch with terminal 15.
#include "contact_switch.h"
#include "evaporator.h"
#include "flap_motor.h"
#include "harness.h"
#include "power_supply.h"
#include "switching_relay.h"
#include "model/bc1/climate.h"
#include "model/bc1/crash_unlock.h"

#include <systemc>

#include <string>
#include <vector>

namespace bcmhil::model {

class ClimateLoads : public sc_core::sc_module {
 public:
  // `kl15`: the ignition switch's output (the BC1's KL15 pin), where terminal R's wire starts.
  ClimateLoads(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, PowerSupply& power,
               Harness& harness, const ClimatePins& pins, const CrashUnlockPins& crash, electrical::NodeId kl15);

  // The person's switches, by their step name (switch_names()); nullptr for another name.
  ContactSwitch* switch_named(const std::string& name);
  static const std::vector<std::string>& switch_names();

  ContactSwitch ac_button;       // dashboard push-button to ground
  ContactSwitch recirc_button;   // dashboard push-button to ground
  ContactSwitch blower_switch;   // the panel's blower switch, between the relay and the motor
  ContactSwitch inertia_sensor;  // closes to ground while a crash decelerates the car
  FlapMotor flap;                // "recirc_flap"
  SwitchingRelay blower_relay;
  SwitchingRelay compressor_relay;
  electrical::BranchId blower_motor;    // "blower.motor"
  electrical::BranchId clutch_coil;     // "ac_compressor.clutch"
  Evaporator evaporator;                // "evaporator"

  static constexpr double kBlowerMotorOhm = 1.2;  // estimate
  static constexpr double kClutchCoilOhm = 3.6;   // estimate
  static constexpr double kSwitchLedOhm = 1200.0;  // estimate, as the heated screens' LEDs
};

}  // namespace bcmhil::model
