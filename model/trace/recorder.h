#pragma once
// Observations: every named signal of the model (a digital pin, a decoded flag, a probe's
// voltage or current) as its history of value changes. Expectations, VCD traces and the
// "step every cycle vs skip" comparison all read this, so what a test checks is exactly
// what a person sees in the trace.
#include "change_log.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bcmhil::trace {

enum class Kind { bit, real };

struct Sample {
  std::uint64_t time_ps;
  double value;
};

struct Signal {
  std::string name;
  Kind kind;
  std::string unit;         // "V", "A", "" for bits
  std::string description;  // what a person should know when reading the trace
  std::vector<Sample> samples;  // strictly increasing time; first sample at declaration time

  double value_at(std::uint64_t time_ps) const;  // the value holding at that instant
};

using SignalId = std::size_t;

// A stretch of time whose history a run needs: an expectation's window.
struct Window {
  std::uint64_t from_ps;
  std::uint64_t to_ps;
};
// Names the signals whose history a run needs, and over which windows.
using Needs = std::unordered_map<std::string, std::vector<Window>>;

class Recorder {
 public:
  // Real-valued signals only record a change larger than `resolution` (probes would otherwise
  // log solver round-off); bits record every change.
  explicit Recorder(double real_resolution = 1e-6) : resolution_(real_resolution) {}

  SignalId declare(std::string name, Kind kind, std::string unit, std::string description,
                   double initial_value, std::uint64_t time_ps = 0);
  // Several writes at the same instant (SystemC delta cycles) collapse into the last one, so a
  // zero-width glitch never shows up as an edge.
  void record(SignalId id, std::uint64_t time_ps, double value) {
    // Inline, the common case that changes nothing: a later instant, a value the history already
    // holds (the circuit records every probe after every solve). With a change log, only at the
    // open instant, where the full path would not touch the log either.
    if (id < latest_.size() && (!log_ || time_ps == open_instant_)) {
      const Latest& last = latest_[id];
      if (time_ps > last.time_ps && !changes(last.kind, last.value, value)) return;
    }
    record_change(id, time_ps, value);
  }

  // Keep only what `needs` asks for: a named signal keeps each change that holds at some
  // instant of one of its windows (so value_at and every change inside a window are exact);
  // any other signal keeps its first sample and its last two (the current value, and the one
  // a same-instant glitch restores). Call before declaring; without it everything is kept.
  // A run as long as an hour with a change every millisecond then fits in a few megabytes.
  void keep_only(Needs needs) { needs_ = std::move(needs); }
  // No history at all: every signal keeps its first sample and its last two, whatever runs
  // (serve, the bench modes: they read only current values, and may run for hours).
  void keep_latest_only() { keep_only(Needs{}); }
  // Samples held in memory over all signals: what keep_only bounds.
  std::size_t kept_samples() const;

  // From now on, every change of every signal is also written, in time order, to a temporary
  // file (ChangeLog), whatever keep_only() lets go: the trace of a long run streams to disk.
  // Throws std::runtime_error when the file cannot be made.
  void log_changes();
  bool logs_changes() const { return log_ != nullptr; }
  // Every change after each signal's first sample, in time order (same instant: any order): read
  // back from the log when there is one, else from the histories in memory.
  using ChangeVisitor = std::function<void(SignalId id, std::uint64_t time_ps, double value)>;
  void for_each_change(const ChangeVisitor& visit);

  const Signal* find(std::string_view name) const;
  const Signal& signal(SignalId id) const { return signals_.at(id); }
  const std::vector<Signal>& signals() const { return signals_; }
  std::optional<SignalId> id_of(std::string_view name) const;

 private:
  bool changes(Kind kind, double last, double value) const {
    return kind == Kind::bit ? value != last : std::fabs(value - last) > resolution_;
  }
  void record_change(SignalId id, std::uint64_t time_ps, double value);
  void forget_if_unneeded(SignalId id);
  void log_finished_instant();

  double resolution_;
  std::optional<Needs> needs_;
  std::vector<Signal> signals_;
  // Per signal: nullptr keeps everything, else the windows it needs (possibly none).
  std::vector<const std::vector<Window>*> kept_windows_;
  std::unordered_map<std::string, SignalId> index_;
  // With a log: the instant whose changes may still be undone by a same-instant glitch, and the
  // signals changed at it; they go to the log once time moves on.
  std::unique_ptr<ChangeLog> log_;
  std::uint64_t open_instant_ = 0;
  std::vector<SignalId> changed_at_open_instant_;
  std::vector<bool> awaiting_log_;  // per signal: in changed_at_open_instant_
  // Per signal, side by side: its kind and newest sample, as its history holds them. record()'s
  // common case reads only this: the circuit hands it hundreds of probes per solve, and each
  // history's own vector sits elsewhere in memory (a cache miss per probe).
  struct Latest {
    std::uint64_t time_ps;
    double value;
    Kind kind;
  };
  std::vector<Latest> latest_;
  void note_latest(SignalId id) {
    const Sample& last = signals_[id].samples.back();
    latest_[id].time_ps = last.time_ps;
    latest_[id].value = last.value;
  }
};

}  // namespace bcmhil::trace
