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

}  // namespace bcmhil::faults
