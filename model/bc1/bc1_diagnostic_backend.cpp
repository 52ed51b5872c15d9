#include "bc1_diagnostic_backend.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

std::optional<bool> Bc1DiagnosticBackend::digital(std::string_view signal) const { return module_.signal(signal); }

std::optional<uint8_t> Bc1DiagnosticBackend::analog_raw(std::string_view channel) const {
  if (channel == "AIP_BATT_VOLTS_MON") {
    const auto& net = module_.circuit().network();
    const double volts = net.voltage(module_.pins().kl30_logic) - net.voltage(module_.pins().ground);
    return static_cast<uint8_t>(std::clamp(std::lround(volts / kBatteryVoltsPerCount), 0L, 255L));
  }
  if (channel == "AOP_INTERIOR_LGT") return module_.interior_light_driver().commanded() ? kPwmFullOn : 0;
  // The registered functions' channels; nullopt for the rest (model/bc1/signal_coverage.csv).
  return module_.analog_raw(channel);
}

std::vector<diag::FaultRecord> Bc1DiagnosticBackend::fault_memory() const {
  std::vector<diag::FaultRecord> records;
  for (const auto& e : module_.fault_memory().entries()) records.push_back({e.code, e.active, e.frequency});
  return records;
}

std::vector<diag::InfoRecord> Bc1DiagnosticBackend::info_memory() const {
  std::vector<diag::InfoRecord> records;
  for (const auto& e : module_.info_memory().entries()) records.push_back({e.code, e.count});
  return records;
}

void Bc1DiagnosticBackend::clear_fault_memory() { module_.fault_memory().clear(); }

diag::RfStatus Bc1DiagnosticBackend::rf_status() const {
  diag::RfStatus status;
  const auto& c = module_.controller();
  switch (c.last_rf_verdict()) {
    case RfVerdict::ok: status.remote_ok_rolling_ok = true; break;
    case RfVerdict::rolling_code_out_of_sync: status.remote_ok_rolling_not_ok = true; break;
    case RfVerdict::unknown_remote:
    case RfVerdict::corrupt: status.remote_incorrect = true; break;
    case RfVerdict::none: break;
  }
  status.battery_dead = c.last_rf_low_battery();
  status.last_code = static_cast<uint32_t>(c.last_rf_frame() >> 16);  // identity and counter
  return status;
}

bool Bc1DiagnosticBackend::force_output(std::string_view signal, bool on) { return module_.force_output(signal, on); }

void Bc1DiagnosticBackend::reset() { module_.restart(); }

bool Bc1DiagnosticBackend::tilt_pulse_received() const {
  return module_.signal("DIP_ALARM_TILT_SW").value_or(false);
}

diag::IdentData Bc1DiagnosticBackend::ident() const {
  diag::IdentData id;
  id.bmw_part_number = "0000001";  // a simulated module says so: no real part number is claimed
  return id;
}

}  // namespace bcmhil::model
