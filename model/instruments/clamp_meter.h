#pragma once
// A DC clamp meter around one wire: it reads the wire's current without touching the circuit
// (nothing is added to the network). The sign follows the clamp place's direction
// (measurement_points.h: into the pin, out of the battery).
//
// Chosen: autorange 60 A (10 mA resolution) / 600 A (0.1 A), "OL" beyond: a typical automotive
// DC clamp.
#include "measurement_points.h"
#include "reading.h"

#include "model/circuit/circuit.h"

namespace bcmhil::instruments {

class ClampMeter {
 public:
  ClampMeter(model::Circuit& circuit, ClampPlace place);
  ClampMeter(model::Circuit& circuit, electrical::BranchId branch) : ClampMeter(circuit, ClampPlace{branch, 1.0}) {}

  double amps() const;  // unrounded
  InstrumentReading read() const;
  static Range range() { return {-600.0, 600.0, "A"}; }

 private:
  const model::Circuit& circuit_;
  ClampPlace place_;
};

}  // namespace bcmhil::instruments
