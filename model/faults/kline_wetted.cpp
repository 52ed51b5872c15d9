#include "kline_wetted.h"

#include "growth_law.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

namespace {
constexpr double kDryOhm = 1e6;
const sc_core::sc_time kStep{100, sc_core::SC_MS};
}  // namespace

std::vector<ParamSpec> kline_wetted_params() {
  return {{"wetting_time", ParamKind::duration_s, "5 s", "time from onset until the film is fully wet", {}, 0.0, 1e6},
          {"wet_resistance", ParamKind::resistance_ohm, "20 ohm", "K-line pin to ground when fully wet", {}, 0.0, 1e6}};
}

KlineWetted::KlineWetted(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      film_(vehicle.circuit.network().add_resistor(std::string(basename()) + ".film.kline", vehicle.bc1.pins().kline,
                                                   vehicle.bc1.pins().ground, electrical::kOpen)),
      wetting_s_(spec.number("wetting_time")),
      wet_ohm_(std::max(spec.number("wet_resistance"), 1e-3)) {}

bool KlineWetted::progress(sc_core::sc_time since_onset) {
  // Geometric between dry and wet: the film conducts by orders of magnitude as it wets.
  const GrowthLaw law{kDryOhm, wet_ohm_, wetting_s_};
  const double t = since_onset.to_seconds();
  vehicle_.circuit.network().set_resistance(film_, law.ohm_at(t));
  vehicle_.circuit.request_solve();
  return !law.grown(t);
}

}  // namespace bcmhil::faults
