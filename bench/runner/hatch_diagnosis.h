#pragma once
// What a technician concludes about a hatch that does not open, from the same measurements
// they would take on the car: the acknowledge flashes, the release command, and a meter at the
// BC1's feed pin, at its tailgate pin and at the hatch lock connector. The verdict comes from
// the measured values only, never from knowing which fault was injected; that is what lets the
// project tell the flooded module from its look-alikes.
#include "model/trace/recorder.h"

#include <string>

namespace bcmhil::runner {

struct HatchMeasurement {
  double press_s = 0;            // when the fob's trunk button was pressed
  int flashes = 0;               // left indicator lamp lit, within 2 s
  bool release_commanded = false;
  double feed_pin_v = 0;         // V(bc1.kl30_cdl), lowest during the pulse
  double bc1_pin_v = 0;          // V(bc1.tailgate_out), highest during the pulse
  double hatch_pin2_v = 0;       // V(hatch_lock.pin2), highest during the pulse
  double motor_a = 0;            // I(hatch_lock.motor), highest during the pulse
  bool hatch_opened = false;
};

enum class HatchVerdict {
  released,            // works
  fob_not_heard,       // no flash, no command: fob battery, sync, receiver
  feed_fuse_blown,     // no supply at the BC1's 30CDL pin
  module_output_dead,  // supply present, command given, 0 V at the BC1 pin: the module
  weak_output,         // a few volts only: corroded driver or connector, high resistance
  harness_open,        // voltage at the BC1 pin, none at the hatch: wire broken (hinge loom)
  actuator_open,       // voltage at the hatch, no current: burnt winding or lost ground
  actuator_seized,     // voltage and stall current, no release: jammed mechanism
};

struct HatchDiagnosis {
  HatchMeasurement measured;
  HatchVerdict verdict;
  std::string finding;  // one sentence a technician would write on the job card
};

// Reads the recorded probes around a trunk press at `press_s`.
HatchMeasurement measure_hatch(const trace::Recorder& recorder, double press_s);
HatchDiagnosis diagnose_hatch(const HatchMeasurement& m);
const char* to_string(HatchVerdict verdict);

}  // namespace bcmhil::runner
