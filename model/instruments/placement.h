#pragma once
// An instrument of any kind placed by name, for code that reads a catalogue of tests and does
// not care which instrument it holds: "dvm" on two points, "ohmmeter" on two points, "clamp" on
// one clamp place, "test_lamp" across two points.
#include "measurement_points.h"
#include "reading.h"

#include "model/car/vehicle.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::instruments {

enum class InstrumentKind { voltmeter, ohmmeter, clamp, test_lamp };

// "dvm" (or "voltmeter"), "ohmmeter", "clamp", "test_lamp"; std::nullopt for another name.
std::optional<InstrumentKind> instrument_kind(std::string_view name);
const std::vector<std::string>& instrument_names();
const char* name_of(InstrumentKind kind);
Range range_of(InstrumentKind kind);

class Instrument {
 public:
  virtual ~Instrument() = default;
  virtual InstrumentReading read() const = 0;
  // Ohmmeter: voltage on the part (the reading is not to be trusted); false for the others.
  virtual bool energised() const { return false; }
};

// Puts the instrument on (red/first, black/second; a clamp takes only `first`). Throws
// std::invalid_argument for an unknown point or place, or a second point a clamp does not take.
std::unique_ptr<Instrument> place_instrument(model::Vehicle& vehicle, InstrumentKind kind, std::string_view first,
                                             std::string_view second = {});

}  // namespace bcmhil::instruments
