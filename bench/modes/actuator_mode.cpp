// bcmhil bench actuator, in steps: load the inputs, read the channel-to-signal mapping, open the
// bench (guard, signals), start the model and match its signals to the channels, pace it to the wall
// clock while the relays follow, and always finish with every relay off. The reports:
// actuator_report_text.cpp, actuator_report_json.cpp.
#include "actuator_mode.h"

#include "bench/runner/simulation.h"
#include "bench/scenario/scenario.h"
#include "signal_guard.h"

#include <systemc>

#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>

#include <atomic>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

namespace bcmhil::modes {

namespace {

using Clock = std::chrono::steady_clock;

// One channel that mirrors one model signal.
struct Follower {
  rig::ChannelId channel;
  std::string name;
  std::string rule;
  trace::SignalId signal = 0;
  std::optional<double> above;
  bool on = false;  // what was last asked of the relay
};

std::vector<Follower> resolve(const rig::BenchConfig& cfg, const rig::SafeBench& bench, const trace::Recorder& recorder) {
  std::vector<Follower> out;
  for (const auto& ch : cfg.channels) {
    if (!ch.follows) continue;
    const auto& f = *ch.follows;
    const auto id = recorder.id_of(f.signal);
    if (!id)
      throw rig::BenchConfigError(cfg.source, f.at,
                                  "channel '" + ch.name + "': the model has no signal '" + f.signal +
                                      "' (bcmhil signals lists them, e.g. DOP_BOOT_RELEASE, V(hatch_lock.pin2))");
    const auto& sig = recorder.signal(*id);
    if (sig.kind == trace::Kind::real && !f.above)
      throw rig::BenchConfigError(cfg.source, f.at,
                                  "channel '" + ch.name + "': '" + f.signal + "' is measured in " + sig.unit +
                                      "; give a threshold, e.g. follows: \"" + f.signal + " > 6 " + sig.unit + "\"");
    out.push_back({bench.channel(ch.name), ch.name, f.text, *id, f.above, false});
  }
  return out;
}

bool wants_on(const Follower& f, const trace::Recorder& recorder) {
  const auto& samples = recorder.signal(f.signal).samples;
  const double v = samples.empty() ? 0.0 : samples.back().value;
  return f.above ? v > *f.above : v >= 0.5;
}

// Real-time scheduling for the calling thread while it paces the model; restored on destruction.
class RealtimeScope {
 public:
  explicit RealtimeScope(int priority) {
    pthread_getschedparam(pthread_self(), &old_policy_, &old_param_);
    old_slack_ = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);  // wake at the due time, not up to 50 us later
    if (priority <= 0) return;
    sched_param p{};
    p.sched_priority = priority;
    active_ = pthread_setschedparam(pthread_self(), SCHED_FIFO, &p) == 0;
    if (active_) description_ = "SCHED_FIFO " + std::to_string(priority);
    else description_ = "normal (SCHED_FIFO " + std::to_string(priority) + " refused: no privilege)";
  }
  ~RealtimeScope() {
    if (active_) pthread_setschedparam(pthread_self(), old_policy_, &old_param_);
    if (old_slack_ > 0) prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(old_slack_), 0, 0, 0);
  }
  const std::string& description() const { return description_; }

 private:
  int old_policy_ = SCHED_OTHER;
  sched_param old_param_{};
  long old_slack_ = 0;
  bool active_ = false;
  std::string description_ = "normal";
};

// The channels that follow a model signal, as written in the bench file. None: invalid input.
bool read_mapping(const rig::BenchConfig& cfg, ActuatorReport& r) {
  for (const auto& ch : cfg.channels)
    if (ch.follows) r.mapping.emplace_back(ch.name, ch.follows->text);
  if (!r.mapping.empty()) return true;
  r.exit_code = kExitInvalid;
  r.error = rig::BenchConfigError(cfg.source, {1, 1},
                                  "no channel says which model signal it follows; add e.g. "
                                  "'follows: \"V(hatch_lock.pin2) > 6 V\"' to the actuator's channel")
                .what();
  return false;
}

