#pragma once
// The climate inputs and outputs the BC1 owns: the A/C button and its LED, the A/C compressor
// clutch relay, the recirculation button, its LED and the air flap's motor and end-position
// contact, the blower relay and the blower motor's voltage, the evaporator temperature sensor.
//
// Signals (reference names, bc1_bits.csv / bc1_analog.csv): buttons DIP_AC_SWITCH, DIP_RECIRC_SW;
// LEDs DOP_AC_LED, DOP_RECIRC_LED; flap DOP_RECIRC_CTL1 (towards recirculation), DOP_RECIRC_CTL2
// (towards fresh air), DIP_RECIRC_MONITOR (end-position contact), DIP_RECIRC_ERROR; blower
// DOP_BLOWER_ENABLE (relay coil), AIP_BLOWER_MOT_SENSE (the motor's supply terminal, 0.0716 V
// per count), DIP_BLOWER_MOTOR_STATUS (that voltage above the monitor threshold: the blower
// runs); AIP_EVAPORATOR_SENSE (an NTC, FACT_A 0.3565 degC per count, FACT_B -29.3 degC). The
// compressor clutch relay output has no name in the tables: its pin is bc1.ac_compressor_out.
//
// Behaviour (CHOSEN where model/bc1/README.md "Climate" says so):
//   - with the ignition on, a press of the A/C button toggles the A/C request, a press of the
//     recirculation button the recirculation request; ignition off or a reset clears both;
//   - DOP_AC_LED shows the A/C request, DOP_RECIRC_LED the recirculation request;
//   - the compressor clutch relay is on while A/C is requested, the blower runs
//     (DIP_BLOWER_MOTOR_STATUS: "blower fault sensor before A/C ON") and the evaporator is not
//     frosting: off below kFrostOffC, on again above kFrostOnC;
//   - DOP_BLOWER_ENABLE: the blower relay is on with the ignition (the panel's blower switch
//     picks whether and how fast it runs);
//   - the flap is driven towards the requested end by an H-bridge (each CTL pin high from the
//     30A feed, or low to the module ground), until its end-position contact opens (it left an
//     end) and closes again (it nears the other), and kFlapOverrunS more to seat it against the
//     stop; then both pins go low (the motor braked).
//     A move that does not arrive within kFlapTimeoutS logs 0x8E (towards fresh air) or 0x8F
//     (towards recirculation) and stops; an arrival clears it. At ignition off the flap returns to
//     fresh air. After a reset (the position is in RAM) the flap is driven to fresh air for
//     kFlapHomingS, unjudged;
//   - readbacks (OutputMonitor, EIN = on by itself, AUS = stays off): blower relay coil 0xB6
//     commanded and low, 0xB5 when the blower motor
//     has voltage with the relay not commanded: a welded relay), compressor clutch relay 0x9A,
//     CTL1 / CTL2 high while not driven 0x87 / 0x86; DIP_RECIRC_ERROR while any flap code is active.
#include "body_function.h"
#include "fault_memory.h"
#include "high_side_driver.h"
#include "output_monitor.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace bcmhil::model {

struct InputWiring;

struct ClimatePins {
  electrical::NodeId ac_sw_in;           // DIP_AC_SWITCH (push-button to ground)
  electrical::NodeId recirc_sw_in;       // DIP_RECIRC_SW (push-button to ground)
  electrical::NodeId ac_led_out;         // DOP_AC_LED
  electrical::NodeId recirc_led_out;     // DOP_RECIRC_LED
  electrical::NodeId recirc_ctl1_out;    // DOP_RECIRC_CTL1: flap motor pin 1 (high: towards recirculation)
  electrical::NodeId recirc_ctl2_out;    // DOP_RECIRC_CTL2: flap motor pin 2 (high: towards fresh air)
  electrical::NodeId recirc_monitor_in;  // DIP_RECIRC_MONITOR: the flap's end-position contact to ground
  electrical::NodeId blower_enable_out;  // DOP_BLOWER_ENABLE: blower relay coil
  electrical::NodeId blower_sense_in;    // AIP_BLOWER_MOT_SENSE: the blower motor's supply terminal
  electrical::NodeId compressor_out;     // A/C compressor clutch relay coil (no name in the tables)
  electrical::NodeId evaporator_in;      // AIP_EVAPORATOR_SENSE: NTC to ground, pulled up inside
};

// Adds the pins "<base>.ac_sw" ... to the network.
ClimatePins make_climate_pins(electrical::Network& net, const std::string& base);
// The climate inputs of the input stage, with their debouncer slots (48-50, chosen).
std::vector<InputWiring> climate_inputs(const ClimatePins& pins);

class Climate : public sc_core::sc_module, public BodyFunction {
 public:
  // `feed`: the output drivers' supply (30A); `ground`: the module ground (the flap bridge's low
  // sides); `kl15`: the ignition pin; `sense_supply`: the input stage's supply, the NTC's pull-up.
  Climate(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, FaultMemory& faults,
          const ClimatePins& pins, electrical::NodeId feed, electrical::NodeId ground, electrical::NodeId kl15,
          electrical::NodeId sense_supply);

