#include "expectation_check.h"

#include "bench/scenario/quantity.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <cstdio>
#include <limits>

namespace bcmhil::runner {

using scenario::Check;

namespace {

bool needs_bit(Check c) {
  return c == Check::rising_edges || c == Check::falling_edges || c == Check::always || c == Check::never;
}

const char* fault_state_name(double v) { return v > 1.5 ? "active" : v > 0.5 ? "stored" : "absent"; }

std::string format_value(double v, const trace::Signal& s) {
  char buf[64];
  if (s.kind == trace::Kind::bit)
    std::snprintf(buf, sizeof buf, "%d", v > 0.5 ? 1 : 0);
  else if (s.unit.empty())
    std::snprintf(buf, sizeof buf, "%g", v);
  else
    std::snprintf(buf, sizeof buf, "%.3f %s", v, s.unit.c_str());
  return buf;
}

std::string format_time(std::uint64_t ps) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f s", static_cast<double>(ps) * 1e-12);
  return buf;
}

// Damerau-free edit distance, only to suggest a near name.
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void validate_expectation(const scenario::Expectation& e, const trace::Recorder& recorder) {
  // ds2.* names come from the tester's catalogue, the rest from what the model declared.
  const bool ds2 = is_ds2_signal(e.signal);
  const trace::Signal* s = ds2 ? nullptr : recorder.find(e.signal);
  const Ds2Signal* d = ds2 ? find_ds2_signal(e.signal) : nullptr;
  if (!s && !d) {
    std::vector<std::string> names;
    if (ds2)
      for (const auto& c : ds2_signals()) names.push_back(c.name);
    else
      for (const auto& c : recorder.signals()) names.push_back(c.name);
    std::string best;
    std::size_t best_d = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : names) {
      const auto dist = distance(e.signal, candidate);
      if (dist < best_d) best_d = dist, best = candidate;
    }
    throw scenario::ScenarioError(e.where, "unknown signal '" + e.signal + "'" +
                                               (best.empty() ? "" : " (did you mean '" + best + "'?") +
                                               " - 'bcmhil signals' lists them all");
  }
  const trace::Kind kind = s ? s->kind : d->kind;
  const std::string unit = s ? s->unit : "";
  if (needs_bit(e.check) && kind != trace::Kind::bit)
    throw scenario::ScenarioError(e.where, std::string(scenario::to_string(e.check)) + " needs an on/off signal; '" +
                                               e.signal + "' is measured in " +
                                               (unit.empty() ? std::string("plain numbers") : unit));
  const auto dim = e.value_dimension;
  if (dim != scenario::Dimension::none && unit != scenario::unit_of(dim))
    throw scenario::ScenarioError(e.where, "threshold given in " + std::string(scenario::unit_of(dim)) + " but '" +
                                               e.signal + "' is measured in " +
                                               (unit.empty() ? std::string("plain numbers") : unit));
}

WindowStats window_stats(const trace::Signal& s, std::uint64_t from, std::uint64_t to) {
  WindowStats w;
  double last = s.value_at(from);
  w.min = w.max = last;
  for (const auto& sample : s.samples) {
    if (sample.time_ps <= from || sample.time_ps > to) continue;
    w.min = std::min(w.min, sample.value);
    w.max = std::max(w.max, sample.value);
    const bool was = last > 0.5, is = sample.value > 0.5;
    if (is && !was && w.rising++ == 0) w.first_rise_ps = sample.time_ps;
    if (was && !is) ++w.falling;
    last = sample.value;
  }
  return w;
}

