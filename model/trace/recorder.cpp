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
  static const std::vector<Window> kNone;
  const std::vector<Window>* windows = nullptr;
  if (needs_) {
    auto it = needs_->find(name);
    windows = it == needs_->end() ? &kNone : &it->second;
  }
  kept_windows_.push_back(windows);
  awaiting_log_.push_back(false);
  latest_.push_back({time_ps, initial_value, kind});
  signals_.push_back({std::move(name), kind, std::move(unit), std::move(description),
                      {{time_ps, initial_value}}});
  return id;
}

// record()'s full path: the same instant (a glitch to collapse), a change, the log, a bad id.
void Recorder::record_change(SignalId id, std::uint64_t time_ps, double value) {
  Signal& s = signals_.at(id);
  if (log_) {
    if (time_ps < open_instant_) throw std::logic_error("signal " + s.name + " recorded back in time");
    if (time_ps > open_instant_) log_finished_instant();
    open_instant_ = time_ps;
  }
  // A change at the open instant goes to the log once the instant is over.
  const auto log_later = [this, id] {
    if (!log_ || awaiting_log_[id]) return;
    awaiting_log_[id] = true;
    changed_at_open_instant_.push_back(id);
  };
  auto& samples = s.samples;
  // Same instant: overwrite, then drop the sample if it merely restored the previous value.
  if (!samples.empty() && samples.back().time_ps == time_ps) {
    samples.back().value = value;
    if (samples.size() >= 2 && samples[samples.size() - 2].value == value) samples.pop_back();
    note_latest(id);
    log_later();
    return;
  }
  if (!samples.empty() && time_ps < samples.back().time_ps)
    throw std::logic_error("signal " + s.name + " recorded back in time");
  if (changes(s.kind, samples.back().value, value)) {
    samples.push_back({time_ps, value});
    if (kept_windows_[id]) forget_if_unneeded(id);
    note_latest(id);
    log_later();
  }
}


// The sample third from the end is the newest whose stretch [its time, the next sample's time)
// is final (the last one may still be undone by a glitch at its own instant).
void Recorder::forget_if_unneeded(SignalId id) {
  auto& samples = signals_[id].samples;
  if (samples.size() < 4) return;  // the first sample and the last two always stay
  const std::size_t k = samples.size() - 3;
  const std::uint64_t held_from = samples[k].time_ps, held_until = samples[k + 1].time_ps;
  for (const auto& w : *kept_windows_[id])
    if (held_from <= w.to_ps && held_until > w.from_ps) return;
  // Erase it (by hand: this runs at every change of a long run).
  samples[k] = samples[k + 1];
  samples[k + 1] = samples[k + 2];
  samples.pop_back();
}

std::size_t Recorder::kept_samples() const {
  std::size_t n = 0;
  for (const auto& s : signals_) n += s.samples.size();
  return n;
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

namespace bcmhil::trace {

void Recorder::log_changes() {
  if (!log_) log_ = std::make_unique<ChangeLog>();
}

// The open instant's changes are final: log each signal's surviving sample at that instant once
// (a glitch may have removed it, and a signal's first sample is its initial value, not a change).
void Recorder::log_finished_instant() {
  for (const SignalId id : changed_at_open_instant_) {
    awaiting_log_[id] = false;
    const auto& samples = signals_[id].samples;
    const Sample& last = samples.back();
    if (samples.size() >= 2 && last.time_ps == open_instant_) log_->append(id, last.time_ps, last.value);
  }
  changed_at_open_instant_.clear();
}

void Recorder::for_each_change(const ChangeVisitor& visit) {
  if (log_) {
    log_finished_instant();
    log_->for_each(visit);
    return;
  }
  struct Change {
    std::uint64_t time_ps;
    SignalId id;
    double value;
  };
  std::vector<Change> changes;
  for (SignalId id = 0; id < signals_.size(); ++id) {
    const auto& samples = signals_[id].samples;
    for (std::size_t k = 1; k < samples.size(); ++k) changes.push_back({samples[k].time_ps, id, samples[k].value});
  }
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.time_ps < b.time_ps; });
  for (const auto& c : changes) visit(c.id, c.time_ps, c.value);
}

}  // namespace bcmhil::trace
