#include "sleep_manager.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

SleepManager::SleepManager(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                           electrical::BranchId logic_load, electrical::NodeId kl15, SleepSpec spec)
    : sc_module(name),
      circuit_(circuit),
      recorder_(recorder),
      logic_load_(logic_load),
      kl15_(kl15),
      spec_(spec),
      awake_signal_(recorder.declare("bc1.awake", trace::Kind::bit, "",
                                     "the module's electronics are awake (0 = asleep, quiescent current)", 1.0)),
      wakes_signal_(recorder.declare("bc1.wakeups", trace::Kind::real, "",
                                     "times the module woke from sleep since the start", 0.0)) {
  circuit.network().set_resistance(logic_load_, spec_.awake_ohm);
  SC_HAS_PROCESS(SleepManager);
  // Also runs at time zero: the first quiet period starts when the module is connected.
  SC_METHOD(rearm);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_quiet);
  sensitive << quiet_;
  dont_initialize();
}

void SleepManager::watch_activity(const sc_core::sc_signal_in_if<bool>& signal) {
  sc_core::sc_spawn_options options;
  options.spawn_method();
  options.set_sensitivity(&signal.value_changed_event());
  options.dont_initialize();
  sc_core::sc_spawn([this] { note_activity(); }, sc_core::sc_gen_unique_name("activity"), &options);
}

void SleepManager::watch_activity(sc_core::sc_in<bool>& port) {
  sc_core::sc_spawn_options options;
  options.spawn_method();
  options.set_sensitivity(&port.value_changed());
  options.dont_initialize();
  sc_core::sc_spawn([this] { note_activity(); }, sc_core::sc_gen_unique_name("activity"), &options);
}

void SleepManager::keep_awake(const sc_core::sc_signal_in_if<bool>& signal) {
  holders_.push_back(&signal);
  watch_activity(signal);
}

bool SleepManager::held() const {
  if (ignition_) return true;
  for (const auto* h : holders_)
    if (h->read()) return true;
  return false;
}

void SleepManager::note_activity() {
  if (!awake_) set_awake(true);
  rearm();
}

void SleepManager::rearm() {
  quiet_.cancel();
  if (!held()) quiet_.notify(spec_.quiet_time);
}

void SleepManager::on_quiet() {
  if (!held()) set_awake(false);
}

void SleepManager::on_solved() {
  const bool on = circuit_.network().voltage(kl15_) > spec_.ignition_on_v;
  if (on == ignition_) return;
  ignition_ = on;
  note_activity();  // on: held awake; off: the quiet time starts now
}

void SleepManager::set_awake(bool awake) {
  awake_ = awake;
  if (awake) {
    ++wakes_;
    recorder_.record(wakes_signal_, now_ps(), wakes_);
  } else {
    ++sleeps_;
  }
  recorder_.record(awake_signal_, now_ps(), awake ? 1.0 : 0.0);
  circuit_.network().set_resistance(logic_load_, awake ? spec_.awake_ohm : spec_.asleep_ohm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
