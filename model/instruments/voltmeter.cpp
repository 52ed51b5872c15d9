#include "voltmeter.h"

namespace bcmhil::instruments {

namespace {
const std::vector<Scale> kScales{{0.6, 1e-4}, {6.0, 1e-3}, {60.0, 1e-2}, {600.0, 0.1}, {1000.0, 1.0}};
}  // namespace

Voltmeter::Voltmeter(model::Circuit& circuit, electrical::NodeId red, electrical::NodeId black)
    : leads_(circuit, red, black) {
  circuit.network().set_resistance(leads_.branch(), kInputOhm);
  request_solve(circuit);
}

InstrumentReading Voltmeter::read() const { return autorange(volts(), kScales, "V", "V"); }

}  // namespace bcmhil::instruments
