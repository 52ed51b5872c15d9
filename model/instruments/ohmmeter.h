#pragma once
// An ohmmeter on two points: a small source behind a reference resistance drives a few mA out of
// the red lead, through the part and back into the black; the meter shows the voltage across its
// tips over the current it measures in its own reference (ratiometric, as real DMMs do).
//
// Only meaningful on a de-energised part (the connector unplugged, the fuse out). On a live part
// it shows what a real meter shows: the part's own voltage drives current into the meter, and
// the ratio is wrong, negative, or "OL". energised() says so (a scratch solve of the network with
// the meter off finds more than 0.1 V across the tips), so a UI can warn.
//
// Chosen: 3.0 V open-circuit behind 1 kΩ (3 mA into a short), 6000 counts autoranging 600 Ω /
// 6 kΩ / 60 kΩ / 600 kΩ / 6 MΩ / 60 MΩ (0.1 Ω .. 10 kΩ resolution), "OL" beyond; the 0.1 V
// threshold for "energised".
#include "probe_leads.h"
#include "reading.h"

namespace bcmhil::instruments {

class Ohmmeter {
 public:
  static constexpr double kSourceVolts = 3.0;
  static constexpr double kSourceOhm = 1e3;
  static constexpr double kEnergisedVolts = 0.1;

  Ohmmeter(model::Circuit& circuit, electrical::NodeId red, electrical::NodeId black);

  // Volts across the tips over the current out of the red lead; infinity when none flows.
  double ohms() const;
  InstrumentReading read() const;
  bool energised() const;
  static Range range() { return {-60e6, 60e6, "ohm"}; }

 private:
  ProbeLeads leads_;
};

}  // namespace bcmhil::instruments
