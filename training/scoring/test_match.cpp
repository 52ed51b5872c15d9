#include "test_match.h"

#include "takeable.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace bcmhil::training {

namespace {

using diagnosis::CatalogueTest;
using diagnosis::ReadKind;
using diagnosis::Reduce;
using diagnosis::WorkshopAction;

// The connectors unplugged and the fuses pulled once the test's stimulus has run.
struct CarState {
  std::set<std::string> unplugged;
  std::set<std::string> pulled;
};

CarState state_after(const CatalogueTest& test) {
  CarState s;
  for (const auto& step : test.stimulus) {
    if (!step.workshop) continue;
    const auto& w = *step.workshop;
    switch (w.kind) {
      case WorkshopAction::Kind::unplug: s.unplugged.insert(w.target); break;
      case WorkshopAction::Kind::plug: s.unplugged.erase(w.target); break;
      case WorkshopAction::Kind::pull_fuse: s.pulled.insert(w.target); break;
      case WorkshopAction::Kind::refit_fuse: s.pulled.erase(w.target); break;
      case WorkshopAction::Kind::flex_loom: break;  // leaves nothing unplugged or pulled
    }
  }
  return s;
}

std::vector<const scenario::Step*> person_steps(const CatalogueTest& test) {
  std::vector<const scenario::Step*> steps;
  for (const auto& step : test.stimulus)
    if (step.person) steps.push_back(&*step.person);
  return steps;
}

// The student's action as the scenario parser reads it; nullopt when it refuses it.
std::optional<scenario::Step> as_step(const TimedAction& action) {
  YAML::Node node;
  node["at"] = "0 s";
  node["do"] = action.action;
  for (const auto& [key, value] : action.args) node[key] = value;
  try {
    return scenario::parse_step(node, "path", sc_core::sc_time(1, sc_core::SC_SEC));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The same thing done to the car. How long a handle is held is the person's, not the step's.
bool same_step(const scenario::Step& a, const scenario::Step& b) {
  return a.action == b.action && a.key == b.key && a.button == b.button && std::abs(a.volts - b.volts) < 0.5 &&
         a.door == b.door && a.lock == b.lock && std::abs(a.angle_deg - b.angle_deg) < 5 && a.on == b.on &&
         a.what == b.what && a.target == b.target;
}

bool same_state(const PathDetail& d, const CatalogueTest& test) {
  const CarState want = state_after(test);
  const std::set<std::string> unplugged(d.unplugged.begin(), d.unplugged.end());
  const std::set<std::string> pulled(d.fuses_pulled.begin(), d.fuses_pulled.end());
  return unplugged == want.unplugged && pulled == want.pulled;
}

// +1 the same leads, -1 swapped (a DVM then reads the negated value), 0 another reading.
int same_reading(const PathEntry& e, const CatalogueTest& test) {
  const PathDetail& d = e.detail;
  switch (test.kind) {
    case ReadKind::instrument: {
      if (e.kind != PathKind::measurement || d.instrument != test.instrument.instrument) return 0;
      if (d.first == test.instrument.plus && d.second == test.instrument.minus) return 1;
      if (test.instrument.instrument != "clamp" && d.first == test.instrument.minus && d.second == test.instrument.plus)
        return -1;
      return 0;
    }
    case ReadKind::ds2:
      return e.kind == PathKind::ds2 && d.job == test.ds2.job && d.item == test.ds2.item ? 1 : 0;
    case ReadKind::signal:
      return e.kind == PathKind::observation && d.signal == test.signal ? 1 : 0;
  }
  return 0;
}

// The student's recent actions end with the test's person steps in order. Returns the student's
// action matching the test's last person step (nullptr: the test has none), or false.
bool actions_end_with(const std::vector<TimedAction>& done, const std::vector<const scenario::Step*>& want,
                      const TimedAction** last) {
  *last = nullptr;
  if (want.size() > done.size()) return false;
  const std::size_t offset = done.size() - want.size();
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto step = as_step(done[offset + i]);
    if (!step || !same_step(*step, *want[i])) return false;
  }
  if (!want.empty()) *last = &done.back();
  return true;
}

bool rests(const PathEntry& e) {
  return e.detail.actions.empty() || e.detail.actions.back().before_s >= kRestSeconds;
}

// The reading covers the test's window, counted from its last person step `t_s` (seconds after the
// test starts), the student's action `b` seconds before the reading.
bool timed(const PathEntry& e, const CatalogueTest& test, double t_s, const TimedAction* last) {
  const double from = test.from.to_seconds() - t_s;
  const double to = test.to.to_seconds() - t_s;
  const double p = e.detail.placed_before_s;
  if (!last) {  // at rest: nothing done for kRestSeconds before the window, and the hold spans it
    if (!rests(e)) return false;
    if (e.kind == PathKind::measurement) {
      const double quiet_before_placing = e.detail.actions.empty() ? INFINITY : e.detail.actions.back().before_s - p;
      return quiet_before_placing >= kRestSeconds && p >= test.to.to_seconds() - test.from.to_seconds();
    }
    return true;
  }
  const double b = last->before_s;
  switch (test.kind) {
    case ReadKind::instrument: return p >= b - from && b >= to;
    case ReadKind::signal:
      // Watched over the whole window when the test is several steps (three presses counted); one
      // step's observation is of that step alone.
      return b >= to && (person_steps(test).size() < 2 || p >= b - from);
    case ReadKind::ds2:
      if (test.ds2.job == "inputs" || test.ds2.job == "outputs") return std::abs(b - from) <= kStateTolerance;
      return b >= std::min(from, kMemorySettle);
  }
  return false;
}

// The window's reduction, from what the student saw.
double reduced(const PathEntry& e, const CatalogueTest& test, int sign) {
  const MeasurementValue& r = e.reading;
  if (test.kind != ReadKind::ds2 && test.reduce == Reduce::count) return r.count >= 0 ? r.count : r.value;
  if (test.kind == ReadKind::ds2 || test.reduce == Reduce::last) return sign * r.value;
  const double hold = test.reduce == Reduce::max ? (sign > 0 ? r.max : r.min) : (sign > 0 ? r.min : r.max);
  // An instrument without a hold (a lamp's glow seen, an observation's state): its display.
  return sign * (std::isnan(hold) ? r.value : hold);
}

}  // namespace

std::optional<TestMatch> match_one(const PathEntry& e, const CatalogueTest& test) {
  const int sign = same_reading(e, test);
  if (sign == 0 || !session_can_express(test) || !same_state(e.detail, test)) return std::nullopt;
  if (test.kind == ReadKind::instrument && e.reading.unit != test.unit) return std::nullopt;
  const auto want = person_steps(test);
  const TimedAction* last = nullptr;
  if (!actions_end_with(e.detail.actions, want, &last)) return std::nullopt;
  const double t_s = want.empty() ? 0.0 : want.back()->at.to_seconds();
  if (!timed(e, test, t_s, last)) return std::nullopt;
  TestMatch m;
  m.test = &test;
  m.raw = reduced(e, test, sign);
  m.outcome = test.classify(m.raw);
  return m;
}

std::optional<TestMatch> match_test(const PathEntry& e, const diagnosis::Catalogue& catalogue) {
  if (e.kind != PathKind::measurement && e.kind != PathKind::ds2 && e.kind != PathKind::observation)
    return std::nullopt;
  // Of the tests it amounts to, the one that explains most of what the student did: three
  // presses counted are "opens on three presses", not "opens" on the last of them.
  std::optional<TestMatch> best;
  std::size_t best_steps = 0;
  for (const auto& test : catalogue.tests) {
    auto m = match_one(e, test);
    const std::size_t steps = person_steps(test).size();
    if (m && (!best || steps > best_steps)) {
      best = m;
      best_steps = steps;
    }
  }
  return best;
}

}  // namespace bcmhil::training
