#pragma once
// Records a SystemC signal into the recorder on every change, from time zero on.
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

template <typename T>
trace::SignalId watch_signal(const sc_core::sc_signal_in_if<T>& signal, trace::Recorder& recorder,
                             std::string name, trace::Kind kind, std::string unit,
                             std::string description) {
  const trace::SignalId id = recorder.declare(std::move(name), kind, std::move(unit),
                                              std::move(description), static_cast<double>(signal.read()));
  sc_core::sc_spawn_options options;
  options.spawn_method();
  options.set_sensitivity(&signal.value_changed_event());
  options.dont_initialize();
  sc_core::sc_spawn(
      [&signal, &recorder, id] {
        recorder.record(id, sc_core::sc_time_stamp().value(), static_cast<double>(signal.read()));
      },
      nullptr, &options);
  return id;
}

inline std::uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }

}  // namespace bcmhil::model
