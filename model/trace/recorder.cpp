#include "recorder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::trace {

double Signal::value_at(std::uint64_t time_ps) const {
  auto after = std::upper_bound(samples.begin(), samples.end(), time_ps,
                                [](std::uint64_t t, const Sample& s) { return t < s.time_ps; });
  if (after == samples.begin()) return samples.empty() ? 0.0 : samples.front().value;
  return std::prev(after)->value;
}

SignalId Recorder::declare(std::string name, Kind kind, std::string unit, std::string description,
                           double initial_value, std::uint64_t time_ps) {
  if (index_.count(name)) throw std::invalid_argument("signal declared twice: " + name);
  const SignalId id = signals_.size();
  index_.emplace(name, id);
  signals_.push_back({std::move(name), kind, std::move(unit), std::move(description),
                      {{time_ps, initial_value}}});
  return id;
}

void Recorder::record(SignalId id, std::uint64_t time_ps, double value) {
  Signal& s = signals_.at(id);
  auto& samples = s.samples;
  // Same instant: overwrite, then drop the sample if it merely restored the previous value.
  if (!samples.empty() && samples.back().time_ps == time_ps) {
    samples.back().value = value;
    if (samples.size() >= 2 && samples[samples.size() - 2].value == value) samples.pop_back();
    return;
  }
  if (!samples.empty() && time_ps < samples.back().time_ps)
    throw std::logic_error("signal " + s.name + " recorded back in time");
  const double last = samples.back().value;
  const bool changed = s.kind == Kind::bit ? value != last : std::fabs(value - last) > resolution_;
  if (changed) samples.push_back({time_ps, value});
}

const Signal* Recorder::find(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? nullptr : &signals_[it->second];
}

std::optional<SignalId> Recorder::id_of(std::string_view name) const {
  auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace bcmhil::trace
