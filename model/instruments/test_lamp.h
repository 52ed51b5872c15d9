#pragma once
// A test lamp across two points: a 21 W / 12 V bulb (hot filament, 6.86 Ω) as a real load. It
// draws its 1.75 A through whatever feeds the points, so a wire corroded to a few hundred ohms,
// which a 10 MΩ voltmeter reads as full battery voltage, leaves the lamp dark.
//
// lit() once the bulb takes at least 10 % of its rated power (chosen: a filament at a tenth of
// its power glows a dull orange a person in a workshop still sees; model/car/lamp's third of the
// rated current is 11 %). read(): the bulb's power in watts (the model's truth), the display what
// the person sees: "lit" or "dark". The filament is modelled hot throughout (a cold filament's
// lower resistance is not modelled).
#include "probe_leads.h"
#include "reading.h"

namespace bcmhil::instruments {

class TestLamp {
 public:
  static constexpr double kLitFraction = 0.10;

  TestLamp(model::Circuit& circuit, electrical::NodeId a, electrical::NodeId b, double rated_watts = 21.0,
           double rated_volts = 12.0);

  double watts() const;
  bool lit() const { return watts() >= kLitFraction * rated_watts_; }
  InstrumentReading read() const;
  static Range range() { return {0.0, 1000.0, "W"}; }

 private:
  ProbeLeads leads_;
  double rated_watts_;
};

}  // namespace bcmhil::instruments
