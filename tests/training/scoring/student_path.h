#pragma once
// The path entry a student logs when they take a catalogue test by hand: the same instrument on
// the same points (or the same DS2 job, the same thing watched), the test's connectors unplugged
// and fuses pulled, its person steps done at its times, read when its window has closed.
#include "training/scoring/attempt.h"

#include "diagnosis/catalogue.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace bcmhil::training::testing {

// A scenario step back in the words a scenario writes it (what the session's `act` logs).
inline TimedAction action_of(const scenario::Step& s) {
  TimedAction a;
  a.action = scenario::to_string(s.action);
  auto seconds = [](sc_core::sc_time t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", t.to_seconds());
    return std::string(buf);
  };
  switch (s.action) {
    case scenario::Action::press_fob:
      a.args["button"] = model::to_string(s.button);
      if (s.key != 1) a.args["key"] = std::to_string(s.key);
      break;
    case scenario::Action::press_lid_handle:
    case scenario::Action::press_hazard: a.args["duration"] = seconds(s.duration); break;
    case scenario::Action::press_switch: a.args["switch"] = s.target; break;
    case scenario::Action::set_control:
      a.args["control"] = s.target;
      a.args["to"] = s.position;
      break;
    case scenario::Action::open:
    case scenario::Action::close: a.args["what"] = s.what; break;
    case scenario::Action::tilt:
    case scenario::Action::set_ignition: a.args["on"] = s.on ? "true" : "false"; break;
    case scenario::Action::set_battery: a.args["volts"] = std::to_string(s.volts) + " V"; break;
    case scenario::Action::hold_hatch: a.args["angle"] = std::to_string(s.angle_deg) + " deg"; break;
    case scenario::Action::turn_key:
      a.args["door"] = s.door == model::DoorLocks::Door::driver ? "driver" : "passenger";
      a.args["to"] = s.lock ? "lock" : "unlock";
      break;
    case scenario::Action::press_lock_button: a.args["to"] = s.lock ? "lock" : "unlock"; break;
    default: break;
  }
  return a;
}

// `raw` is what the test's reduction gave (the hold's max for a max test, its min for a min test).
inline PathEntry entry_for(const diagnosis::CatalogueTest& t, double raw) {
  PathEntry e;
  const double end = t.to.to_seconds() + 0.1;  // read just after the window closes
  for (const auto& step : t.stimulus) {
    if (step.person) {
      TimedAction a = action_of(*step.person);
      a.before_s = end - step.at.to_seconds();
      e.detail.actions.push_back(a);
    }
    if (step.workshop) {
      const auto& w = *step.workshop;
      auto& list = w.kind == diagnosis::WorkshopAction::Kind::unplug || w.kind == diagnosis::WorkshopAction::Kind::plug
                       ? e.detail.unplugged
                       : e.detail.fuses_pulled;
      const bool add = w.kind == diagnosis::WorkshopAction::Kind::unplug ||
                       w.kind == diagnosis::WorkshopAction::Kind::pull_fuse;
      if (add) list.push_back(w.target);
      else list.erase(std::remove(list.begin(), list.end(), w.target), list.end());
    }
  }
  switch (t.kind) {
    case diagnosis::ReadKind::instrument:
      e.kind = PathKind::measurement;
      e.detail.instrument = t.instrument.instrument;
      e.detail.first = t.instrument.plus;
      e.detail.second = t.instrument.minus;
      e.detail.placed_before_s = end + 0.5;  // on before the test starts
      break;
    case diagnosis::ReadKind::ds2:
      e.kind = PathKind::ds2;
      e.detail.job = t.ds2.job;
      e.detail.item = t.ds2.item;
      // A state is read at the test's instant, a memory when the window has closed.
      if (t.ds2.job == "inputs" || t.ds2.job == "outputs")
        for (auto& a : e.detail.actions) a.before_s -= end - t.from.to_seconds();
      break;
    case diagnosis::ReadKind::signal:
      e.kind = PathKind::observation;
      e.detail.signal = t.signal;
      e.detail.placed_before_s = end + 0.5;  // watched from before the first step
      break;
  }
  if (t.kind == diagnosis::ReadKind::instrument) e.reading.unit = t.unit;
  if (t.reduce == diagnosis::Reduce::count) e.reading.count = static_cast<int>(raw);
  e.reading.value = raw;
  e.reading.min = raw;
  e.reading.max = raw;
  return e;
}

}  // namespace bcmhil::training::testing
