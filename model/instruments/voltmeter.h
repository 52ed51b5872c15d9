#pragma once
// A digital voltmeter (DVM) on two points: its 10 MΩ input is a real load between them, so a
// floating point or one behind megohms of leakage reads what a real meter reads, not the ideal
// node voltage. Volts from the red lead's point to the black's; any two points, not only to
// ground.
//
// Display: 6000 counts, autoranging 0.6 / 6 / 60 / 600 / 1000 V (resolution 0.1 mV .. 1 V);
// beyond 1000 V "OL". (Chosen: a typical handheld automotive DMM.)
#include "probe_leads.h"
#include "reading.h"

namespace bcmhil::instruments {

class Voltmeter {
 public:
  static constexpr double kInputOhm = 10e6;

  Voltmeter(model::Circuit& circuit, electrical::NodeId red, electrical::NodeId black);

  double volts() const { return leads_.volts_across(); }  // unrounded, the model's truth
  InstrumentReading read() const;
  static Range range() { return {-1000.0, 1000.0, "V"}; }

 private:
  ProbeLeads leads_;
};

}  // namespace bcmhil::instruments
