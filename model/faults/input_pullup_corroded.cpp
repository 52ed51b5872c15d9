#include "input_pullup_corroded.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

namespace {
const sc_core::sc_time kStep{100, sc_core::SC_MS};
}  // namespace

std::vector<ParamSpec> input_pullup_corroded_params() {
  return {{"input", ParamKind::choice, "DIP_BOOT_HANDLE_SW", "which switch input is corroded",
           {"DIP_BOOT_HANDLE_SW", "DIP_BOOT_OPEN_SW"}},
          {"resistance", ParamKind::resistance_ohm, "5 kohm", "film resistance from the pin to ground once grown",
           {}, 1.0, 1e9},
          {"growth_time", ParamKind::duration_s, "10 s", "time from onset until it reaches that resistance (from 1 Mohm)",
           {}, 0.0, 1e9}};
}

InputPullupCorroded::InputPullupCorroded(sc_core::sc_module_name name, const FaultSpec& spec,
                                         model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      end_ohm_(spec.number("resistance")),
      growth_s_(spec.number("growth_time")) {
  const auto& pins = vehicle.bc1.pins();
  const auto pin = spec.choice("input") == "DIP_BOOT_OPEN_SW" ? pins.boot_open_in : pins.boot_handle_in;
  film_ = vehicle.circuit.network().add_resistor(std::string(basename()) + ".film", pin, pins.ground,
                                                 electrical::kOpen);
}

bool InputPullupCorroded::progress(sc_core::sc_time since_onset) {
  const double grown = growth_s_ <= 0 ? 1.0 : std::min(1.0, since_onset.to_seconds() / growth_s_);
  vehicle_.circuit.network().set_resistance(film_, std::pow(kDryOhm, 1.0 - grown) * std::pow(end_ohm_, grown));
  vehicle_.circuit.request_solve();
  return grown < 1.0;
}

}  // namespace bcmhil::faults
