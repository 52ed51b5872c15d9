#include "quantity.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace bcmhil::scenario {

namespace {
struct Unit {
  double scale;
  Dimension dimension;
};

const std::map<std::string, Unit>& units() {
  static const std::map<std::string, Unit> table = {
      {"s", {1.0, Dimension::time}},        {"ms", {1e-3, Dimension::time}},
      {"us", {1e-6, Dimension::time}},      {"µs", {1e-6, Dimension::time}},
      {"min", {60.0, Dimension::time}},     {"V", {1.0, Dimension::voltage}},
      {"mV", {1e-3, Dimension::voltage}},   {"A", {1.0, Dimension::current}},
      {"mA", {1e-3, Dimension::current}},   {"ohm", {1.0, Dimension::resistance}},
      {"Ω", {1.0, Dimension::resistance}},  {"mohm", {1e-3, Dimension::resistance}},
      {"kohm", {1e3, Dimension::resistance}}, {"kΩ", {1e3, Dimension::resistance}},
      {"Mohm", {1e6, Dimension::resistance}}, {"MΩ", {1e6, Dimension::resistance}},
      {"Hz", {1.0, Dimension::frequency}},  {"kHz", {1e3, Dimension::frequency}},
      {"MHz", {1e6, Dimension::frequency}}, {"deg", {1.0, Dimension::angle}},
      {"°", {1.0, Dimension::angle}},
  };
  return table;
}
}  // namespace

std::optional<Quantity> parse_quantity(const std::string& text, Dimension bare_dimension) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) return std::nullopt;
  std::string unit(end);
  const auto first = unit.find_first_not_of(" \t");
  unit = first == std::string::npos ? "" : unit.substr(first);
  while (!unit.empty() && (unit.back() == ' ' || unit.back() == '\t')) unit.pop_back();
  if (unit.empty()) return Quantity{number, bare_dimension};
  auto it = units().find(unit);
  if (it == units().end()) return std::nullopt;
  const double value = number * it->second.scale;  // 1e308 kohm is not finite any more
  if (!std::isfinite(value)) return std::nullopt;
  return Quantity{value, it->second.dimension};
}

const char* unit_of(Dimension dimension) {
  switch (dimension) {
    case Dimension::time: return "s";
    case Dimension::voltage: return "V";
    case Dimension::current: return "A";
    case Dimension::resistance: return "ohm";
    case Dimension::frequency: return "Hz";
    case Dimension::angle: return "deg";
    case Dimension::none: return "";
  }
  return "";
}

std::string format_quantity(double value, Dimension dimension) {
  char buffer[64];
  if (dimension == Dimension::none)
    std::snprintf(buffer, sizeof buffer, "%g", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3f %s", value, unit_of(dimension));
  return buffer;
}

}  // namespace bcmhil::scenario
