// The student's path (training/scoring/attempt.h): what each measurement, tester job and
// observation read, and the state of the car when it was read.
#include "session.h"

#include "diagnosis/workshop.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bcmhil::training {

namespace {

constexpr std::size_t kActionsKept = 5;  // chosen: the longest shipped stimulus has three steps
constexpr double kObservationMarginS = 0.1;

double shown(const instruments::InstrumentReading& r) {
  return r.overload ? std::numeric_limits<double>::quiet_NaN() : r.value;
}

// The same action as a catalogue stimulus step: the fields a person chooses are equal.
bool same_step(const scenario::Step& a, const scenario::Step& b) {
  if (a.action != b.action) return false;
  switch (a.action) {
    case scenario::Action::press_fob: return a.button == b.button && a.key == b.key;
    case scenario::Action::open:
    case scenario::Action::close: return a.what == b.what;
    case scenario::Action::turn_key: return a.door == b.door && a.lock == b.lock;
    case scenario::Action::press_lock_button: return a.lock == b.lock;
    case scenario::Action::set_ignition:
    case scenario::Action::tilt: return a.on == b.on;
    case scenario::Action::press_switch: return a.target == b.target;
    case scenario::Action::set_control: return a.target == b.target && a.position == b.position;
    case scenario::Action::obstruct_window: return a.window == b.window;
    case scenario::Action::set_battery: return std::abs(a.volts - b.volts) < 0.05;
    default: return true;
  }
}

// A catalogue observation of exactly this one action.
bool observes(const diagnosis::CatalogueTest& test, const scenario::Step& step) {
  if (test.kind != diagnosis::ReadKind::signal) return false;
  const auto person = std::count_if(test.stimulus.begin(), test.stimulus.end(), [](const auto& s) { return s.person.has_value(); });
  if (person != 1) return false;
  for (const auto& s : test.stimulus)
    if (s.person) return same_step(*s.person, step);
  return false;
}

}  // namespace

void Session::add_path(PathEntry entry) {
  entry.wall_s = wall_s();
  entry.sim_s = sim_s();
  path_.push_back(entry);
  unlogged_.push_back(std::move(entry));
}

PathDetail Session::state_detail() const {
  PathDetail d;
  d.unplugged.assign(unplugged_.begin(), unplugged_.end());
  d.fuses_pulled.assign(fuses_pulled_.begin(), fuses_pulled_.end());
  const auto first = acts_.size() > kActionsKept ? acts_.end() - kActionsKept : acts_.begin();
  for (auto a = first; a != acts_.end(); ++a) d.actions.push_back({a->action, a->args, sim_s() - a->sim_s});
  return d;
}

SlotDisplay Session::display_of(const Placed& p) const {
  for (const auto& d : car_->displays())
    if (d.slot == p.instrument_slot) return d;
  throw std::logic_error("slot " + std::to_string(p.slot) + " is not on the car");
}

void Session::record_measurement(int slot) {
  const auto& p = placed(slot);
  const auto d = display_of(p);
  PathEntry e;
  e.kind = PathKind::measurement;
  e.detail = state_detail();
  e.detail.instrument = p.instrument;
  e.detail.first = p.first;
  e.detail.second = p.second;
  e.detail.placed_before_s = sim_s() - p.placed_sim_s;
  e.reading.value = shown(d.now);
  e.reading.unit = d.now.unit;
  if (d.held) {
    e.reading.min = shown(d.min);
    e.reading.max = shown(d.max);
  }
  add_path(std::move(e));
}

// One entry per catalogue read of this job (a fault code, an input): the value the workshop's
// convention gives it (diagnosis::ds2_value), so the score can match the catalogue's tests.
void Session::record_ds2(const std::string& job, const tester::JobResult& result) {
  std::set<std::string> items;
  for (const auto& test : catalogue_.tests) {
    if (test.kind != diagnosis::ReadKind::ds2 || test.ds2.job != job || !items.insert(test.ds2.item).second) continue;
    PathEntry e;
    e.kind = PathKind::ds2;
    e.detail = state_detail();
    e.detail.job = job;
    e.detail.item = test.ds2.item;
    e.reading.value = diagnosis::ds2_value(test.ds2, result);
    e.reading.unit = test.unit;
    add_path(std::move(e));
  }
}

// After an action the student watches the car for as long as the catalogue's observations of
// that action last (two flashes, the hatch swinging up).
void Session::open_observation(const scenario::Step& step) {
  Watch w;
  w.from_s = sim_s();
  for (const auto& test : catalogue_.tests)
    if (observes(test, step)) {
      w.tests.push_back(&test);
      w.until_s = std::max(w.until_s, w.from_s + test.to.to_seconds() + kObservationMarginS);
    }
  if (w.tests.empty()) return;
  car_->mark_observations();
  watch_ = w;
}

void Session::close_observation() {
  if (!watch_) return;
  const auto seen = car_->observed();
  std::set<std::string> done;
  for (const auto* test : watch_->tests) {
    if (!done.insert(test->signal).second) continue;
    const auto o = std::find_if(seen.begin(), seen.end(), [&](const Observed& x) { return x.signal == test->signal; });
    if (o == seen.end()) continue;  // a signal a person does not watch
    PathEntry e;
    e.kind = PathKind::observation;
    e.detail = state_detail();
    e.detail.signal = test->signal;
    e.detail.placed_before_s = sim_s() - watch_->from_s;  // how long the student watched
    e.reading.value = o->last;
    e.reading.count = o->rises;
    e.reading.unit = test->unit;
    e.reading.min = o->min;
    e.reading.max = o->max;
    add_path(std::move(e));
  }
  watch_.reset();
}

}  // namespace bcmhil::training
