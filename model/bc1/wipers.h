#pragma once
// The BC1's wipers and washers: the front wiper (off / intermittent / slow / fast from the column
// stalk), the rear wiper, wipe-after-wash front and rear, the headlamp washer relay, blocked and
// park-feedback detection, and the on/off faults of its four relay-coil outputs.
//
// Signals (bc1_bits.csv): stalk contacts DIP_COL_SW_1, DIP_COL_SW_2 (coded, chosen: SW1 alone =
// intermittent, SW2 alone = slow, both = fast; BC1RD: "SchalterWischer ST1, ST2, INT kodiert"),
// DIP_RR_WIPER_SW; the washer pump lines DIP_FT_WASH_PUMP, DIP_RR_WASH_PUMP ("pump active": the
// stalk switches the pumps, the module senses their feed, chosen); park contacts
// DIP_FT_WIPER_PARK, DIP_RR_WIPER_PARK (1 = in park); relay coils DOP_FT_WIPER_PARK_RUN (run/park
// relay), DOP_FT_WIPER_SLOW_FAST, DOP_RR_WIPER_RLY, DOP_PWR_WASH_RLY (the headlamp "power wash"
// pump relay, chosen reading); AIP_FT_WIPER_SENSE ("Geschwindigkeitserkennung": a sense wire on
// the front motor's fast brush, which while the motor runs on its slow brush carries the fast
// brush's back-EMF, a voltage proportional to the speed; chosen).
//
// The relays are in the car (model/car/wiper_system.h): the run relay's rest contact feeds the
// motor from its park cam, so a wiper released mid-wipe runs on to the park position and is
// braked there. The module's coil outputs are high-side drivers on the logic feed with a 47 k
// readback, like the heated screens'. All timings below are CHOSEN (no source gives them).
#include "body_function.h"
#include "fault_memory.h"
#include "high_side_driver.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bcmhil::model {

// The function's pins (connector X333, chosen: model/bc1/connector_map.csv).
struct WiperPins {
  electrical::NodeId ft_run_rly_out;    // X333.1 DOP_FT_WIPER_PARK_RUN (relay coil)
  electrical::NodeId ft_speed_rly_out;  // X333.2 DOP_FT_WIPER_SLOW_FAST (relay coil)
  electrical::NodeId rr_rly_out;        // X333.3 DOP_RR_WIPER_RLY (relay coil)
  electrical::NodeId wash_rly_out;      // X333.4 DOP_PWR_WASH_RLY (relay coil)
  electrical::NodeId ft_park_in;        // X333.5 DIP_FT_WIPER_PARK (park contact: 0 V = parked)
  electrical::NodeId rr_park_in;        // X333.6 DIP_RR_WIPER_PARK
  electrical::NodeId ft_sense_in;       // X333.7 AIP_FT_WIPER_SENSE (front motor's fast brush)
  electrical::NodeId col_sw_1_in;       // X333.8 DIP_COL_SW_1 (stalk contact to ground)
  electrical::NodeId col_sw_2_in;       // X333.9 DIP_COL_SW_2
  electrical::NodeId rr_wiper_sw_in;    // X333.10 DIP_RR_WIPER_SW
  electrical::NodeId ft_wash_in;        // X333.11 DIP_FT_WASH_PUMP (front pump's feed)
  electrical::NodeId rr_wash_in;        // X333.12 DIP_RR_WASH_PUMP (rear pump's feed)
};
WiperPins make_wiper_pins(electrical::Network& net, const std::string& base);

// What the module's pins and supply are, for the drivers and the ADC.
struct WiperSupply {
  electrical::NodeId feed;    // the drivers' feed (the logic feed 30A, chosen)
  electrical::NodeId kl15;    // ignition pin: the wipers work with the ignition on
  electrical::NodeId ground;  // module ground (the ADC's reference)
};

class Wipers : public sc_core::sc_module, public BodyFunction {
 public:
  Wipers(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, FaultMemory& faults,
         const WiperPins& pins, const WiperSupply& supply);

  // Debounced inputs (1 = contact closed / pump running / wiper in park).
  sc_core::sc_in<bool> col_sw_1{"col_sw_1"};
  sc_core::sc_in<bool> col_sw_2{"col_sw_2"};
  sc_core::sc_in<bool> rr_switch{"rr_switch"};
  sc_core::sc_in<bool> ft_wash{"ft_wash"};
  sc_core::sc_in<bool> rr_wash{"rr_wash"};
  sc_core::sc_in<bool> ft_park{"ft_park"};
  sc_core::sc_in<bool> rr_park{"rr_park"};
  // Readbacks of the four coil output pins (1 = the pin is high), in Output order.
  sc_core::sc_vector<sc_core::sc_in<bool>> monitor{"monitor", 4};
  sc_core::sc_in<bool> powered{"powered"};