rig::BenchOptions bench_options(const ActuatorOptions& o, std::ostream& out) {
  rig::BenchOptions bo;
  bo.dry_run = o.dry_run;
  bo.dry_run_out = &out;
  bo.watchdog = o.watchdog && !o.dry_run;
  return bo;
}

// Switches every follower whose signal changed since the last slice, and records each switch:
// the model's instant, when the command was confirmed and how late that was on the wall clock.
void update_relays(std::vector<Follower>& followers, const trace::Recorder& recorder, rig::SafeBench& bench,
                   Clock::time_point origin, ActuatorReport& r) {
  const double t = sc_core::sc_time_stamp().to_seconds();
  for (auto& f : followers) {
    const bool want = wants_on(f, recorder);
    if (want == f.on) continue;
    f.on = want;
    const auto before = Clock::now();
    const rig::SetOutcome outcome = bench.set(f.channel, want);
    const auto after = Clock::now();
    SwitchRecord s;
    s.channel = f.name;
    s.follows = f.rule;
    s.on = want;
    s.model_s = t;
    s.wall_s = ms_between(r.started, after) / 1000.0;
    s.late_ms = ms_between(origin + std::chrono::microseconds(static_cast<long long>(t * 1e6)), after);
    s.command_ms = ms_between(before, after);
    s.outcome = rig::to_string(outcome);
    r.switches.push_back(s);
  }
}

// One progress line a second of simulated time.
void show_progress(std::ostream* progress, double t, const ActuatorReport& r, double& next_progress) {
  if (!progress || t < next_progress) return;
  *progress << "\r  " << fixed(t, 1) << " / " << fixed(r.scenario_s, 1) << " s  " << r.switches.size() << " switch"
            << (r.switches.size() == 1 ? "" : "es") << "   " << std::flush;
  next_progress = t + 1.0;
}

