#include "supply_brownout.h"

#include "growth_law.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

namespace {
const sc_core::sc_time kStep{100, sc_core::SC_MS};
}  // namespace

std::vector<ParamSpec> supply_brownout_params() {
  return {{"resistance", ParamKind::resistance_ohm, "1.5 ohm",
           "series resistance of the corroded terminal once grown (1.5 ohm: the trunk button's flashes plus "
           "the lock motor pull the BC1 under 6 V at 12.6 V)",
           {}, 0.0, 1e3},
          {"growth_time", ParamKind::duration_s, "0 s",
           "time from onset until it reaches that resistance (from 1 mohm, geometric)", {}, 0.0, 1e9}};
}

SupplyBrownout::SupplyBrownout(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      battery_(vehicle.circuit.network().branch("battery")),
      end_ohm_(std::max(spec.number("resistance"), kCleanOhm)),
      growth_s_(spec.number("growth_time")),
      post_signal_(vehicle.circuit.recorder().declare(
          "battery.post_volts", trace::Kind::real, "V",
          "voltage on the battery posts, inside the corroded terminal clamp (what battery.plus would read clean)",
          vehicle.power.battery_volts())) {
  SC_HAS_PROCESS(SupplyBrownout);
  SC_METHOD(on_solved);
  sensitive << vehicle.circuit.solved();
  dont_initialize();
}

bool SupplyBrownout::progress(sc_core::sc_time since_onset) {
  const GrowthLaw law{kCleanOhm, end_ohm_, growth_s_};
  const double t = since_onset.to_seconds();
  terminal_ohm_ = law.ohm_at(t);
  vehicle_.circuit.network().set_resistance(battery_, model::PowerSupply::kInternalOhm + terminal_ohm_);
  vehicle_.circuit.request_solve();
  return !law.grown(t);
}

void SupplyBrownout::on_solved() {
  // The current through the battery (negative while discharging) also crosses the clamp: the
  // posts sit above battery.plus by that current times the clamp's resistance.
  const auto& net = vehicle_.circuit.network();
  const double drawn = -net.current(battery_);
  const double post = net.voltage(vehicle_.power.battery_plus()) + drawn * terminal_ohm_;
  vehicle_.circuit.recorder().record(post_signal_, model::now_ps(), post);
}

}  // namespace bcmhil::faults
