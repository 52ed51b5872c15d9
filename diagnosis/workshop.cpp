#include "workshop.h"

#include "bench/diag/ds2_tester.h"
#include "bench/runner/simulation.h"
#include "bench/runner/step_player.h"
#include "model/diag/ds2_server.h"
#include "model/instruments/placement.h"

#include <cmath>
#include <limits>
#include <utility>
#include <stdexcept>

namespace bcmhil::diagnosis {

using sc_core::sc_time;

namespace {

constexpr double kNothing = std::numeric_limits<double>::quiet_NaN();

std::chrono::steady_clock::time_point simulated_now() {
  return std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(static_cast<std::int64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9)));
}

// The K-line between the workshop's tester and the module, in this process: a request frame
// written here is heard by the module (if its line is usable: a wetted pin hears nothing) and
// answered by its DS2 service at the present simulated instant; time stands still meanwhile, as
// in a scenario's diagnose step. The bytes are the real protocol's, through the real tester
// (bcmhil diag's code) and the real server (bcmhil serve's), only the wire is skipped.
class InProcessKLine : public transport::BytePort {
 public:
  InProcessKLine(model::Bc1Module& module, diag::DiagnosticBackend& backend) : module_(module), backend_(backend) {}

  void write(const std::vector<uint8_t>& bytes) override {
    answer_.clear();
    if (!module_.hear_kline()) return;  // silence: the tester times out
    if (auto a = server_.handle_raw(bytes, backend_, simulated_now())) answer_ = std::move(*a);
  }
  // The answer is complete the moment the request is written, so an empty line now stays empty:
  // say so at once (the tester gives up on the request) instead of letting the tester wait out
  // its timeout on the wall clock, which would make a silent module cost real seconds per read.
  std::vector<uint8_t> read(std::chrono::milliseconds) override {
    if (answer_.empty()) throw transport::TransportError("no answer: the module did not hear the request");
    return std::exchange(answer_, {});
  }
  void flush_input() override { answer_.clear(); }

 private:
  model::Bc1Module& module_;
  diag::DiagnosticBackend& backend_;
  diag::Ds2Server server_;
  std::vector<uint8_t> answer_;
};

tester::TesterOptions in_process_options() {
  tester::TesterOptions o;
  o.echo = tester::EchoMode::kOff;  // no wire, no echo
  // The answer is there as soon as the request is written, and silence is reported at once (see
  // read()): a retry could only repeat it. The timeout is generous because it runs on the wall
  // clock: a process descheduled between writing and reading must still find its answer, or
  // the same car would read differently on a busy machine.
  o.timeout = std::chrono::seconds(10);
  o.retries = 0;
  return o;
}

// The reading a DS2 job gives: see the units in diagnosis/README.md.
double ds2_value(const Ds2Read& read, const tester::JobResult& r) {
  if (read.job == "ident") return r.exit_code == tester::kExitOk ? 1.0 : 0.0;
  if (r.exit_code != tester::kExitOk) return kNothing;  // no answer, or an error status
  const auto& j = r.json;
  if (read.job == "faults" || read.job == "info") {
    const int code = static_cast<int>(std::stol(read.item, nullptr, 16));
    const auto& list = j.at(read.job == "faults" ? "faults" : "records");
    for (const auto& entry : list) {
      if (entry.at("F_ORT_NR").get<int>() != code) continue;
      if (read.job == "info") return entry.at("count").get<double>();
      return entry.at("active").get<bool>() ? 2.0 : 1.0;  // active, stored
    }
    return 0.0;  // absent
  }
  if (read.job == "analog") {
    const auto& channels = j.at("channels");
    return channels.contains(read.item) ? channels.at(read.item).at("value").get<double>() : kNothing;
  }
  const auto& signals = j.at("signals");  // inputs, outputs, rf
  if (!signals.contains(read.item)) return kNothing;
  const auto& v = signals.at(read.item);
  return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>();
}

}  // namespace

// What the technician's hands and tester do inside the simulation: the stimulus steps at their
// instants, the DS2 read at its instant. A SystemC thread spawned by perform().
struct Workshop::Hands {
  Hands(model::Vehicle& vehicle, diag::DiagnosticBackend& backend)
      : vehicle(vehicle), line(vehicle.bc1, backend), tester(line, in_process_options()) {}