// A signal cuts the pacer's sleep short at once (SignalGuard has already switched all off).
class StopOnSignal {
 public:
  StopOnSignal(const rig::SignalGuard* guard, runner::RealtimePacer& pacer) {
    if (guard)
      thread_ = std::thread([this, guard, &pacer] {
        while (!done_)
          if (guard->wait(std::chrono::milliseconds(50))) {
            pacer.stop();
            return;
          }
      });
  }
  ~StopOnSignal() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// Plays the scenario paced to the wall clock, the relays following the model after every slice.
// Returns why the bench halted ("" when it did not).
std::string pace(const ActuatorOptions& o, const scenario::Scenario& sc, runner::Simulation& sim,
                 std::vector<Follower>& followers, rig::SafeBench& bench, const rig::SignalGuard* guard,
                 ActuatorReport& r) {
  runner::RealtimePacer pacer;
  const auto& recorder = *sim.recorder();
  // The model's instant t ran at wall time origin + t (the pacer keeps them together).
  const Clock::time_point origin = Clock::now() - std::chrono::microseconds(
                                                       static_cast<long long>(sc_core::sc_time_stamp().to_seconds() * 1e6));
  std::string halt_reason;
  double next_progress = 0;
  pacer.after_slice = [&] {
    if (guard && guard->stop_requested()) {
      pacer.stop();
      return;
    }
    try {
      update_relays(followers, recorder, bench, origin, r);
    } catch (const rig::BenchHalted& e) {
      halt_reason = e.what();
      pacer.stop();
      return;
    }
    const double t = sc_core::sc_time_stamp().to_seconds();
    if (o.after_slice) o.after_slice(t);
    show_progress(o.progress, t, r, next_progress);
  };
  {
    StopOnSignal stopper(guard, pacer);
    try {
      RealtimeScope realtime(o.realtime_priority);
      r.scheduling = realtime.description();
      update_relays(followers, recorder, bench, origin, r);  // time zero
      pacer.run(sc.duration);
    } catch (const rig::BenchHalted& e) {
      halt_reason = e.what();
    }
  }
  if (o.progress) *o.progress << "\r" << std::string(60, ' ') << "\r" << std::flush;
  r.simulated_s = sc_core::sc_time_stamp().to_seconds();
  r.lateness = pacer.lateness();
  return halt_reason;
}

// The model started, its signals matched to the channels, the run paced. Invalid input and a
// halted bench end up in the report.
void simulate(const ActuatorOptions& o, const rig::BenchConfig& cfg, const scenario::Scenario& sc,
              rig::SafeBench& bench, const rig::SignalGuard* guard, ActuatorReport& r) {
  // The followers read each signal's current value (wants_on), nothing else: no history kept.
  runner::Simulation sim(sc, model::ClockMode::skip_idle, runner::Keep::latest_values);
  std::vector<Follower> followers;
  try {
    sim.start();
    followers = resolve(cfg, bench, *sim.recorder());
  } catch (const scenario::ScenarioError& e) {
    r.exit_code = kExitInvalid;
    r.error = e.what();
    return;
  } catch (const rig::BenchConfigError& e) {
    r.exit_code = kExitInvalid;
    r.error = e.what();
    return;
  }
  const std::string halt_reason = pace(o, sc, sim, followers, bench, guard, r);
  if (!halt_reason.empty()) {
    r.exit_code = kExitDevice;
    r.error = "the bench halted: " + halt_reason;
  }
}

// Every way out once the bench is open: all relays off, read back, events kept, the exit code.
ActuatorReport finish(ActuatorReport& rep, rig::SafeBench& bench, const rig::SignalGuard* guard) {
  rep.final_off = bench.all_off();
  rep.relay_latency = bench.latency();
  rep.events = bench.events();
  for (const auto& e : rep.events) {
    if (e.kind == rig::SafetyEvent::Kind::max_on_tripped) rep.max_on_tripped = true;
    if (e.kind == rig::SafetyEvent::Kind::board_failed) rep.halted = true;
  }
  if (guard && guard->stop_requested()) rep.stop_signal = guard->signal_number();
  if (rep.exit_code == kExitOk) {
    if (rep.stop_signal) rep.exit_code = 128 + rep.stop_signal;
    else if (rep.halted) rep.exit_code = kExitDevice;
    else if (rep.max_on_tripped || !rep.final_off.ok) rep.exit_code = kExitFailed;
  }
  return rep;
}

}  // namespace

ActuatorReport run_actuator(const ActuatorOptions& o) {
  ActuatorReport r;
  r.dry_run = o.dry_run;
  r.started = Clock::now();
  std::ostream& out = o.out ? *o.out : std::cout;
  auto inputs = load_inputs(o.bench_path, o.scenario_path, r);
  if (!inputs) return r;
  // This mode plays the story and switches relays; it judges no expectations (bcmhil run does),
  // and a scenario's diagnose steps need a tester it does not run.
  inputs->scenario.expectations.clear();
  r.scenario_s = inputs->scenario.duration.to_seconds();
  if (!read_mapping(inputs->bench, r)) return r;

  const auto bench = open_bench(inputs->bench, bench_options(o, out), r);
  if (!bench) return r;
  std::optional<rig::SignalGuard> guard;
  if (o.handle_signals) guard.emplace(*bench, rig::SignalGuard::Action::off_then_flag);
  const rig::SignalGuard* g = guard ? &*guard : nullptr;
  try {
    simulate(o, inputs->bench, inputs->scenario, *bench, g, r);
  } catch (const std::exception& e) {
    r.exit_code = kExitInternal;
    r.error = std::string("internal error: ") + e.what();
  }
  return finish(r, *bench, g);
}

}  // namespace bcmhil::modes
