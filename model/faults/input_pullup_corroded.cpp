#include "input_pullup_corroded.h"

#include "connector_inputs.h"
#include "growth_law.h"

#include <stdexcept>

namespace bcmhil::faults {

namespace {
const sc_core::sc_time kStep{100, sc_core::SC_MS};

// The input must be on the connector map (the error lists them) and have a pull-up on the board.
electrical::BranchId pull_up_of(const model::Vehicle& vehicle, const std::string& input) {
  connector_input_node(vehicle, input);
  try {
    return vehicle.bc1.input_pull_up(input);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("input " + input + " has no pull-up in the BC1's input stage to corrode");
  }
}
}  // namespace

std::vector<ParamSpec> input_pullup_corroded_params() {
  return {{"input", ParamKind::choice, "DIP_BOOT_HANDLE_SW",
           "which switch input's pull-up corrodes (any input of the connector map)", connector_inputs()},
          {"resistance", ParamKind::resistance_ohm, "25 kohm",
           "the pull-up's resistance once corroded (healthy: 10 kohm)", {}, 1.0, 1e9},
          {"growth_time", ParamKind::duration_s, "10 s", "time from onset until it reaches that resistance",
           {}, 0.0, 1e9}};
}

InputPullupCorroded::InputPullupCorroded(sc_core::sc_module_name name, const FaultSpec& spec,
                                         model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      pull_up_(pull_up_of(vehicle, spec.choice("input"))),
      end_ohm_(spec.number("resistance")),
      growth_s_(spec.number("growth_time")) {}

bool InputPullupCorroded::progress(sc_core::sc_time since_onset) {
  const GrowthLaw law{model::Bc1Module::kPullUpOhm, end_ohm_, growth_s_};
  const double t = since_onset.to_seconds();
  vehicle_.circuit.network().set_resistance(pull_up_, law.ohm_at(t));
  vehicle_.circuit.request_solve();
  return !law.grown(t);
}

}  // namespace bcmhil::faults