  void run(const CatalogueTest& test, sc_time start) {
    std::size_t next = 0;
    const auto wait_until = [&](sc_time t) {
      if (start + t > sc_core::sc_time_stamp()) sc_core::wait(start + t - sc_core::sc_time_stamp());
    };
    const auto do_steps_until = [&](sc_time t) {  // every step at or before t
      for (; next < test.stimulus.size() && test.stimulus[next].at <= t; ++next) {
        wait_until(test.stimulus[next].at);
        apply(test.stimulus[next]);
      }
    };
    if (test.kind == ReadKind::ds2) {
      do_steps_until(test.from);  // a step at the read's instant comes first
      wait_until(test.from);
      // The catalogue names its jobs as bcmhil diag does.
      ds2_reading = ds2_value(test.ds2, tester.run(test.ds2.job, {}));
    }
    do_steps_until(test.duration());
  }

  void apply(const StimulusStep& step) {
    if (step.workshop) {
      const auto& target = step.workshop->target;
      switch (step.workshop->kind) {
        case WorkshopAction::Kind::unplug: vehicle.unplug(target); break;
        case WorkshopAction::Kind::plug: vehicle.plug(target); break;
        case WorkshopAction::Kind::pull_fuse: vehicle.pull_fuse(target); break;
        case WorkshopAction::Kind::refit_fuse: vehicle.refit_fuse(target); break;
        case WorkshopAction::Kind::flex_loom: vehicle.flex_loom(target); break;
      }
      return;
    }
    if (step.person->action == scenario::Action::diagnose)
      tester.run(step.person->job, step.person->job_args);
    else
      runner::apply_step(vehicle, *step.person);
  }

  model::Vehicle& vehicle;
  InProcessKLine line;
  tester::Ds2Tester tester;
  double ds2_reading = kNothing;
};

// An instrument on the car for the length of one test: put on before the stimulus (a
// technician connects the meter, then asks for the button to be pressed), taken off after.
struct Workshop::Meter {
  std::unique_ptr<instruments::Instrument> instrument;
};

namespace {

// What the display shows as a number: an overload is beyond any value ("OL"), kept as an
// infinity of its sign while the window reduces and read as "shows nothing" (NaN) at the end.
double displayed(const instruments::InstrumentReading& r) {
  return r.overload ? std::copysign(std::numeric_limits<double>::infinity(), r.value) : r.value;
}

}  // namespace

CarUnderTest car_from_scenario(const scenario::Scenario& scenario) {
  CarUnderTest car;
  car.vehicle = scenario.vehicle;
  car.fobs = scenario.fobs;
  car.faults = scenario.faults;
  car.examine_at = scenario.duration;
  return car;
}

Workshop::Workshop(const CarUnderTest& car) {
  scenario_.name = "workshop";
  scenario_.file = "workshop";
  scenario_.duration = car.examine_at;
  scenario_.vehicle = car.vehicle;
  scenario_.fobs = car.fobs;
  scenario_.faults = car.faults;
  sim_ = std::make_unique<runner::Simulation>(scenario_, model::ClockMode::skip_idle);
  hands_ = std::make_unique<Hands>(sim_->vehicle(), sim_->diagnostics());
}

Workshop::~Workshop() = default;

model::Vehicle& Workshop::vehicle() { return sim_->vehicle(); }

void Workshop::bring_in() {
  if (brought_in_) throw std::logic_error("Workshop::bring_in: the car is already in");
  sim_->start();
  sim_->advance(scenario_.duration);
  brought_in_ = true;
}

Reading Workshop::perform(const CatalogueTest& test) {
  if (!brought_in_) throw std::logic_error("Workshop::perform: bring_in() first");
  if (performed_) throw std::logic_error("Workshop::perform: one test per Workshop (the car keeps what a test did to it)");
  performed_ = true;
  check_performable(test);
  const sc_time start = sc_core::sc_time_stamp();
  sc_core::sc_spawn_options options;
  sc_core::sc_spawn([this, &test, start] { hands_->run(test, start); }, sc_core::sc_gen_unique_name("workshop_hands"),
                    &options);
  if (meter_)
    sc_core::sc_spawn([this, &test, start] { watch_meter(test, start); }, sc_core::sc_gen_unique_name("workshop_meter"),
                      &options);
  // One microsecond past the end, so that what happens at the window's last instant is in.
  sim_->advance(test.duration() + sc_time(1, sc_core::SC_US));
  Reading reading;
  switch (test.kind) {
    case ReadKind::signal: reading.raw = reduce_signal(test, start); break;
    case ReadKind::ds2: reading.raw = hands_->ds2_reading; break;
    case ReadKind::instrument: reading.raw = reduce_meter(test); break;
  }
  meter_.reset();  // the leads come off
  reading.outcome = test.classify(reading.raw);
  return reading;
}

