#include "water_ingress.h"

#include "growth_law.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::faults {

namespace {
// Progression step: fine enough that a fob press sees the board as it is at that moment.
const sc_core::sc_time kStep{100, sc_core::SC_MS};

struct Region {
  std::vector<model::HighSideDriver*> drivers;
  std::vector<std::pair<std::string, electrical::NodeId>> output_pins;  // film name, pin
};

Region region_of(const std::string& name, model::Vehicle& vehicle) {
  auto& bc1 = vehicle.bc1;
  const auto& pins = bc1.pins();
  if (name == "tailgate_driver") return {{&bc1.tailgate_driver()}, {{"tailgate_out", pins.tailgate_out}}};
  if (name == "indicator_drivers")
    return {{&bc1.indicator_driver_lh(), &bc1.indicator_driver_rh()},
            {{"indicator_lh_out", pins.indicator_lh_out}, {"indicator_rh_out", pins.indicator_rh_out}}};
  throw std::invalid_argument("unknown board region " + name);
}
}  // namespace

std::vector<ParamSpec> water_ingress_params() {
  return {
      {"region", ParamKind::choice, "tailgate_driver", "board region that gets wet",
       {"tailgate_driver", "indicator_drivers"}},
      {"wetting_time", ParamKind::duration_s, "30 s", "time from onset until the region is saturated", {}, 0.1, 1e6},
      {"corrosion_time", ParamKind::duration_s, "40 s",
       "time fully wet (fresh water) until the drivers are destroyed", {}, 0.1, 1e6},
      {"salt", ParamKind::number, "0.2", "salt content 0..1: conducts and corrodes faster", {}, 0.0, 1.0},
      {"wet_for", ParamKind::duration_s, "0 s", "how long water keeps coming each time (0: it never stops)", {}, 0.0,
       1e6},
      {"rain_every", ParamKind::duration_s, "0 s", "water comes again this long after it last started (0: once)",
       {}, 0.0, 1e6},
      {"drying_time", ParamKind::duration_s, "20 s", "time constant of drying once the water stops", {}, 0.1, 1e6},
  };
}

WaterIngress::WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      wetting_s_(spec.number("wetting_time")),
      corrosion_s_(spec.number("corrosion_time")),
      salt_(spec.number("salt")),
      wet_for_s_(spec.number("wet_for")),
      rain_every_s_(spec.number("rain_every")),
      drying_s_(spec.number("drying_time")) {
  if (rain_every_s_ > 0.0 && wet_for_s_ <= 0.0)
    throw std::invalid_argument("rain_every needs wet_for: water that never stops cannot come again");
  const Region region = region_of(spec.choice("region"), vehicle);
  drivers_ = region.drivers;
  // A film per output pin to the module ground beside it; dry it is an open circuit. Named after
  // this fault, so two water faults (two leaks, two seasons) can coexist.
  for (const auto& [film, pin] : region.output_pins)
    leaks_.push_back(vehicle.circuit.network().add_resistor(std::string(basename()) + ".film." + film, pin,
                                                            vehicle.bc1.pins().ground, electrical::kOpen));
  // "water.<region>.moisture"; a second water fault on the same region records under its own name.
  auto& recorder = vehicle.circuit.recorder();
  std::string signal = "water." + spec.choice("region") + ".moisture";
  if (recorder.find(signal)) signal = std::string("water.") + basename() + ".moisture";
  moisture_signal_ = recorder.declare(signal, trace::Kind::real, "",
                                      "moisture of the wet board region, 0 (dry) to 1 (saturated)", 0.0);
}

void WaterIngress::begin() { last_s_ = 0.0; }

bool WaterIngress::water_coming(double t) const {
  if (wet_for_s_ <= 0.0) return true;
  const double into_rain = rain_every_s_ > 0.0 ? std::fmod(t, rain_every_s_) : t;
  return into_rain < wet_for_s_;
}

bool WaterIngress::progress(sc_core::sc_time since_onset) {
  const double t = since_onset.to_seconds();
  const double dt = t - last_s_;
  last_s_ = t;
  const bool coming = water_coming(t);
  if (coming && !was_coming_) {
    rain_start_s_ = t;
    moisture_at_rain_start_ = moisture_;
  }
  was_coming_ = coming;
  if (coming)  // linear in time since the water came (not summed steps: exact at every step)
    moisture_ = std::min(1.0, moisture_at_rain_start_ + (t - rain_start_s_) / wetting_s_);
  else {
    has_dried_ = has_dried_ || moisture_ > 0.0;
    // Drying starts when the water stopped, which may lie inside this step.
    const double cycle_start = rain_every_s_ > 0.0 ? std::floor(t / rain_every_s_) * rain_every_s_ : 0.0;
    const double drying_for = t - std::max(t - dt, cycle_start + wet_for_s_);
    moisture_ *= std::exp(-drying_for / drying_s_);
  }
  if (!coming && moisture_ < kDryBelow) moisture_ = 0.0;
  // Corrosion dose accumulates with wetness; salt speeds it up.
  corrosion_ += moisture_ * (1.0 + 2.0 * salt_) * dt / corrosion_s_;
  vehicle_.circuit.recorder().record(moisture_signal_, sc_core::sc_time_stamp().value(), moisture_);

  auto& net = vehicle_.circuit.network();
  const double dry_ohm = has_dried_ ? kDryLeakOhm / (1.0 + kResidueFactor * salt_) : kDryLeakOhm;
  const double wet_ohm = kWetLeakOhm / (1.0 + 4.0 * salt_);
  for (const auto leak : leaks_) {
    if (moisture_ > 0.0 || has_dried_)
      net.set_resistance(leak, geometric_between(dry_ohm, wet_ohm, moisture_));
  }
  for (auto* driver : drivers_) {
    if (corrosion_ >= 1.0)
      driver->set_health(model::HighSideDriver::Health::failed_open);
    else
      driver->set_damage_resistance(kFreshDriverOhm * (std::exp(kCorrosionGrowth * corrosion_) - 1.0));
  }
  vehicle_.circuit.request_solve();
  const bool water_ahead = wet_for_s_ <= 0.0 || rain_every_s_ > 0.0 || coming;
  // Done once the drivers are dead and the board saturated for good, or it has dried for good.
  if (corrosion_ >= 1.0 && wet_for_s_ <= 0.0) return moisture_ < 1.0;
  return water_ahead || moisture_ > 0.0;
}

}  // namespace bcmhil::faults
