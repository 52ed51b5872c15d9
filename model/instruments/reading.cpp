#include "reading.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace bcmhil::instruments {

std::string Range::refuse(double value) const {
  if (contains(value)) return {};
  std::ostringstream msg;
  msg << value << " " << unit << " is outside what the instrument can show (" << min << " .. " << max << " " << unit
      << ")";
  return msg.str();
}

namespace {
std::string fixed(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}
}  // namespace

InstrumentReading autorange(double value, const std::vector<Scale>& scales, const std::string& unit,
                            const std::string& display_unit) {
  if (!std::isnan(value)) {
    for (std::size_t i = 0; i < scales.size(); ++i) {
      const auto& s = scales[i];
      double rounded = std::round(value / s.resolution) * s.resolution;
      if (rounded == 0.0) rounded = 0.0;  // no "-0.000"
      const bool last = i + 1 == scales.size();
      if (!(std::fabs(rounded) < s.full_scale || (last && std::fabs(rounded) <= s.full_scale))) continue;
      const int decimals = std::max(0, static_cast<int>(std::lround(-std::log10(s.resolution / s.prefix_factor))));
      return {rounded, unit, false, fixed(rounded / s.prefix_factor, decimals) + " " + s.prefix + display_unit};
    }
  }
  const double full = scales.empty() ? 0.0 : scales.back().full_scale;
  return {std::signbit(value) ? -full : full, unit, true, "OL"};
}

}  // namespace bcmhil::instruments
