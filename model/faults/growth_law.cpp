#include "growth_law.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

double geometric_between(double from_ohm, double to_ohm, double fraction) {
  const double f = std::clamp(fraction, 0.0, 1.0);
  return std::pow(from_ohm, 1.0 - f) * std::pow(to_ohm, f);
}

double GrowthLaw::fraction(double since_s) const {
  if (over_s <= 0.0) return 1.0;
  return std::clamp(since_s / over_s, 0.0, 1.0);
}

bool MigrationLaw::biased(double bias_v) { return std::fabs(bias_v) > kThresholdV; }

double MigrationLaw::dose(double moisture, double salt, double bias_v, double dt_s) const {
  if (!biased(bias_v) || moisture <= 0.0 || dt_s <= 0.0) return 0.0;
  const double field = (std::fabs(bias_v) - kThresholdV) / (kReferenceV - kThresholdV);
  return std::clamp(moisture, 0.0, 1.0) * (1.0 + 2.0 * salt) * field * dt_s / time_s;
}

}  // namespace bcmhil::faults