namespace {

// A ds2.* expectation: judged on what the tester read, so only with a read inside the window.
ExpectationResult check_ds2_expectation(const scenario::Expectation& e, const trace::Recorder& recorder) {
  const Ds2Signal* d = find_ds2_signal(e.signal);
  if (!d) throw std::logic_error("expectation on unknown DS2 signal " + e.signal);
  // Not declared: no diagnose step ran, the signal never left its 0.
  trace::Signal never_read{e.signal, d->kind, "", "", {{0, 0.0}}};
  const trace::Signal* s = recorder.find(e.signal);
  if (d->reads.empty()) return check_expectation(e, s ? *s : never_read);  // a read counter itself

  ExpectationResult r{&e, false, "", ""};
  const bool memory = e.check == Check::fault_state || e.check == Check::info_count;
  const bool info = e.check == Check::info_count;
  const std::string code = e.signal.substr(e.signal.rfind('.') + 1);
  const auto describe = [&](double v) {
    return info ? code + " count " + std::to_string(static_cast<int>(std::lround(v))) : code + " " + fault_state_name(v);
  };
  r.expected = memory ? describe(e.value) : check_expectation(e, never_read).expected;
  const auto last_read = last_ds2_read(recorder, d->reads, e.from.value(), e.to.value());
  if (!last_read || !s) {
    r.observed = "no DS2 read inside the window (add a 'do: diagnose" +
                 (d->job == "any job" ? std::string() : ", job: " + d->job) + "' step)";
    return r;
  }
  if (!memory) return check_expectation(e, *s);
  // The last memory read inside the window decides.
  const double state = s->value_at(*last_read);
  r.passed = std::fabs(state - e.value) < 0.5;
  r.observed = describe(state) + " (read at " + format_time(*last_read) + ")";
  return r;
}

}  // namespace

ExpectationResult check_expectation(const scenario::Expectation& e, const trace::Recorder& recorder) {
  if (is_ds2_signal(e.signal)) return check_ds2_expectation(e, recorder);
  const trace::Signal* s = recorder.find(e.signal);
  if (!s) throw std::logic_error("expectation on undeclared signal " + e.signal);
  return check_expectation(e, *s);
}

ExpectationResult check_expectation(const scenario::Expectation& e, const trace::Signal& s) {
  const std::uint64_t from = e.from.value(), to = e.to.value();
  // The value holding at the window's start, then every change inside it.
  std::vector<trace::Sample> window{{from, s.value_at(from)}};
  for (const auto& sample : s.samples)
    if (sample.time_ps > from && sample.time_ps <= to) window.push_back(sample);

  ExpectationResult r{&e, false, "", ""};
  const auto bit = [](double v) { return v > 0.5; };
  const WindowStats stats = window_stats(s, from, to);
  switch (e.check) {
    case Check::rising_edges:
    case Check::falling_edges: {
      const bool rising = e.check == Check::rising_edges;
      const int edges = rising ? stats.rising : stats.falling;
      r.passed = edges == static_cast<int>(e.value);
      r.observed = std::to_string(edges) + (rising ? " rising" : " falling") + " edge(s)";
      r.expected = "exactly " + std::to_string(static_cast<int>(e.value));
      break;
    }
    case Check::always:
    case Check::never: {
      const bool wanted = e.value > 0.5;
      const std::uint64_t* broken_at = nullptr;
      for (const auto& sample : window) {
        const bool is = bit(sample.value);
        if ((e.check == Check::always) != (is == wanted)) {
          broken_at = &sample.time_ps;
          break;
        }
      }
      r.passed = broken_at == nullptr;
      r.expected = std::string(e.check == Check::always ? "always " : "never ") + (wanted ? "1" : "0");
      r.observed = broken_at ? "was " + std::string(e.check == Check::always ? (wanted ? "0" : "1") : (wanted ? "1" : "0")) +
                                   " at " + format_time(*broken_at)
                             : r.expected;
      break;
    }
    default: {
      const double lo = stats.min, hi = stats.max;
      const bool on_max = e.check == Check::max_at_most || e.check == Check::max_at_least;
      const double observed = on_max ? hi : lo;
      const bool at_most = e.check == Check::max_at_most || e.check == Check::min_at_most;
      r.passed = at_most ? observed <= e.value : observed >= e.value;
      r.observed = std::string(on_max ? "max " : "min ") + format_value(observed, s);
      r.expected = std::string(on_max ? "max " : "min ") + (at_most ? "<= " : ">= ") + format_value(e.value, s);
      break;
    }
  }
  return r;
}

}  // namespace bcmhil::runner
