#include "lamp_relay_failed.h"

namespace bcmhil::faults {

std::vector<ParamSpec> lamp_relay_failed_params() {
  return {{"relay", ParamKind::choice, "front_fog",
           "which lamp relay: front_fog (DOP_FT_FOG_LGT_RLY, fault codes 0xB1/0xB2) or aux_lamps (the auxiliary "
           "lamps' relay, 0xB3/0xB4)",
           {"front_fog", "aux_lamps"}},
          {"mode", ParamKind::choice, "welded",
           "welded: the contact fused shut (lamps lit all the time, EIN FEHLER); coil_open: the coil burnt through "
           "(lamps never light, AUS FEHLER)",
           {"welded", "coil_open"}}};
}

LampRelayFailed::LampRelayFailed(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      relay_(vehicle.exterior_lamps.relay(spec.choice("relay"))),
      welded_(spec.choice("mode") == "welded") {}

void LampRelayFailed::begin() {
  if (welded_)
    relay_.set_welded(true);
  else
    relay_.set_coil_open(true);
}

}  // namespace bcmhil::faults
