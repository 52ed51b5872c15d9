#include "live_car.h"

#include "diagnosis/in_process_kline.h"

#include "bench/runner/simulation.h"
#include "bench/runner/step_player.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bcmhil::training {

using sc_core::sc_time;

namespace {

// Where a reading sorts for MIN/MAX: an overload beyond everything of its sign.
double rank(const instruments::InstrumentReading& r) {
  return r.overload ? std::copysign(std::numeric_limits<double>::infinity(), r.value) : r.value;
}

// A person hears the siren when its trigger line is up (chosen: above half the battery).
constexpr double kSirenVolts = 6.0;

// The signals a person sees (the catalogue's observation tests read these), each from the car.
struct Watched {
  const char* signal;
  double (*read)(model::Vehicle&);
};
const std::vector<Watched>& watched_signals() {
  static const std::vector<Watched> signals{
      {"indicator_lh.lit", [](model::Vehicle& v) { return v.indicator_lh.lit() ? 1.0 : 0.0; }},
      {"indicator_rh.lit", [](model::Vehicle& v) { return v.indicator_rh.lit() ? 1.0 : 0.0; }},
      {"interior_lamp.lit", [](model::Vehicle& v) { return v.interior_lamp.lit() ? 1.0 : 0.0; }},
      {"hatch.open", [](model::Vehicle& v) { return v.hatch_lock.hatch_open() ? 1.0 : 0.0; }},
      {"hatch_lock.latch_released", [](model::Vehicle& v) { return v.hatch_lock.latch_released() ? 1.0 : 0.0; }},
      {"door_lock.driver.locked", [](model::Vehicle& v) { return v.door_locks.driver.locked() ? 1.0 : 0.0; }},
      {"door_lock.passenger.locked", [](model::Vehicle& v) { return v.door_locks.passenger.locked() ? 1.0 : 0.0; }},
      {"bc1.drv_lock_relay.operated",
       [](model::Vehicle& v) { return v.bc1.lock_relay(model::CentralLocking::drv).operated() ? 1.0 : 0.0; }},
      {"fuse.F9.blown", [](model::Vehicle& v) { return v.fuse("F9").blown ? 1.0 : 0.0; }},
      {"fuse.F10.blown", [](model::Vehicle& v) { return v.fuse("F10").blown ? 1.0 : 0.0; }},
      {"fuse.30A.blown", [](model::Vehicle& v) { return v.fuse("30A").blown ? 1.0 : 0.0; }},
  };
  return signals;
}

}  // namespace

struct LiveCar::Slot {
  std::string kind;
  std::string first, second;
  std::unique_ptr<instruments::Instrument> instrument;
  instruments::InstrumentReading min, max;
  bool held = false;

  void sample() {
    const auto r = instrument->read();
    if (!held) {
      min = max = r;
      held = true;
      return;
    }
    if (rank(r) < rank(min)) min = r;
    if (rank(r) > rank(max)) max = r;
  }
};

// The tester on the in-process K-line (the same code as bcmhil diag and the workshop).
struct LiveCar::Hands {
  Hands(model::Vehicle& vehicle, diag::DiagnosticBackend& backend)
      : line(vehicle.bc1, backend), tester(line, diagnosis::in_process_options()) {}
  diagnosis::InProcessKLine line;
  tester::Ds2Tester tester;
};

LiveCar::LiveCar(const CarSetup& setup, std::vector<faults::FaultSpec> faults) {
  scenario_.name = "training";
  scenario_.file = "training";
  scenario_.duration = setup.arrives_after;
  scenario_.vehicle.battery_volts = setup.battery_volts;
  scenario_.vehicle.locked = setup.locked;
  scenario_.vehicle.ignition_on = setup.ignition_on;
  scenario_.faults = std::move(faults);
  // Only current values are kept: a session runs for as long as the student works.
  sim_ = std::make_unique<runner::Simulation>(scenario_, model::ClockMode::skip_idle, runner::Keep::latest_values);
  hands_ = std::make_unique<Hands>(sim_->vehicle(), sim_->diagnostics());
}

