#include "high_side_driver.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace bcmhil::model {

namespace {
std::uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }
}  // namespace

HighSideDriver::HighSideDriver(Circuit& circuit, const std::string& name, electrical::NodeId supply,
                               electrical::NodeId output, HighSideDriverSpec spec)
    : circuit_(circuit),
      name_(name),
      spec_(spec),
      branch_(circuit.network().add_resistor(name, supply, output, electrical::kOpen)) {
  circuit_.add_correction([this](electrical::Network& net) { return limit_current(net); });
  sc_core::sc_spawn_options solved;
  solved.spawn_method();
  solved.dont_initialize();
  solved.set_sensitivity(&circuit.solved());
  sc_core::sc_spawn([this] { on_solved(); }, nullptr, &solved);
  sc_core::sc_spawn_options due;
  due.spawn_method();
  due.dont_initialize();
  due.set_sensitivity(&thermal_);
  sc_core::sc_spawn([this] { on_thermal_event(); }, nullptr, &due);
}

bool HighSideDriver::conducting() const {
  if (health_ == Health::failed_open) return false;
  if (health_ == Health::failed_short) return true;
  return commanded_ && !shut_down_;
}

bool HighSideDriver::limiting() const {
  return circuit_.network().forced_current(branch_).has_value();
}

void HighSideDriver::command(bool on) {
  if (on == commanded_) return;
  commanded_ = on;
  apply();
}

void HighSideDriver::set_damage_resistance(double ohms) {
  damage_ohm_ = ohms;
  // Water corrodes the pads of a switch that is off at every step of the fault: an open switch's
  // damage changes nothing in the network and nothing any part reads (it dissipates nothing, and
  // only the water fault reads damage_resistance()), so it asks for no solve. It counts from the
  // next switch-on.
  if (conducting()) apply();
}

void HighSideDriver::set_health(Health health) {
  health_ = health;
  apply();
}

void HighSideDriver::apply() {
  auto& net = circuit_.network();
  net.set_forced_current(branch_, std::nullopt);
  net.set_resistance(branch_, conducting() ? spec_.on_resistance_ohm + damage_ohm_ : electrical::kOpen);
  circuit_.request_solve();
}

bool HighSideDriver::limit_current(electrical::Network& net) {
  // A shorted (destroyed) switch no longer limits; an off switch has nothing to limit.
  if (!protects() || shut_down_) return false;
  const bool low_output = net.voltage(net.branch_b(branch_)) < spec_.foldback_below_v;
  const double limit = low_output ? spec_.short_circuit_limit_a : spec_.current_limit_a;
  const auto forced = net.forced_current(branch_);
  if (!forced) {
    const double amps = net.current(branch_);
    if (std::fabs(amps) <= limit) return false;
    // Switched into an overload the output starts at 0 V: the short-circuit limit holds first;
    // the next pass raises it if the output then stands above the foldback voltage.
    net.set_forced_current(branch_, std::copysign(spec_.short_circuit_limit_a, amps));
    return true;
  }
  // In limit: release when the resistive path alone would stay under the limit that applies.
  // Signed: a load that no longer needs the limit shows as a current below it (or reversed).
  const double across = net.voltage(net.branch_a(branch_)) - net.voltage(net.branch_b(branch_));
  const double resistive = across / net.resistance(branch_);
  if (std::copysign(1.0, *forced) * resistive < limit) {
    net.set_forced_current(branch_, std::nullopt);
    return true;
  }
  if (std::fabs(*forced) != limit) {  // the output crossed the foldback voltage
    net.set_forced_current(branch_, std::copysign(limit, *forced));
    return true;
  }
  return false;
}

double HighSideDriver::die_power(const electrical::Network& net) const {
  if (!conducting()) return 0.0;
  const double amps = std::fabs(net.current(branch_));
  if (!limiting()) return amps * amps * spec_.die_on_resistance_ohm;
  // In the limit the die takes whatever the load leaves of the branch voltage; the traces and a
  // corroded pad (outside the die) take their ohmic share.
  const double across = std::fabs(net.voltage(net.branch_a(branch_)) - net.voltage(net.branch_b(branch_)));
  const double outside_ohm = spec_.on_resistance_ohm - spec_.die_on_resistance_ohm + damage_ohm_;
  return std::max(0.0, amps * (across - amps * outside_ohm));
}

HighSideDriver::Rise HighSideDriver::rise_after(double seconds) const {
  auto relax = [&](double from, double ohms_k_per_w, double tau_s) {
    const double target = power_w_ * ohms_k_per_w;
    return target + (from - target) * std::exp(-seconds / tau_s);
  };
  return {relax(rise_.die, spec_.die_thermal_resistance_k_per_w, spec_.die_thermal_time_constant_s),
          relax(rise_.package, spec_.package_thermal_resistance_k_per_w, spec_.package_thermal_time_constant_s)};
}

HighSideDriver::Rise HighSideDriver::rise_at(std::uint64_t t_ps) const {
  return rise_after(static_cast<double>(t_ps - since_ps_) * 1e-12);
}

double HighSideDriver::junction_c() const { return spec_.ambient_c + rise_at(now_ps()).total(); }

void HighSideDriver::on_solved() {
  const double power = die_power(circuit_.network());
  if (power == power_w_) return;
  const std::uint64_t now = now_ps();
  rise_ = rise_at(now);
  since_ps_ = now;
  power_w_ = power;
  schedule_thermal_event();
}

namespace {
// First time in (0, horizon] at which f (a sum of two exponentials: at most one extremum)
// reaches `level` going the given way: log-spaced samples from 1 us, then bisection.
template <typename F>
std::optional<double> first_crossing(F f, double level, bool upwards, double horizon_s) {
  auto past = [&](double t) { return upwards ? f(t) >= level : f(t) <= level; };
  double before = 0.0;
  for (double t = 1e-6; before < horizon_s; t *= 1.1) {
    if (past(t)) {
      double lo = before, hi = t;
      for (int i = 0; i < 48; ++i) {
        const double mid = 0.5 * (lo + hi);
        (past(mid) ? hi : lo) = mid;
      }
      return hi;
    }
    before = t;
  }
  return std::nullopt;
}
}  // namespace

// The instant the junction reaches the shutdown temperature (on, heating) or cools to the
// restart temperature (shut down), at the present power.
void HighSideDriver::schedule_thermal_event() {
  thermal_.cancel();
  if (health_ != Health::ok) return;
  const double trip = spec_.shutdown_c - spec_.ambient_c;
  const double level = shut_down_ ? trip - spec_.restart_hysteresis_k : trip;
  if (!shut_down_) {
    // Neither RC can go above the larger of where it is and where it is heading: most of the
    // time (a lamp, a lock motor) that settles it without a search.
    const double ceiling = std::max(rise_.die, power_w_ * spec_.die_thermal_resistance_k_per_w) +
                           std::max(rise_.package, power_w_ * spec_.package_thermal_resistance_k_per_w);
    if (ceiling < level) return;
  }
  const auto seconds = first_crossing([this](double t) { return rise_after(t).total(); }, level, !shut_down_,
                                      10.0 * spec_.package_thermal_time_constant_s);
  if (!seconds) return;
  thermal_.notify(sc_core::sc_time(std::ceil(*seconds * 1e6), sc_core::SC_US));
}

void HighSideDriver::on_thermal_event() {
  const std::uint64_t now = now_ps();
  rise_ = rise_at(now);
  since_ps_ = now;
  shut_down_ = !shut_down_;  // tripped, or cooled enough to restart
  apply();                   // the solve that follows takes the new power and schedules the next
}

}  // namespace bcmhil::model
