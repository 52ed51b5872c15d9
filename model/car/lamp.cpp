#include "lamp.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

Lamp::Lamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
           double watts, double rated_volts, LampSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      hot_ohm_(rated_volts * rated_volts / watts),
      rated_volts_(rated_volts),
      // A parked car's lamps are cold.
      branch_(circuit.network().add_resistor(std::string(basename()) + ".filament", feed, electrical::kGround,
                                             hot_ohm_ * std::pow(spec.cold_kelvin / spec.hot_kelvin,
                                                                 spec.resistance_exponent))),
      temperature_(spec.cold_kelvin / spec.hot_kelvin),
      filament_at_(temperature_),
      filament_ohm_(ohms(filament_at_)),
      cold_radiated_(std::pow(cold(), 4)) {
  SC_HAS_PROCESS(Lamp);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();
  SC_METHOD(on_dark);
  sensitive << dark_;
  dont_initialize();
  watch_signal(lit_, recorder, std::string(basename()) + ".lit", trace::Kind::bit, "", "the lamp is visibly lit");
}

double Lamp::ohms(double temperature) const {
  return hot_ohm_ * std::pow(std::max(temperature, cold()), spec_.resistance_exponent);
}

double Lamp::drive() const {
  const double v = volts_ / rated_volts_;
  return v * v;
}

double Lamp::rate(double t) const {
  const double heating = drive() * hot_ohm_ / ohms(t);
  const double radiated = std::pow(t, 4) - cold_radiated_;
  return (heating - radiated) / (4.0 * spec_.thermal_time_constant_s);
}

double Lamp::temperature_at(std::uint64_t t_ps) const {
  const double dt = static_cast<double>(t_ps - since_ps_) * 1e-12;
  if (dt <= 0.0) return temperature_;
  if (drive() < kUnpowered) {
    // A cold filament stays cold (the closed form below would land below cold() and be clamped
    // back to it): most lamps are dark and cold at most solves, and pow is costly.
    if (temperature_ <= cold()) return temperature_;
    // dT/dt = -T^4 / (4 tau): 1 / T^3 grows linearly, 3 / (4 tau) per second.
    const double t = std::pow(std::pow(temperature_, -3) + 3.0 * dt / (4.0 * spec_.thermal_time_constant_s), -1.0 / 3);
    return std::max(t, cold());
  }
  // RK4 at the voltage of the last solve; past five time constants it has settled.
  const double span = std::min(dt, 5.0 * spec_.thermal_time_constant_s);
  const int n = std::clamp(static_cast<int>(std::ceil(span / (0.1 * spec_.thermal_time_constant_s))), 1, 50);
  const double h = span / n;
  double t = temperature_;
  for (int i = 0; i < n; ++i) {
    const double k1 = rate(t), k2 = rate(t + 0.5 * h * k1), k3 = rate(t + 0.5 * h * k2), k4 = rate(t + h * k3);
    t = std::max(cold(), t + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4));
  }
  return t;
}

void Lamp::advance_to_now() {
  const std::uint64_t now = now_ps();
  temperature_ = temperature_at(now);
  since_ps_ = now;
}

void Lamp::set_filament(double temperature) {
  filament_at_ = temperature;
  filament_ohm_ = ohms(temperature);
  circuit_.network().set_resistance(branch_, filament_ohm_);
  circuit_.request_solve();
}

void Lamp::on_solved() {
  if (burnt_) return;
  const bool was_powered = drive() >= kUnpowered;
  const double volts = circuit_.network().current(branch_) * filament_ohm_;
  // Dark, unpowered, and still unpowered: it keeps cooling along the same closed form from where
  // it was last brought up to date (1 / T^3 grows linearly, so one evaluation over the whole
  // stretch is the same curve as a chain of them), with nothing to schedule. Other parts' solves
  // (the water's steps, a motor's) cost it no pow.
  const double v = volts / rated_volts_;
  if (!was_powered && !lit_.read() && v * v < kUnpowered) {
    volts_ = volts;
    return;
  }
  advance_to_now();
  volts_ = volts;
  // Power back on a filament that cooled meanwhile: its resistance first (one more solve).
  if (!was_powered && drive() >= kUnpowered && std::fabs(temperature_ - filament_at_) > kMaxStep / 10) {
    set_filament(temperature_);
    return;
  }
  schedule();
}

// The next resistance step while powered and not settled; unpowered, the instant it goes dark.
void Lamp::schedule() {
  dark_.cancel();
  const double tau = spec_.thermal_time_constant_s;
  if (drive() < kUnpowered) {
    step_.cancel();
    step_pending_ = false;
    if (lit_.read()) {
      const double seconds = temperature_ > spec_.visible_fraction
                                 ? 4.0 * tau / 3.0 * (std::pow(spec_.visible_fraction, -3) - std::pow(temperature_, -3))
                                 : 0.0;
      dark_.notify(sc_core::sc_time(std::max(1.0, std::ceil(seconds * 1e6)), sc_core::SC_US));
    }
    return;
  }
  // A step already due stays due: other parts' solves must not keep pushing it back.
  if (step_pending_) return;
  const double speed = std::fabs(rate(temperature_));
  if (speed * 4.0 * tau < kSettled) {
    // Settled: the glow may still have to catch up with a slow drift.
    const bool lit = temperature_ >= spec_.visible_fraction;
    if (lit != lit_.read()) lit_.write(lit);
    return;
  }
  step_pending_ = true;
  const double seconds = std::clamp(kMaxStep / speed, kMinStepS, tau);
  step_.notify(sc_core::sc_time(std::ceil(seconds * 1e6), sc_core::SC_US));
}

void Lamp::on_step() {
  step_pending_ = false;
  advance_to_now();
  const bool lit = temperature_ >= spec_.visible_fraction;
  if (lit != lit_.read()) lit_.write(lit);
  set_filament(temperature_);  // the solve that follows takes the new voltage and schedules the next step
}

void Lamp::on_dark() { lit_.write(false); }

void Lamp::set_burnt_out(bool burnt) {
  advance_to_now();
  burnt_ = burnt;
  step_.cancel();
  step_pending_ = false;
  dark_.cancel();
  if (burnt) {
    volts_ = 0.0;
    if (lit_.read()) lit_.write(false);
    circuit_.network().set_resistance(branch_, electrical::kOpen);
    circuit_.request_solve();
    return;
  }
  set_filament(temperature_);
}

}  // namespace bcmhil::model
