#pragma once
// Observations: every named signal of the model (a digital pin, a decoded flag, a probe's
// voltage or current) as its history of value changes. Expectations, VCD traces and the
// "step every cycle vs skip" comparison all read this, so what a test checks is exactly
// what a person sees in the trace.
#include <cstdint>
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

class Recorder {
 public:
  // Real-valued signals only record a change larger than `resolution` (probes would otherwise
  // log solver round-off); bits record every change.
  explicit Recorder(double real_resolution = 1e-6) : resolution_(real_resolution) {}

  SignalId declare(std::string name, Kind kind, std::string unit, std::string description,
                   double initial_value, std::uint64_t time_ps = 0);
  // Several writes at the same instant (SystemC delta cycles) collapse into the last one, so a
  // zero-width glitch never shows up as an edge.
  void record(SignalId id, std::uint64_t time_ps, double value);

  const Signal* find(std::string_view name) const;
  const Signal& signal(SignalId id) const { return signals_.at(id); }
  const std::vector<Signal>& signals() const { return signals_; }
  std::optional<SignalId> id_of(std::string_view name) const;

 private:
  double resolution_;
  std::vector<Signal> signals_;
  std::unordered_map<std::string, SignalId> index_;
};

}  // namespace bcmhil::trace
