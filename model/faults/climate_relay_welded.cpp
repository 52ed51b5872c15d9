#include "climate_relay_welded.h"

namespace bcmhil::faults {

std::vector<ParamSpec> climate_relay_welded_params() {
  return {{"relay", ParamKind::choice, "blower", "blower: the blower relay; compressor: the A/C clutch relay",
           {"blower", "compressor"}}};
}

ClimateRelayWelded::ClimateRelayWelded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), vehicle_(vehicle), relay_(spec.choice("relay")) {}

void ClimateRelayWelded::begin() {
  if (relay_ == "compressor")
    vehicle_.climate.compressor_relay.weld();
  else
    vehicle_.climate.blower_relay.weld();
}

}  // namespace bcmhil::faults
