#pragma once
// The simulated BC1 as its DS2 service sees it: signal states under the reference tables' names,
// the battery voltage as the module's ADC reads it, fault memory, RF status, forced outputs.
// Every call must come from inside the simulation (a SystemC process), see
// bench/runner/model_responder.h for how the K-line thread gets there.
#include "bc1_module.h"
#include "model/diag/diagnostic_backend.h"

namespace bcmhil::model {

class Bc1DiagnosticBackend : public diag::DiagnosticBackend {
 public:
  explicit Bc1DiagnosticBackend(Bc1Module& module) : module_(module) {}

  // The module's own view of each signal (Bc1Module::signal); nullopt where the model has none
  // (model/bc1/signal_coverage.csv says which and why).
  std::optional<bool> digital(std::string_view signal) const override;
  // AIP_BATT_VOLTS_MON (the logic feed through the ADC) and AOP_INTERIOR_LGT (the interior light
  // output: 255 on, 0 off, chosen scale); the other channels belong to functions the model does
  // not have: nullopt.
  std::optional<uint8_t> analog_raw(std::string_view channel) const override;
  std::vector<diag::FaultRecord> fault_memory() const override;
  void clear_fault_memory() override;
  std::vector<diag::InfoRecord> info_memory() const override;  // the alarm's mislocks and triggers
  diag::RfStatus rf_status() const override;
  void clear_rf_buffers() override;
  // The key slots (model/bc1/remote_keys.h). A window code beyond the telegram's 16-bit counter
  // or a base code of 0 is refused (B0).
  std::optional<diag::PlipCodes> read_plip(uint8_t location) const override;
  bool write_plip(uint8_t location, const diag::PlipCodes& codes) override;  // CLEAR_RF_BUFFERS: STATUS_RF reads nothing received after
  bool force_output(std::string_view signal, bool on) override;
  void reset() override;  // SG_RESET: the module restarts as at power-on (Bc1Module::restart)
  diag::IdentData ident() const override;
  bool tilt_pulse_received() const override;  // the tilt switch input as the module reads it now

  // AIP_BATT_VOLTS_MON scaling from bc1_analog.csv (BC1.prg ANALOG table).
  static constexpr double kBatteryVoltsPerCount = 0.072087658;
  // AOP_INTERIOR_LGT of a light switched fully on (chosen: bc1_analog.csv gives factor 1, no unit).
  static constexpr uint8_t kPwmFullOn = 255;

 private:
  Bc1Module& module_;
};

}  // namespace bcmhil::model
