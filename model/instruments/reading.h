#pragma once
// What an instrument shows, and the numbers it can show at all.
//
// Meters autorange over decades of a fixed count (the scales each instrument lists): the value is
// rounded to the resolution of the first scale that holds it, the display shows it with that many
// decimals. Beyond the last scale the meter shows "OL"; `value` is then the last scale's full
// scale with the reading's sign (a finite "at least this", so tables and JSON can hold it).
#include <string>
#include <vector>

namespace bcmhil::instruments {

struct InstrumentReading {
  double value = 0.0;     // in `unit`, rounded to the display's resolution
  std::string unit;       // "V", "ohm", "A", "W"
  bool overload = false;  // the display reads "OL"
  std::string display;    // what the person reads: "12.43 V", "2.4 Ω", "OL", "lit"
};

// The values an instrument can show; a reading typed in by a person is checked against it.
struct Range {
  double min = 0.0;
  double max = 0.0;
  std::string unit;
  bool contains(double value) const { return value >= min && value <= max; }
  // Empty if `value` fits; otherwise why not ("1e+09 V is outside -1000..1000 V").
  std::string refuse(double value) const;
};

// One autorange scale: readings with |value| below `full_scale` show to `resolution`, in units
// of `prefix_factor` named `prefix` ("k" 1e3).
struct Scale {
  double full_scale;
  double resolution;
  const char* prefix = "";
  double prefix_factor = 1.0;
};

// The reading of `value` on the first scale that holds it (the last one up to and including its
// full scale); "OL" beyond, or for a value that is not a number.
InstrumentReading autorange(double value, const std::vector<Scale>& scales, const std::string& unit,
                            const std::string& display_unit);

}  // namespace bcmhil::instruments
