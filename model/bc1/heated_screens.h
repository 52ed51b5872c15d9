#pragma once
// The BC1's heated rear window and heated front screen: two toggle push-buttons, two relay coil
// outputs, two switch LEDs, and low-voltage load shedding.
//
// Signals (reference names, bc1_bits.csv): buttons DIP_HT_RR_WIN_SW, DIP_HT_FT_SCR_SW; relay
// coils DOP_HEATED_RR_WIN_RLY, DOP_HEATED_FT_WIN_RLY; LEDs DOP_HT_RR_WIN_LED, DOP_HT_FT_WIN_LED.
//
// Behaviour:
//   - a press (rising edge of the debounced button) toggles that heater's request, with the
//     ignition on only; ignition off, a brown-out reset or the module's reset clear both requests;
//   - load shedding (domain notes, autorepairshq R53 BC1): heated screens off below 11.8 V, back
//     on above 12.2 V. The module measures its own supply pin (the ADC's AIP_BATT_VOLTS_MON).
//     A level must hold for kSettleTime (2 s, chosen: a module does not shed on a starter
//     motor's or a lamp's inrush dip) before the state changes; a request survives shedding and
//     its heater comes back on restore;
//   - each LED shows its heater is heating (relay commanded), so a shed heater's LED goes out
//     (chosen: no source says what the real LED shows while shed).
// No run-time limit on the heaters is modelled (the real module's is not documented).
//
// Outputs are high-side drivers (the same MC33286 class as the tailgate) fed from the logic
// feed 30A (chosen): the relay coils and LEDs are small loads.
#include "high_side_driver.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <memory>
#include <optional>
#include <string_view>

namespace bcmhil::model {

struct HeatedScreenPins {
  electrical::NodeId supply;        // feed of the output drivers (the logic feed 30A)
  electrical::NodeId measure;       // the pin whose voltage the module compares (its supply)
  electrical::NodeId kl15;          // ignition pin
  electrical::NodeId rear_relay;    // DOP_HEATED_RR_WIN_RLY
  electrical::NodeId front_relay;   // DOP_HEATED_FT_WIN_RLY
  electrical::NodeId rear_led;      // DOP_HT_RR_WIN_LED
  electrical::NodeId front_led;     // DOP_HT_FT_WIN_LED
};

class HeatedScreens : public sc_core::sc_module {
 public:
  HeatedScreens(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                const HeatedScreenPins& pins);

  sc_core::sc_in<bool> rear_switch{"rear_switch"};    // DIP_HT_RR_WIN_SW, debounced, 1 = pressed
  sc_core::sc_in<bool> front_switch{"front_switch"};  // DIP_HT_FT_SCR_SW, debounced, 1 = pressed
  sc_core::sc_in<bool> powered{"powered"};            // false: held in brown-out reset

  // DOP_* states under their reference names; std::nullopt for any other name.
  std::optional<bool> signal(std::string_view name) const;
  // The outputs, for the sleep manager (a heater that runs keeps the module awake).
  const sc_core::sc_signal_in_if<bool>& rear_relay() const { return rear_relay_; }
  const sc_core::sc_signal_in_if<bool>& front_relay() const { return front_relay_; }
  // The relay coil drivers, for faults that break them (0x8B/0x93, 0x9B/0x9C: heated_screen_faults.h).
  HighSideDriver& rear_relay_driver() { return rear_relay_driver_; }
  HighSideDriver& front_relay_driver() { return front_relay_driver_; }
  bool shed() const { return shed_; }
  bool ignition() const { return ignition_; }
  void reset();  // diagnostics SG_RESET: both requests cleared

  static constexpr double kShedBelowV = 11.8;     // domain notes
  static constexpr double kRestoreAboveV = 12.2;  // domain notes
  static constexpr double kIgnitionOnV = 6.0;     // chosen, like the output monitors
  static constexpr double kSettleS = 2.0;         // chosen

 private:
  void on_rear_press();
  void on_front_press();
  void on_power();
  void on_solved();
  void on_settled();
  void apply();

  Circuit& circuit_;
  trace::Recorder& recorder_;
  HeatedScreenPins pins_;
  HighSideDriver rear_relay_driver_;
  HighSideDriver front_relay_driver_;
  HighSideDriver rear_led_driver_;
  HighSideDriver front_led_driver_;
  bool rear_request_ = false;
  bool front_request_ = false;
  bool shed_ = false;
  bool settling_ = false;
  bool ignition_ = false;
  sc_core::sc_event settled_;
  sc_core::sc_event changed_;
  sc_core::sc_signal<bool> rear_relay_{"DOP_HEATED_RR_WIN_RLY"};
  sc_core::sc_signal<bool> front_relay_{"DOP_HEATED_FT_WIN_RLY"};
  sc_core::sc_signal<bool> rear_led_{"DOP_HT_RR_WIN_LED"};
  sc_core::sc_signal<bool> front_led_{"DOP_HT_FT_WIN_LED"};
  trace::SignalId shed_signal_;
  void write_outputs();
};

}  // namespace bcmhil::model
