#pragma once
// Physical quantities as people write them in scenario files: "600 ms", "12.6 V", "10 kohm".
#include <optional>
#include <string>

namespace bcmhil::scenario {

enum class Dimension { time, voltage, current, resistance, frequency, angle, none };

struct Quantity {
  double value;  // SI: s, V, A, ohm, Hz
  Dimension dimension;
};

// Parses "<number> [unit]". A bare number gets `bare_dimension` (SI unit assumed).
// std::nullopt for text that is not a number with a known unit.
std::optional<Quantity> parse_quantity(const std::string& text, Dimension bare_dimension);
const char* unit_of(Dimension dimension);
std::string format_quantity(double value, Dimension dimension);  // "0.600 s", "12.31 V"

}  // namespace bcmhil::scenario
