#pragma once
// The module's 5 V switch supply ("Schalter Spannung 5V", AIP_EXT_5V_MON, bc1_analog.csv:
// 0.019607843 V/count, so 5.0 V reads 255): a linear regulator from the logic feed (KL30) to the
// module ground, brought out on pin X331.17 (CHOSEN) to the switches and sensors it feeds, and
// read back by the module's ADC. A real node in the network: a short to ground (water, a pinched
// wire) pulls it down and the tester reads the sag, a leak from a higher pin lifts it.
//
// The module switches it off while it sleeps (the awake/asleep change re-solves the circuit, and
// the supply follows at that solution): a parked car pays nothing for it.
// The regulator is a source of 5.0 V behind kOutputOhm whose EMF follows the input less
// kDropoutV when the logic feed sags (a brown-out leaves it below 5 V). Its EMF is updated at
// each circuit solution only when it changes by more than kEmfStepV, so a steady supply costs
// nothing. Figures CHOSEN (no source gives the BC1's regulator): 1 ohm output, 1 V dropout,
// a 10 mA load outside (the switch network, estimate).
#include "body_function.h"
#include "model/circuit/circuit.h"
#include "sleep_manager.h"

#include <string>

namespace bcmhil::model {

struct SwitchSupplyPins {
  electrical::NodeId logic_feed;  // KL30 logic
  electrical::NodeId ground;      // module ground
  electrical::NodeId output;      // bc1.ext_5v_out (X331.17)
};

class SwitchSupply : public sc_core::sc_module, public BodyFunction {
 public:
  static constexpr double kVolts = 5.0;
  static constexpr double kOutputOhm = 1.0;
  static constexpr double kDropoutV = 1.0;
  static constexpr double kEmfStepV = 0.01;
  static constexpr double kVoltsPerCount = 0.019607843;  // bc1_analog.csv AIP_EXT_5V_MON

  SwitchSupply(sc_core::sc_module_name name, Circuit& circuit, const std::string& base, SwitchSupplyPins pins,
               const SleepManager& sleep);

  std::optional<bool> signal(std::string_view) const override { return std::nullopt; }
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;
  double output_volts() const;  // against the module ground
  const SwitchSupplyPins& pins() const { return pins_; }

 private:
  void on_solved();
  Circuit& circuit_;
  const SleepManager& sleep_;
  SwitchSupplyPins pins_;
  electrical::BranchId regulator_;
  double emf_ = kVolts;
  bool on_ = true;  // follows the module's sleep
};

SwitchSupplyPins make_switch_supply_pins(electrical::Network& net, const std::string& base, electrical::NodeId logic_feed,
                                         electrical::NodeId ground);

}  // namespace bcmhil::model
