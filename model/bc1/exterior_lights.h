#pragma once
// The lights the BC1 drives or watches (model/bc1/README.md "Exterior lights"): position lights,
// number plate light, dipped and main beam, the front fog relay, the rear fog lamp and its switch
// LED, the auxiliary lamps' relay (Zusatzleuchte), the third brake light with its status readback,
// the light switch, the fog buttons, the brake pedal switch and the two stalks and the levelling
// knob as analog inputs.
//
// Behaviour (CHOSEN where model/bc1/README.md does not cite a source):
//   - the rotary light switch has two contacts to ground: "position" (DIP_POSN_LGT_SW, closed in
//     the position and the dipped position) and "dipped" (DIP_DIPPED_BEAM_SW, dipped position);
//     position lights and number plate light follow the position contact, ignition or not
//     (parking lights); dipped beam needs the ignition;
//   - the main/flash stalk (AIP_MAIN_FLASH_SW) is a resistor ladder on the module's 5 V switch
//     supply: pulled (flash) lights main beam while held with the ignition on, pushed (main) lights
//     it while dipped beam is on; the auxiliary lamps (0xB3/0xB4) run with main beam;
//   - the fog buttons toggle: front fog with the position lights on and the ignition on, rear fog
//     with dipped beam or front fog on (ECE rule); dropping the condition drops the request; the rear
//     fog LED (DOP_RR_FOG_LED) shows the rear fog lamp commanded;
//   - the third brake light follows the brake pedal switch (DIP_BRAKE_SW reads the brake lamp
//     line the pedal switch feeds); DIP_BRAKE_LAMP_STATUS is its output pin's readback;
//   - the front fog and auxiliary lamp lines come back on monitor pins: commanded on and the line
//     low after kJudgeSettleS is the relay's "AUS FEHLER" (0xB2 / 0xB4), commanded off and the line
//     high is its "EIN FEHLER" (0xB1 / 0xB3), read like 0xAA "BLINKER LINKS AUS FEHLER";
//   - the indicator stalk (AIP_INDICATOR_SW) is decoded (left / neutral / right): left or right
//     with the ignition on asks the indicator arbiter (indicator_arbiter.h) to flash that side;
//     a stalk read as a fault (broken wire, short) asks nothing;
// A brown-out reset drops every output and both fog requests (RAM), like the heated screens.
#include "body_function.h"
#include "high_side_driver.h"
#include "fault_memory.h"
#include "input_stage.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::model {

struct InputWiring;

// The function's pins (connector_map.csv: X332.17-27, X332.44-54; chosen). The stalks and the knob
// hang on the module's one 5 V switch supply (switch_supply.h, X331.17).
struct ExteriorLightPins {
  electrical::NodeId dipped_feed;        // X332.17 KL30 headlight feed (FL12): dipped beam
  electrical::NodeId lamp_feed;          // X332.20 KL30 headlight feed (FL8): every other lamp driver
  electrical::NodeId brake_lamp_out;     // X332.18 third brake light (DIP_BRAKE_LAMP_STATUS readback)
  electrical::NodeId dipped_beam_out;    // X332.19 AOP_DIPPED_BEAM
  electrical::NodeId main_beam_out;      // X332.21 AOP_MAIN_BEAM
  electrical::NodeId position_lh_out;    // X332.22 DOP_LH_POSITION_LGT
  electrical::NodeId position_rh_out;    // X332.23 DOP_RH_POSITION_LGT
  electrical::NodeId number_plate_out;   // X332.24 DOP_NO_PLATE_LGT
  electrical::NodeId rear_fog_out;       // X332.25 DOP_RR_FOG_LGT
  electrical::NodeId front_fog_rly_out;  // X332.26 DOP_FT_FOG_LGT_RLY (relay coil)
  electrical::NodeId aux_lamp_rly_out;   // X332.27 auxiliary lamp relay coil (no DOP_ name)
  electrical::NodeId position_sw_in;     // X332.44 DIP_POSN_LGT_SW
  electrical::NodeId dipped_sw_in;       // X332.45 DIP_DIPPED_BEAM_SW
  electrical::NodeId front_fog_sw_in;    // X332.46 DIP_FT_FOG_SW
  electrical::NodeId rear_fog_sw_in;     // X332.47 DIP_RR_FOG_SW
  electrical::NodeId brake_sw_in;        // X332.48 DIP_BRAKE_SW
  electrical::NodeId main_flash_sw_in;   // X332.49 AIP_MAIN_FLASH_SW
  electrical::NodeId indicator_sw_in;    // X332.50 AIP_INDICATOR_SW
  electrical::NodeId level_sw_in;        // X332.51 AIP_HEAD_LGT_LEVEL_SW
  electrical::NodeId front_fog_monitor_in;  // X332.52 front fog lamp line readback
  electrical::NodeId aux_lamp_monitor_in;   // X332.53 auxiliary lamp line readback
  electrical::NodeId rear_fog_led_out;   // X332.54 DOP_RR_FOG_LED
};

ExteriorLightPins make_exterior_light_pins(electrical::Network& net, const std::string& base);
// The function's rows of the module's input wiring (debouncer slots 38-42).
std::vector<InputWiring> exterior_light_inputs(const ExteriorLightPins& pins);

