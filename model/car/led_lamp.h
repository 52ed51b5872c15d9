#pragma once
// An LED lamp (the third brake light in the roof spoiler): strings of LEDs with their series
// resistors, lumped into one diode: nothing flows below the forward voltage, above it the current
// rises through the series resistance. Unlike a filament, which needs about a third of its rated
// current before it glows at all (model/car/lamp.h), an LED shows light at a thousandth of its
// rated current: a leakage path of some tens of kOhm to a 12 V pin lights it dimly, a few ohms light
// it fully. That is the owners' "third brake light glowing with the car off, later fully lit" on a
// flooded module (../shared/domain/r50-bc1.md).
//
// Figures (no source gives the MINI's; CHOSEN, typical of an LED high-mount stop lamp): three red
// LEDs in series per string (forward voltage 6 V for the string), ~2 W at 13.5 V (150 mA), a
// visible glow from 20 uA (a red LED at 1/7500 of its current is plainly seen at dusk), "fully lit"
// from half its rated current.
//
// The diode is piecewise linear (conducting: series resistance and the forward voltage as an EMF;
// blocking: 10 MOhm), switched by a circuit correction, so each operating point is exact for it.
// Recorded: "<name>.glowing" (any visible light), "<name>.lit" (fully lit).
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

namespace bcmhil::model {

struct LedLampSpec {
  double forward_volts = 6.0;     // chosen: 3 red LEDs in series
  double rated_volts = 13.5;
  double rated_amps = 0.15;       // chosen: ~2 W
  double blocking_ohm = 10e6;     // chosen: reverse and sub-threshold leakage
  double glow_amps = 20e-6;       // chosen: the faintest light a person notices at dusk
  double lit_fraction = 0.5;      // chosen: "fully lit" from half the rated current
  double series_ohm() const { return (rated_volts - forward_volts) / rated_amps; }
};

class LedLamp : public sc_core::sc_module {
 public:
  LedLamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
          LedLampSpec spec = {});
  electrical::BranchId branch() const { return branch_; }
  bool glowing() const { return glowing_.read(); }
  bool lit() const { return lit_.read(); }
  double amps() const;  // through the LEDs at the last solve
  const LedLampSpec& spec() const { return spec_; }

 private:
  bool correct(electrical::Network& net);  // the diode's state for this operating point
  void on_solved();

  Circuit& circuit_;
  LedLampSpec spec_;
  electrical::NodeId feed_;
  electrical::BranchId branch_;
  bool conducting_ = false;
  sc_core::sc_signal<bool> glowing_{"glowing"};
  sc_core::sc_signal<bool> lit_{"lit"};
};

}  // namespace bcmhil::model