LiveCar::~LiveCar() { slots_.clear(); }  // the leads come off before the vehicle goes

model::Vehicle& LiveCar::vehicle() { return sim_->vehicle(); }

sc_time LiveCar::now() const { return sc_core::sc_time_stamp(); }

void LiveCar::bring_in(sc_time until) {
  if (brought_in_) throw std::logic_error("LiveCar::bring_in: the car is already in");
  if (until < scenario_.duration) until = scenario_.duration;
  sim_->start();
  split_connectors();
  mark_observations();  // before the watcher's first sample
  sc_core::sc_spawn_options options;
  sc_core::sc_spawn([this] { watch_instruments(); }, "training_meters", &options);
  sc_core::sc_spawn([this] { count_clicks(); }, "training_ears", &options);
  sc_core::sc_spawn([this] { watch_signals(); }, "training_eyes", &options);
  sim_->advance(until - sc_core::sc_time_stamp());
  relay_clicks_ = latch_clunks_ = flashes_ = 0;  // what happened before the student came is not heard
  mark_observations();
  brought_in_ = true;
}

void LiveCar::advance(sc_time by) { sim_->advance(by); }

// Every connector's halves parted now, before any instrument goes on: installing a part later
// would take an instrument across two of its harness-side pins along with it (workshop.cpp).
void LiveCar::split_connectors() {
  auto& connectors = sim_->vehicle().connectors;
  for (const auto& spec : connectors.specs())
    if (!spec.pins.empty()) connectors.part_side(spec.pins.front().label);
}

void LiveCar::act(const scenario::Step& step) {
  if (step.action == scenario::Action::diagnose)
    throw std::invalid_argument("diagnose is the DS2 tester's job (the ds2 op), not an action on the car");
  auto& vehicle = sim_->vehicle();
  sc_core::sc_spawn_options options;
  sc_core::sc_spawn([&vehicle, step] { runner::apply_step(vehicle, step); }, sc_core::sc_gen_unique_name("training_hand"),
                    &options);
}

