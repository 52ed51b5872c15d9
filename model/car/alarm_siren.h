#pragma once
// The alarm siren unit (the BBS of bc1_bits.csv) and its two lines from the BC1: the acoustic
// alarm trigger (DOP_SOUND_ALARM, X331.9) and the arm line (DOP_BBS_ARM_DISARM, X331.18), each
// through the body loom into an input of the unit to body ground.
//
// CHOSEN (no source gives the unit): the trigger input is 1 kOhm (~12 mA at 12 V, as before this
// unit had a file), the arm line a logic input of 22 kOhm (~0.6 mA: it is up for as long as the
// car stays parked and locked, so it costs the sleeping car little). The siren sounds while its
// trigger input is above kSoundsAboveV (half the battery, the reading the training's live car
// uses), armed or not: the module's trigger is the command. What the unit does with the arm line
// on its own (a battery-backed siren sounding when its wires are cut while armed) is not modelled.
// Recorded: "siren.sounding", what anyone near the car hears.
#include "harness.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

namespace bcmhil::model {

class AlarmSiren : public sc_core::sc_module {
 public:
  static constexpr double kTriggerInputOhm = 1e3;
  static constexpr double kArmInputOhm = 22e3;
  static constexpr double kSoundsAboveV = 6.0;

  // `trigger_pin` / `arm_pin`: the BC1's pins the two lines leave from.
  AlarmSiren(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, Harness& harness,
             electrical::NodeId trigger_pin, electrical::NodeId arm_pin);

  bool sounding() const { return sounding_.read(); }
  electrical::NodeId trigger() const { return trigger_; }
  electrical::NodeId arm() const { return arm_; }

 private:
  void on_solved();

  Circuit& circuit_;
  electrical::NodeId trigger_;
  electrical::NodeId arm_;
  sc_core::sc_signal<bool> sounding_{"sounding"};
};

}  // namespace bcmhil::model