  // Debounced switches and comparators of the input stage (1 = pressed / closed / high).
  sc_core::sc_in<bool> ac_switch{"ac_switch"};            // DIP_AC_SWITCH
  sc_core::sc_in<bool> recirc_switch{"recirc_switch"};    // DIP_RECIRC_SW
  sc_core::sc_in<bool> recirc_monitor{"recirc_monitor"};  // DIP_RECIRC_MONITOR: at an end stop
  sc_core::sc_in<bool> blower_status{"blower_status"};    // DIP_BLOWER_MOTOR_STATUS
  sc_core::sc_in<bool> ctl1_readback{"ctl1_readback"};
  sc_core::sc_in<bool> ctl2_readback{"ctl2_readback"};
  sc_core::sc_in<bool> blower_readback{"blower_readback"};
  sc_core::sc_in<bool> compressor_readback{"compressor_readback"};
  sc_core::sc_in<bool> powered{"powered"};

  // BodyFunction: DIP_/DOP_ states under their reference names; AIP_BLOWER_MOT_SENSE and
  // AIP_EVAPORATOR_SENSE as the ADC reads them (0-255); the outputs a tester may force
  // (DOP_AC_LED, DOP_RECIRC_LED, DOP_BLOWER_ENABLE, DOP_RECIRC_CTL1/2: the module applies its
  // forced-on limit; the next decision of the function overwrites a forced value).
  std::optional<bool> signal(std::string_view name) const override;
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;
  ForcibleOutput* forcible_output(std::string_view name) override;
  // The evaporator temperature the module measures (degC).
  double evaporator_c() const;
  bool compressor_on() const { return compressor_.read(); }
  // The blower relay coil's driver, for a fault that breaks it (0xB5 / 0xB6).
  HighSideDriver& blower_driver() { return blower_driver_; }
  // Outputs that keep the module awake while on (the flap moving after ignition off).
  std::vector<const sc_core::sc_signal_in_if<bool>*> awake_outputs() const { return {&ctl1_, &ctl2_}; }

  static constexpr double kIgnitionOnV = 6.0;   // chosen, like the heated screens
  static constexpr double kFrostOffC = 2.0;     // chosen: a common evaporator frost cut-out
  static constexpr double kFrostOnC = 5.0;      // chosen
  static constexpr double kFlapTimeoutS = 2.0;  // chosen: a healthy swing takes ~0.8 s
  static constexpr double kFlapHomingS = 1.5;   // chosen
  static constexpr double kFlapOverrunS = 0.1;  // chosen: driven on after the end contact closes
  static constexpr double kLowSideOhm = 0.2;    // the bridge's low-side switch with the traces (estimate)
  static constexpr double kNtcPullUpOhm = 10e3;  // chosen
  static constexpr double kNtcR25Ohm = 10e3;     // the sensor type the firmware assumes (estimate)
  static constexpr double kNtcBetaK = 3950.0;    // estimate
  static constexpr double kBlowerVoltsPerCount = 0.071568627;  // bc1_analog.csv FACT_A
  static constexpr double kEvapCPerCount = 0.356506238;       // bc1_analog.csv FACT_A
  static constexpr double kEvapOffsetC = -29.3;               // bc1_analog.csv FACT_B

 private:
  enum End { fresh = 0, recirc = 1 };
  enum class Drive { none, to_recirc, to_fresh };  // what the flap's H-bridge does
  void on_press();  // the A/C or the recirculation button (or both in one delta)
  void on_power();
  void on_solved();
  void on_monitor();
  void on_flap_timeout();
  void on_blower_live();
  void decide();       // after a change of state: start a move, wake apply
  void apply();        // state -> outputs (the one writer of every output)
  void next_move();
  void stop_flap();
  void write_outputs();

  Circuit& circuit_;
  FaultMemory& faults_;
  ClimatePins pins_;
  electrical::NodeId ground_;
  electrical::NodeId kl15_;
  electrical::NodeId sense_supply_;
  HighSideDriver ac_led_driver_;
  HighSideDriver recirc_led_driver_;
  HighSideDriver ctl1_driver_;
  HighSideDriver ctl2_driver_;
  HighSideDriver blower_driver_;
  HighSideDriver compressor_driver_;
  electrical::BranchId ctl1_low_;
  electrical::BranchId ctl2_low_;
  electrical::BranchId ntc_pull_up_;
  bool ignition_ = false;
  bool ac_request_ = false;
  bool recirc_request_ = false;
  bool frost_ = false;
  // The flap as the module believes it: where it is, where a move under way goes.
  End flap_at_ = fresh;
  std::optional<End> moving_to_;
  bool left_end_ = false;
  bool seating_ = false;  // the end contact closed: driving on for the overrun
  bool homing_ = false;
  bool was_powered_ = true;
  sc_core::sc_event flap_timeout_;
  sc_core::sc_event changed_;
  sc_core::sc_event decide_;
  Drive written_drive_ = Drive::none;  // the flap pins as apply last wrote them
  // Outputs as commanded (forced ones too: written by the decision and by diagnostics).
  using Output = ForcibleOutput;
  Output ac_led_{"DOP_AC_LED"};
  Output recirc_led_{"DOP_RECIRC_LED"};
  Output ctl1_{"DOP_RECIRC_CTL1"};
  Output ctl2_{"DOP_RECIRC_CTL2"};
  Output blower_{"DOP_BLOWER_ENABLE"};
  Output compressor_{"ac_compressor"};
  // The blower relay's pin or the motor live: what 0xB5 watches with the relay not commanded.
  sc_core::sc_signal<bool> blower_live_{"blower_live"};
  OutputMonitor blower_on_monitor_;
  OutputMonitor blower_off_monitor_;
  OutputMonitor compressor_monitor_;
  OutputMonitor ctl1_monitor_;
  OutputMonitor ctl2_monitor_;
};

}  // namespace bcmhil::model
