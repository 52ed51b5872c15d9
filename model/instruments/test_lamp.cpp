#include "test_lamp.h"

#include <cmath>
#include <stdexcept>

namespace bcmhil::instruments {

TestLamp::TestLamp(model::Circuit& circuit, electrical::NodeId a, electrical::NodeId b, double rated_watts,
                   double rated_volts)
    : leads_(circuit, a, b), rated_watts_(rated_watts) {
  if (!(rated_watts > 0.0) || !(rated_volts > 0.0)) throw std::invalid_argument("a test lamp needs watts and volts > 0");
  circuit.network().set_resistance(leads_.branch(), rated_volts * rated_volts / rated_watts);
  request_solve(circuit);
}

double TestLamp::watts() const { return leads_.network().power(leads_.branch()); }

InstrumentReading TestLamp::read() const {
  const double w = std::round(watts() * 10.0) / 10.0;
  return {w, "W", false, lit() ? "lit" : "dark"};
}

}  // namespace bcmhil::instruments
