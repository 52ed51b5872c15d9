#include "input_leak_intermittent.h"

#include "connector_inputs.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::faults {

std::vector<ParamSpec> input_leak_intermittent_params() {
  return {{"input", ParamKind::choice, "DIP_BOOT_HANDLE_SW",
           "which switch input the moisture bridges to ground (any input of the connector map)", connector_inputs()},
          {"wet_resistance", ParamKind::resistance_ohm, "1 kohm", "pin to ground while bridged", {}, 0.0, 1e9},
          {"wet_time", ParamKind::duration_s, "300 ms", "mean length of a bridged spell", {}, 1e-3, 3600},
          {"dry_time", ParamKind::duration_s, "15 s", "mean length of a dry spell between two", {}, 1e-3, 3600},
          {"seed", ParamKind::number, "1", "seed of the spell lengths (same seed, same run)", {}, 0.0, 4294967295.0}};
}

InputLeakIntermittent::InputLeakIntermittent(sc_core::sc_module_name name, const FaultSpec& spec,
                                             model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      vehicle_(vehicle),
      wet_ohm_(spec.number("wet_resistance")),
      wet_s_(spec.number("wet_time")),
      dry_s_(spec.number("dry_time")),
      rng_(static_cast<std::uint32_t>(spec.number("seed"))) {
  const auto& pins = vehicle.bc1.pins();
  path_ = vehicle.circuit.network().add_resistor(std::string(basename()) + ".path",
                                                 connector_input_node(vehicle, spec.choice("input")), pins.ground, kDryOhm);
  SC_HAS_PROCESS(InputLeakIntermittent);
  SC_METHOD(toggle);
  sensitive << next_;
  dont_initialize();
}

double InputLeakIntermittent::exponential(double mean_s) {
  const double u = static_cast<double>(rng_()) / 4294967296.0;  // [0, 1)
  return -mean_s * std::log(1.0 - u);
}

void InputLeakIntermittent::begin() { next_.notify(sc_core::sc_time(exponential(dry_s_), sc_core::SC_SEC)); }

void InputLeakIntermittent::toggle() {
  bridged_ = !bridged_;
  if (bridged_) ++bridges_;
  vehicle_.circuit.network().set_resistance(path_, bridged_ ? wet_ohm_ : kDryOhm);
  vehicle_.circuit.request_solve();
  // A spell shorter than a microsecond would be lost to the time resolution; the module clock
  // cannot see it anyway.
  const double next_s = std::max(1e-6, exponential(bridged_ ? wet_s_ : dry_s_));
  next_.notify(sc_core::sc_time(next_s, sc_core::SC_SEC));
}

}  // namespace bcmhil::faults