  enum Output : std::size_t { ft_run, ft_speed, rr_run, power_wash, kOutputs };
  static constexpr std::array<const char*, kOutputs> kOutputNames{
      "DOP_FT_WIPER_PARK_RUN", "DOP_FT_WIPER_SLOW_FAST", "DOP_RR_WIPER_RLY", "DOP_PWR_WASH_RLY"};
  static constexpr std::array<const char*, kOutputs> kMonitorNames{
      "ft_wiper_run_monitor", "ft_wiper_speed_monitor", "rr_wiper_monitor", "power_wash_monitor"};

  // BodyFunction: the four DOP_ coil commands, AIP_FT_WIPER_SENSE, the coil outputs to force (a
  // forced value holds until the function's own command for that output changes, or the module's
  // limit ends it).
  std::optional<bool> signal(std::string_view name) const override;
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;
  ForcibleOutput* forcible_output(std::string_view name) override;
  const sc_core::sc_signal_in_if<bool>& output(Output o) const { return out_[o]; }
  HighSideDriver& driver(Output o) { return *drivers_[o]; }

  // CHOSEN figures (model/bc1/README.md "Wipers and washers").
  static constexpr double kIntervalS = 4.0;          // front intermittent: a wipe starts every 4 s
  static constexpr double kRearIntervalS = 7.0;      // rear wiper: one wipe every 7 s
  static constexpr int kWipesAfterWash = 3;          // front, after the wash contact opens
  static constexpr int kRearWipesAfterWash = 2;
  static constexpr double kPowerWashS = 1.0;         // headlamp washer pulse per front wash
  static constexpr double kFeedbackTimeoutS = 3.0;   // driven without a park-contact edge: judged
  static constexpr double kReadbackDelayS = 0.05;    // an output's pin judged 50 ms after a change
  static constexpr double kSpeedSenseV = 2.0;        // fast-brush back-EMF above this: the motor turns
  static constexpr double kSenseVoltsPerCount = 0.080360012;  // bc1_analog.csv FACT_A
  static constexpr double kIgnitionOnV = 6.0;

 private:
  enum class Mode { off, intermittent, slow, fast };
  Mode mode() const;
  double sense_volts() const;
  void on_stalk();
  void on_interval();
  void on_rear_switch();
  void on_rear_interval();
  void on_ft_wash();
  void on_rr_wash();
  void on_ft_park();
  void on_rr_park();
  void on_power();
  void on_solved();
  void on_ft_watch();
  void on_rr_watch();
  void on_power_wash_end();
  void on_check();
  void on_monitor();
  void apply() { changed_.notify(sc_core::SC_ZERO_TIME); }
  void write_commands();
  void drive();
  void update_watches();
  void watch_front(bool driven);
  void watch_rear(bool driven);
  void clear_requests();

  Circuit& circuit_;
  FaultMemory& faults_;
  WiperPins pins_;
  WiperSupply supply_;
  std::array<std::unique_ptr<HighSideDriver>, kOutputs> drivers_;
  sc_core::sc_vector<ForcibleOutput> out_{"out", kOutputs};  // the coil commands (DOP_ names)
  std::array<bool, kOutputs> command_{};  // the function's own last command (a forced one may differ)
  std::array<bool, kOutputs> driven_{};   // what the drivers were last told
  bool ignition_ = false;
  Mode last_mode_ = Mode::off;
  bool ft_single_wipe_ = false;  // intermittent: run until the wiper has left park
  bool rr_single_wipe_ = false;
  int ft_after_wipes_ = 0;       // wipes still to do after a wash
  int rr_after_wipes_ = 0;
  bool power_wash_on_ = false;
  bool ft_blocked_ = false;      // 0x95 detected: the motor is not driven until the stalk moves
  bool rr_blocked_ = false;
  bool ft_watching_ = false;
  bool rr_watching_ = false;
  sc_core::sc_event changed_;
  sc_core::sc_event interval_;
  sc_core::sc_event rear_interval_;
  sc_core::sc_event ft_watch_;
  sc_core::sc_event rr_watch_;
  sc_core::sc_event power_wash_end_;
  sc_core::sc_event check_;
};

}  // namespace bcmhil::model
