#pragma once
// The wipers and washers in the car, around the BC1's wiper function (model/bc1/wipers.h): the
// column stalk, the relays in the relay box, the front (two-speed) and rear wiper motors with
// their park cams, the front, rear and headlamp washer pumps, on their own fused feed behind the
// ignition switch (fuse.WIPER, 30 A, "15WI": name and rating chosen).
//
// Wiring (chosen, the usual two-relay circuit): the run/park relay's COM feeds the front motor,
// NO from the wiper feed, NC from the motor's park cam; the slow/fast relay's COM takes that feed
// to the slow brush (NC) or the fast brush (NO). The rear relay likewise, without a speed relay.
// The stalk's wash contacts feed the pumps themselves; the BC1 senses each pump's feed. The
// headlamp washer pump runs from its relay. The BC1's park inputs hang on the park cams' contacts,
// its speed sense on the front motor's fast brush.
//
// A person: Vehicle::press_switch with one of stalk_positions(), held for the duration.
#include "brush_motor.h"
#include "changeover_relay.h"
#include "contact_switch.h"
#include "harness.h"
#include "power_supply.h"
#include "model/bc1/wipers.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>
#include <vector>

namespace bcmhil::model {

class WiperSystem : public sc_core::sc_module {
 public:
  WiperSystem(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, PowerSupply& power,
              Harness& harness, const WiperPins& bc1);

  // The stalk held in a position for `duration`, then back to off: wiper_intermittent,
  // wiper_slow, wiper_fast, rear_wiper, front_wash, rear_wash. Throws std::invalid_argument for
  // another name.
  void hold(const std::string& position, sc_core::sc_time duration);
  static const std::vector<std::string>& stalk_positions();

  BrushMotor front_motor;
  BrushMotor rear_motor;
  BrushMotor front_washer;
  BrushMotor rear_washer;
  BrushMotor headlamp_washer;
  ChangeoverRelay run_relay;
  ChangeoverRelay speed_relay;
  ChangeoverRelay rear_relay;
  ChangeoverRelay power_wash_relay;
  ContactSwitch stalk_sw1;  // DIP_COL_SW_1 to ground
  ContactSwitch stalk_sw2;  // DIP_COL_SW_2 to ground
  ContactSwitch stalk_rear;  // DIP_RR_WIPER_SW to ground
  ContactSwitch stalk_front_wash;  // feed to the front pump
  ContactSwitch stalk_rear_wash;   // feed to the rear pump

  static BrushMotorSpec front_motor_spec();
  static BrushMotorSpec rear_motor_spec();
  static BrushMotorSpec pump_spec(double winding_ohm, double load_a);
};

}  // namespace bcmhil::model
