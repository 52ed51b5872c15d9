#include "clamp_meter.h"

namespace bcmhil::instruments {

namespace {
const std::vector<Scale> kScales{{60.0, 0.01}, {600.0, 0.1}};
}  // namespace

ClampMeter::ClampMeter(model::Circuit& circuit, ClampPlace place) : circuit_(circuit), place_(place) {
  circuit.network().branch_name(place.branch);  // throws std::out_of_range for no such branch
}

double ClampMeter::amps() const { return place_.direction * circuit_.network().current(place_.branch); }

InstrumentReading ClampMeter::read() const { return autorange(amps(), kScales, "A", "A"); }

}  // namespace bcmhil::instruments