// Everything the test names must exist on this car before anything is done to it: a name the
// car does not know is the catalogue's error, reported at the test's line (inside the
// simulation it would only be an sc_report). Puts the test's instrument on.
void Workshop::check_performable(const CatalogueTest& test) {
  const auto refuse = [&test](const std::string& why) {
    throw std::invalid_argument(test.where.str() + ": test " + test.id + ": " + why);
  };
  auto& car = sim_->vehicle();
  for (const auto& step : test.stimulus) {
    if (!step.workshop) continue;
    const auto& target = step.workshop->target;
    const bool fuse = step.workshop->kind == WorkshopAction::Kind::pull_fuse ||
                      step.workshop->kind == WorkshopAction::Kind::refit_fuse;
    try {
      if (step.workshop->kind == WorkshopAction::Kind::flex_loom) {
        if (target != "hinge") throw std::invalid_argument("no loom " + target + " to flex (looms: hinge)");
      } else if (fuse) {
        car.fuse(target);
      } else if (const auto* spec = car.connectors.find(target)) {
        // Split the part's pins now, before the instrument goes on: installing a part moves
        // the harness's branches at its pins to new nodes (`harness.<pin node>`), so a
        // harness-side point (`hatch.2`) names its node only once the part is installed.
        if (!spec->pins.empty()) car.connectors.harness_side(spec->pins.front().label);
      } else {
        car.unplug(target);  // throws, naming the connectors there are
      }
    } catch (const std::invalid_argument& e) {
      refuse(e.what());
    }
  }
  if (test.kind == ReadKind::signal && !sim_->recorder()->find(test.signal))
    refuse("unknown signal '" + test.signal + "' (bcmhil signals lists them)");
  if (test.kind == ReadKind::instrument) {
    try {
      const auto kind = instruments::instrument_kind(test.instrument.instrument);
      if (!kind) refuse("unknown instrument '" + test.instrument.instrument + "'");
      meter_ = std::make_unique<Meter>();
      meter_->instrument = instruments::place_instrument(car, *kind, test.instrument.plus, test.instrument.minus);
    } catch (const std::invalid_argument& e) {
      refuse(e.what());
    }
  }
}

// Reads the instrument at the window's start and at every operating point the circuit solves
// inside it: the display changes only when the circuit is solved again, so these are all the
// values it shows. A SystemC thread spawned by perform().
void Workshop::watch_meter(const CatalogueTest& test, sc_time start) {
  auto& circuit = sim_->vehicle().circuit;
  sc_core::wait(circuit.solved());  // the leads are in the network from the next solve on
  const sc_time from = start + test.from;
  const sc_time to = start + test.to;
  for (;;) {
    const sc_time now = sc_core::sc_time_stamp();
    if (now >= from) meter_samples_.push_back(displayed(meter_->instrument->read()));
    if (now >= to) return;
    sc_core::wait((now < from ? from : to) - now, circuit.solved());
  }
}

double Workshop::reduce_meter(const CatalogueTest& test) const {
  if (meter_samples_.empty()) return kNothing;
  double result = meter_samples_.front();
  for (const double v : meter_samples_) {
    if (test.reduce == Reduce::max) result = std::max(result, v);
    if (test.reduce == Reduce::min) result = std::min(result, v);
    if (test.reduce == Reduce::last) result = v;
  }
  return std::isinf(result) ? kNothing : result;
}

double Workshop::reduce_signal(const CatalogueTest& test, sc_time start) const {
  const trace::Signal& s = *sim_->recorder()->find(test.signal);
  const auto from = static_cast<std::uint64_t>((start + test.from).value());
  const auto to = static_cast<std::uint64_t>((start + test.to).value());
  double value = s.value_at(from);
  double result = test.reduce == Reduce::count ? 0.0 : value;
  for (const auto& sample : s.samples) {
    if (sample.time_ps <= from) continue;
    if (sample.time_ps > to) break;
    switch (test.reduce) {
      case Reduce::max: result = std::max(result, sample.value); break;
      case Reduce::min: result = std::min(result, sample.value); break;
      case Reduce::last: result = sample.value; break;
      case Reduce::count: result += value < 0.5 && sample.value >= 0.5 ? 1.0 : 0.0; break;
    }
    value = sample.value;
  }
  return result;
}

Reading play_test(const CarUnderTest& car, const CatalogueTest& test) {
  Workshop workshop(car);
  workshop.bring_in();
  return workshop.perform(test);
}

}  // namespace bcmhil::diagnosis
