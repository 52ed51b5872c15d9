#include "first_order_motion.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

FirstOrderMotion FirstOrderMotion::of_motor(double speed, double position, double source_volts,
                                            double total_ohms, double volts_per_speed, double accel_per_amp,
                                            double load_amps) {
  FirstOrderMotion m;
  m.start_speed = speed;
  m.start_position = position;
  m.rate = accel_per_amp * volts_per_speed / total_ohms;
  m.settled_speed = (source_volts - load_amps * total_ohms) / volts_per_speed;
  return m;
}

double FirstOrderMotion::speed_at(double t) const {
  return settled_speed + (start_speed - settled_speed) * std::exp(-rate * t);
}

double FirstOrderMotion::position_at(double t) const {
  // The integral of speed_at; -expm1 keeps the short-time difference exact.
  return start_position + settled_speed * t + (start_speed - settled_speed) * -std::expm1(-rate * t) / rate;
}

std::optional<double> FirstOrderMotion::time_to_stop() const {
  if (settled_speed >= 0.0) return std::nullopt;
  if (start_speed <= 0.0) return 0.0;
  // settled + (start - settled) e^(-rate t) = 0
  return std::log1p(start_speed / -settled_speed) / rate;
}

std::optional<double> FirstOrderMotion::time_to_reach(double target, double horizon) const {
  if (position_at(0.0) >= target) return 0.0;
  if (position_at(horizon) < target) return std::nullopt;
  // Newton on position_at(t) = target, whose derivative is speed_at(t) >= 0, kept inside a
  // bracket that bisection shrinks whenever a Newton step would leave it.
  double low = 0.0, high = horizon;
  double t = horizon;
  for (int i = 0; i < 100; ++i) {
    const double miss = position_at(t) - target;
    if (miss < 0.0) low = t;
    else high = t;
    const double speed = speed_at(t);
    double next = speed > 0.0 ? t - miss / speed : 0.5 * (low + high);
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (std::fabs(next - t) <= 1e-15 || high - low <= 1e-15) return next;  // a femtosecond
    t = next;
  }
  return t;
}

}  // namespace bcmhil::model
