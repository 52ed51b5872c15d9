#pragma once
// The car's side of the exterior lights the BC1 drives or watches (model/bc1/exterior_lights.h):
// the lamps, the front fog and auxiliary lamp relays with their fused feeds, the headlamp feeds
// into the module (X332.17 / X332.20, fuses FL12 / FL8 50 A: domain notes), the brake pedal
// switch with the brake lamps, the dashboard light switch and fog buttons, the two stalks and the
// levelling knob.
//
// Loads (estimates; no source gives the MINI's): position light 5 W front + 5 W rear per side,
// number plate 2 x 5 W, rear fog 21 W, dipped beam 2 x 55 W and main beam 2 x 60 W (H4, each pair
// lumped into one lamp), front fogs 2 x 55 W, auxiliary (driving) lamps 2 x 55 W, brake lamps
// 2 x 21 W, the third brake light an LED lamp (model/car/led_lamp.h), the rear fog switch LED a
// small LED. Fuses "fog" and "aux_lamps" 15 A, "brake" 10 A (chosen). The brake pedal switch feeds
// the brake lamps from KL30 (chosen) and the same line runs to the BC1 (DIP_BRAKE_SW).
//
// What a person does: the rotary light switch (off / position / dipped), the fog push-buttons,
// the brake pedal, the main/flash stalk (neutral / main, pulled for a flash), the indicator stalk
// (neutral / left / right), the levelling knob (0-3). Each stalk is a resistor ladder from the
// module's 5 V switch supply to its input (values in model/bc1/exterior_lights.cpp).
#include "harness.h"
#include "lamp.h"
#include "lamp_relay.h"
#include "led_lamp.h"
#include "contact_switch.h"
#include "power_supply.h"
#include "model/bc1/exterior_lights.h"

#include <systemc>

#include <string>
#include <utility>
#include <vector>

namespace bcmhil::model {

class ExteriorLamps : public sc_core::sc_module {
 public:
  ExteriorLamps(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, PowerSupply& power,
                Harness& harness, const ExteriorLightPins& pins, electrical::NodeId switch_supply_pin);

  // Controls that stay where they are put, and their positions (the first is the rest position).
  static const std::vector<std::pair<std::string, std::vector<std::string>>>& controls();
  // Sets one; false for an unknown control or position.
  bool set_control(const std::string& control, const std::string& position);
  // Momentary controls: held for `duration`, then let go (front_fog, rear_fog, brake_pedal,
  // headlight_flasher: the main stalk pulled). false for an unknown name.
  static const std::vector<std::string>& buttons();
  bool press(const std::string& button, sc_core::sc_time duration);

  LampRelay& relay(const std::string& which);  // "front_fog" | "aux_lamps"; throws std::invalid_argument

  // Lamps as a person sees them ("<name>.lit" is recorded for each).
  Lamp position_lh;
  Lamp position_rh;
  Lamp number_plate;
  Lamp rear_fog;
  Lamp dipped_beam;
  Lamp main_beam;
  Lamp front_fogs;
  Lamp aux_lamps;
  Lamp brake_lamps;
  LedLamp brake_lamp_high;  // the third brake light
  LedLamp rear_fog_led;     // in the rear fog button

 private:
  void set_stalk(electrical::BranchId ladder, double ohms);
  void release_flasher();

  Circuit& circuit_;
  ContactSwitch light_position_;  // the rotary switch's two contacts to ground
  ContactSwitch light_dipped_;
  ContactSwitch front_fog_button_;
  ContactSwitch rear_fog_button_;
  ContactSwitch brake_pedal_;     // KL30 (brake fuse) to the brake lamp line
  LampRelay front_fog_relay_;
  LampRelay aux_lamp_relay_;
  electrical::BranchId main_stalk_;
  electrical::BranchId indicator_stalk_;
  electrical::BranchId level_knob_;
  double main_stalk_ohm_;  // where the stalk rests when a flash lets go
  sc_core::sc_event flasher_released_;
};

}  // namespace bcmhil::model
