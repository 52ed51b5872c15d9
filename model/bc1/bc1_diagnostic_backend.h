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

  bool digital(std::string_view signal) const override;
  uint8_t analog_raw(std::string_view channel) const override;
  std::vector<diag::FaultRecord> fault_memory() const override;
  void clear_fault_memory() override;
  std::vector<diag::InfoRecord> info_memory() const override;  // the alarm's mislocks and triggers
  diag::RfStatus rf_status() const override;
  bool force_output(std::string_view signal, bool on) override;
  void reset() override;
  diag::IdentData ident() const override;

  // AIP_BATT_VOLTS_MON scaling from bc1_analog.csv (BC1.prg ANALOG table).
  static constexpr double kBatteryVoltsPerCount = 0.072087658;

 private:
  Bc1Module& module_;
};

}  // namespace bcmhil::model
