#pragma once
// Sleep and wake of the BC1: the module's electronics go to sleep when nothing has happened for
// a while, and draw a quiescent current instead of their awake current.
//
// Known (../shared/domain/r50-bc1.md): the K-bus sleeps 60 s after the ignition is switched
// off. The module follows it here: it falls asleep once the ignition is off and nothing it
// watches has moved for kQuietTime (60 s). Anything watched moving wakes it at once and starts
// the 60 s again:
//   - watch_activity(signal): every change counts (input comparators, debounced switches, the
//     RF data line, the supply's power-good);
//   - keep_awake(signal): every change counts, and while the signal is true the module does not
//     fall asleep at all (every DOP_* output the module commands: a function that runs keeps it
//     awake; the central-locking and body functions register theirs the same way);
//   - the ignition: on, the module stays awake (its KL15 pin, read at every circuit solve);
//   - note_activity(): anything else, e.g. a DS2 request heard on the K-line.
// No periodic wake timer is modelled (chosen: none is documented for the BC1).
//
// What sleeping changes is the current: the electronics' load (the `bc1.logic_load` branch)
// goes from the awake resistance (~60 mA at 12.6 V, estimate) to the sleep resistance
// (2 mA, estimate). Waking is taken as instantaneous and nothing the module does is gated by
// sleep (chosen simplification: a real wake-up costs a few ms of oscillator start-up, and the
// first edge is still seen because the input latches it).
//
// Exact in both clock modes: the only timer is one sc_event notified 60 s after the last
// activity; nothing runs per clock cycle.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <vector>

namespace bcmhil::model {

struct SleepSpec {
  sc_core::sc_time quiet_time{60, sc_core::SC_SEC};  // K-bus sleep after ignition off (domain notes)
  double awake_ohm = 200.0;    // ~63 mA at 12.6 V: the logic's awake load, estimate
  double asleep_ohm = 6300.0;  // ~2 mA at 12.6 V: regulator, RF wake and input latches, estimate
  double ignition_on_v = 6.0;  // KL15 pin read as "on" above this (chosen, like the monitor inputs)
};

class SleepManager : public sc_core::sc_module {
 public:
  // `logic_load`: the electronics' load branch it switches; `kl15`: the module's ignition pin.
  SleepManager(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
               electrical::BranchId logic_load, electrical::NodeId kl15, SleepSpec spec = {});

  // Registration, during elaboration.
  void watch_activity(const sc_core::sc_signal_in_if<bool>& signal);
  void watch_activity(sc_core::sc_in<bool>& port);  // a port, bound later in elaboration
  void keep_awake(const sc_core::sc_signal_in_if<bool>& signal);
  // Something the module noticed that is not a watched signal (a K-line request). Call from a
  // simulation process.
  void note_activity();

  bool awake() const { return awake_; }
  bool ignition() const { return ignition_; }
  const SleepSpec& spec() const { return spec_; }
  // How many times it fell asleep / woke up since the start (a wake-up counter, as a technician
  // would want from the module: a leakage that keeps waking it shows here).
  unsigned sleeps() const { return sleeps_; }
  unsigned wakes() const { return wakes_; }

 private:
  void on_solved();
  void on_quiet();
  bool held() const;  // something keeps it awake right now
  void rearm();
  void set_awake(bool awake);

  Circuit& circuit_;
  trace::Recorder& recorder_;
  electrical::BranchId logic_load_;
  electrical::NodeId kl15_;
  SleepSpec spec_;
  std::vector<const sc_core::sc_signal_in_if<bool>*> holders_;
  bool awake_ = true;  // a module just connected to the battery starts awake
  bool ignition_ = false;
  unsigned sleeps_ = 0;
  unsigned wakes_ = 0;
  sc_core::sc_event quiet_;
  trace::SignalId awake_signal_;
  trace::SignalId wakes_signal_;
};

}  // namespace bcmhil::model
