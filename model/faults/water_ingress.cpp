#include "water_ingress.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

namespace {
// Progression step: fine enough that a fob press sees the board as it is at that moment.
const sc_core::sc_time kStep{100, sc_core::SC_MS};
}  // namespace

std::vector<ParamSpec> water_ingress_params() {
  return {
      {"region", ParamKind::choice, "tailgate_driver", "board region that gets wet",
       {"tailgate_driver"}},
      {"wetting_time", ParamKind::duration_s, "30 s", "time from onset until the region is saturated", {}, 0.1, 1e6},
      {"corrosion_time", ParamKind::duration_s, "40 s",
       "time fully wet (fresh water) until the driver is destroyed", {}, 0.1, 1e6},
      {"salt", ParamKind::number, "0.2", "salt content 0..1: conducts and corrodes faster", {}, 0.0, 1.0},
  };
}

WaterIngress::WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      driver_(vehicle.bc1.tailgate_driver()),
      wetting_s_(spec.number("wetting_time")),
      corrosion_s_(spec.number("corrosion_time")),
      salt_(spec.number("salt")) {
  // The film between the output pin and the module ground beside it; dry it is an open circuit.
  const auto& pins = vehicle.bc1.pins();
  // Named after this fault, so two water faults (two leaks, two seasons) can coexist.
  leak_ = vehicle.circuit.network().add_resistor(std::string(basename()) + ".film.tailgate_out", pins.tailgate_out,
                                                 pins.ground, electrical::kOpen);
}

void WaterIngress::begin() { last_s_ = 0.0; }

bool WaterIngress::progress(sc_core::sc_time since_onset) {
  const double t = since_onset.to_seconds();
  const double dt = t - last_s_;
  last_s_ = t;
  moisture_ = std::min(1.0, t / wetting_s_);
  // Corrosion dose accumulates with wetness; salt speeds it up.
  corrosion_ += moisture_ * (1.0 + 2.0 * salt_) * dt / corrosion_s_;

  auto& net = vehicle_.circuit.network();
  if (moisture_ > 0.0) {
    const double wet_ohm = kWetLeakOhm / (1.0 + 4.0 * salt_);
    net.set_resistance(leak_, std::pow(kDryLeakOhm, 1.0 - moisture_) * std::pow(wet_ohm, moisture_));
  }
  if (corrosion_ >= 1.0) {
    driver_.set_health(model::HighSideDriver::Health::failed_open);
  } else {
    driver_.set_damage_resistance(kFreshDriverOhm * (std::exp(kCorrosionGrowth * corrosion_) - 1.0));
  }
  vehicle_.circuit.request_solve();
  return corrosion_ < 1.0 || moisture_ < 1.0;
}

}  // namespace bcmhil::faults
