#include "ohmmeter.h"

#include <cmath>
#include <limits>

namespace bcmhil::instruments {

namespace {
const std::vector<Scale> kScales{{600.0, 0.1},           {6e3, 1.0, "k", 1e3},    {60e3, 10.0, "k", 1e3},
                                 {600e3, 100.0, "k", 1e3}, {6e6, 1e3, "M", 1e6}, {60e6, 10e3, "M", 1e6}};
}  // namespace

Ohmmeter::Ohmmeter(model::Circuit& circuit, electrical::NodeId red, electrical::NodeId black)
    : leads_(circuit, red, black) {
  // The lent branch runs red (a) to black (b); its EMF raises red above black.
  auto& net = circuit.network();
  net.set_resistance(leads_.branch(), kSourceOhm);
  net.set_emf(leads_.branch(), kSourceVolts);
  request_solve(circuit);
}

double Ohmmeter::ohms() const {
  // Inside the meter the current runs black to red, out of the red tip: minus the a-to-b current.
  const double out_of_red = -leads_.network().current(leads_.branch());
  if (out_of_red == 0.0) return std::numeric_limits<double>::infinity();
  return leads_.volts_across() / out_of_red;
}

InstrumentReading Ohmmeter::read() const { return autorange(ohms(), kScales, "ohm", "Ω"); }

bool Ohmmeter::energised() const {
  return std::fabs(leads_.network().open_circuit_voltage(leads_.branch())) > kEnergisedVolts;
}

}  // namespace bcmhil::instruments