int LiveCar::place(const std::string& instrument, const std::string& first, const std::string& second) {
  const auto kind = instruments::instrument_kind(instrument);
  if (!kind) {
    std::string known;
    for (const auto& n : instruments::instrument_names()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown instrument '" + instrument + "' (known: " + known + ")");
  }
  auto slot = std::make_unique<Slot>();
  slot->kind = instruments::name_of(*kind);
  slot->first = first;
  slot->second = second;
  slot->instrument = instruments::place_instrument(sim_->vehicle(), *kind, first, second);
  const int id = next_slot_++;
  slots_[id] = std::move(slot);
  return id;
}

void LiveCar::remove(int slot) {
  if (!slots_.erase(slot)) throw std::invalid_argument("no instrument in slot " + std::to_string(slot));
}

std::vector<SlotDisplay> LiveCar::displays() const {
  std::vector<SlotDisplay> out;
  for (const auto& [id, s] : slots_) {
    SlotDisplay d;
    d.slot = id;
    d.instrument = s->kind;
    d.first = s->first;
    d.second = s->second;
    d.now = s->instrument->read();
    d.held = s->held;
    d.min = s->held ? s->min : d.now;
    d.max = s->held ? s->max : d.now;
    d.energised = s->kind == "ohmmeter" && s->instrument->energised();
    d.lit = s->kind == "test_lamp" && d.now.display == "lit";
    out.push_back(std::move(d));
  }
  return out;
}

void LiveCar::unplug(const std::string& connector) { sim_->vehicle().unplug(connector); }
void LiveCar::plug(const std::string& connector) { sim_->vehicle().plug(connector); }
void LiveCar::pull_fuse(const std::string& fuse) { sim_->vehicle().pull_fuse(fuse); }
void LiveCar::refit_fuse(const std::string& fuse) { sim_->vehicle().refit_fuse(fuse); }

// The job runs inside the kernel (as the workshop's does) at the present instant: one delta
// cycle, no simulated time passes, the in-process line answers at once.
tester::JobResult LiveCar::ds2(const std::string& job, const std::vector<std::string>& args) {
  tester::JobResult result;
  bool done = false;
  sc_core::sc_spawn_options options;
  sc_core::sc_spawn(
      [this, &result, &done, &job, &args] {
        result = hands_->tester.run(job, args);
        done = true;
      },
      sc_core::sc_gen_unique_name("training_tester"), &options);
  sim_->advance(sc_core::SC_ZERO_TIME);
  if (!done) throw std::logic_error("LiveCar::ds2: the tester did not finish within one delta cycle");
  return result;
}

// Every operating point the circuit solves: the instruments' MIN/MAX, and what a person notices
// changing (lamps lighting, the latch letting go).
void LiveCar::watch_instruments() {
  auto& v = sim_->vehicle();
  bool lamps_were = v.indicator_lh.lit() || v.indicator_rh.lit();
  bool latch_was = v.hatch_lock.latch_released();
  for (;;) {
    sc_core::wait(v.circuit.solved());
    for (auto& [id, slot] : slots_) slot->sample();
    const bool lamps = v.indicator_lh.lit() || v.indicator_rh.lit();
    const bool latch = v.hatch_lock.latch_released();
    flashes_ += lamps && !lamps_were ? 1 : 0;
    latch_clunks_ += latch && !latch_was ? 1 : 0;
    lamps_were = lamps;
    latch_was = latch;
  }
}

// What a person sees changes after an operating point: the parts (lamps, latch, locks) take
// the new one in their next delta, so the signals are read one delta after each solve.
void LiveCar::watch_signals() {
  for (;;) {
    sc_core::wait(sim_->vehicle().circuit.solved());
    sc_core::wait(sc_core::SC_ZERO_TIME);
    sample_signals();
  }
}

void LiveCar::sample_signals() {
  auto& v = sim_->vehicle();
  const auto& signals = watched_signals();
  for (std::size_t i = 0; i < signals.size(); ++i) {
    const double now = signals[i].read(v);
    auto& o = observed_[i];
    o.rises += now > o.last ? 1 : 0;
    o.min = std::min(o.min, now);
    o.max = std::max(o.max, now);
    o.last = now;
  }
}

void LiveCar::mark_observations() {
  auto& v = sim_->vehicle();
  observed_.clear();
  for (const auto& w : watched_signals()) {
    const double now = w.read(v);
    observed_.push_back({w.signal, now, now, now, 0});
  }
}

// A lock relay's armature moving is a click a person hears.
void LiveCar::count_clicks() {
  auto& bc1 = sim_->vehicle().bc1;
  sc_core::sc_event_or_list moves;
  for (std::size_t i = 0; i < model::CentralLocking::kRelays; ++i)
    moves |= bc1.lock_relay(static_cast<model::CentralLocking::Relay>(i)).armature().value_changed_event();
  for (;;) {
    sc_core::wait(moves);
    ++relay_clicks_;
  }
}

Senses LiveCar::senses() {
  auto& v = sim_->vehicle();
  Senses s;
  s.indicator_lh = v.indicator_lh.lit();
  s.indicator_rh = v.indicator_rh.lit();
  s.interior_light = v.interior_lamp.lit();
  s.hatch_open = v.hatch_lock.hatch_open();
  s.latch_released = v.hatch_lock.latch_released();
  s.hatch_angle_deg = v.hatch_lock.angle_deg();
  s.locked["door_lock.driver"] = v.door_locks.driver.locked();
  s.locked["door_lock.passenger"] = v.door_locks.passenger.locked();
  s.locked["door_lock.fuel_flap"] = v.door_locks.fuel_flap.locked();
  s.locked["door_lock.deadlock"] = v.door_locks.deadlock.locked();
  s.siren = v.circuit.network().voltage(v.bc1.pins().siren_out) > kSirenVolts;
  s.relay_clicks = std::exchange(relay_clicks_, 0);
  s.latch_clunks = std::exchange(latch_clunks_, 0);
  s.flashes = std::exchange(flashes_, 0);
  return s;
}

}  // namespace bcmhil::training