// The stalks' and the knob's positions as the module decodes them from the analog inputs.
enum class MainStalk { neutral, flash, main, fault };
enum class IndicatorStalk { neutral, left, right, fault };

class ExteriorLights : public sc_core::sc_module, public BodyFunction {
 public:
  // `kl30_logic`: feed of the small drivers (relay coils, LED); `module_ground`: the analog
  // inputs' reference; `kl15`: the ignition pin.
  ExteriorLights(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, FaultMemory& faults,
                 const ExteriorLightPins& pins, electrical::NodeId kl30_logic, electrical::NodeId module_ground,
                 electrical::NodeId kl15);

  // Debounced switches and readback comparators, bound by the module.
  sc_core::sc_in<bool> position_sw{"position_sw"};    // DIP_POSN_LGT_SW
  sc_core::sc_in<bool> dipped_sw{"dipped_sw"};        // DIP_DIPPED_BEAM_SW
  sc_core::sc_in<bool> front_fog_sw{"front_fog_sw"};  // DIP_FT_FOG_SW
  sc_core::sc_in<bool> rear_fog_sw{"rear_fog_sw"};    // DIP_RR_FOG_SW
  sc_core::sc_in<bool> brake_sw{"brake_sw"};          // DIP_BRAKE_SW
  sc_core::sc_in<bool> front_fog_monitor{"front_fog_monitor"};
  sc_core::sc_in<bool> aux_lamp_monitor{"aux_lamp_monitor"};
  sc_core::sc_in<bool> brake_lamp_monitor{"brake_lamp_monitor"};  // DIP_BRAKE_LAMP_STATUS
  sc_core::sc_in<bool> powered{"powered"};
  // To the indicator arbiter: the stalk asks for that side's turn signal (ignition on).
  sc_core::sc_out<bool> turn_lh{"turn_lh"};
  sc_core::sc_out<bool> turn_rh{"turn_rh"};

  // BodyFunction: DIP_BRAKE_LAMP_STATUS and the DOP_ outputs by name; the analog channels (raw
  // 0-255, scaled as bc1_analog.csv); the DOP_ outputs a tester may force (STEUERN_IOSTATES).
  std::optional<bool> signal(std::string_view name) const override;
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;
  ForcibleOutput* forcible_output(std::string_view name) override;
  void reset();  // brown-out / SG_RESET: every output off, the fog requests cleared

  // The outputs that keep the module awake while on (model/bc1/README.md "Sleep and wake").
  std::vector<const sc_core::sc_signal_in_if<bool>*> outputs() const;
  MainStalk main_stalk() const { return main_stalk_; }
  IndicatorStalk indicator_stalk() const { return indicator_stalk_; }
  int level_position() const { return level_position_; }  // 0-3, -1 not decodable
  HighSideDriver& driver(std::string_view output);  // by the output's name; throws std::invalid_argument

  static constexpr double kIgnitionOnV = 6.0;       // chosen, like the heated screens
  static constexpr double kJudgeSettleS = 0.1;      // chosen: a relay operates in ~3 ms, the lamps' line follows
  static constexpr double kAnalogLoadOhm = 10e3;    // the analog inputs' divider to ground (chosen)
  static constexpr double kVoltsPerCount = 0.019607843;  // bc1_analog.csv AIP_MAIN_FLASH_SW / AIP_INDICATOR_SW
  static constexpr std::size_t kOutputs = 10;

 private:
  enum Out : std::size_t {
    position_lh, position_rh, number_plate, rear_fog, rear_fog_led, front_fog_rly, aux_lamp_rly, brake_lamp,
    dipped_beam, main_beam
  };
  struct LineJudge {  // a relay-fed lamp line read back on a monitor pin
    std::uint8_t on_fault;   // EIN FEHLER: the line is up, not commanded
    std::uint8_t off_fault;  // AUS FEHLER: commanded, the line stays down
    bool pending = false;
  };
  void on_front_fog_press();
  void on_rear_fog_press();
  void on_power();
  void on_solved();
  void evaluate();
  void drive_outputs();
  void judge_front_fog();
  void judge_aux_lamp();
  void judge(LineJudge& j, Out out, bool monitor);
  void schedule_judges();
  std::array<bool, kOutputs> wanted() const;
  double pin_volts(electrical::NodeId pin) const;

  Circuit& circuit_;
  FaultMemory& faults_;
  ExteriorLightPins pins_;
  electrical::NodeId ground_;
  electrical::NodeId kl15_;
  std::vector<std::unique_ptr<HighSideDriver>> drivers_;  // by Out
  // Commanded, by Out: written by evaluate() when what the function wants changes, and by a tester
  // forcing one (the module's own outputs work the same way).
  sc_core::sc_vector<ForcibleOutput> out_;
  std::array<bool, kOutputs> wanted_{};
  bool ignition_ = false;
  bool front_fog_request_ = false;
  bool rear_fog_request_ = false;
  MainStalk main_stalk_ = MainStalk::neutral;
  IndicatorStalk indicator_stalk_ = IndicatorStalk::neutral;
  int level_position_ = 0;
  LineJudge front_fog_judge_;
  LineJudge aux_lamp_judge_;
  sc_core::sc_event changed_;
  sc_core::sc_event judge_front_fog_, judge_aux_lamp_;
};

}  // namespace bcmhil::model
