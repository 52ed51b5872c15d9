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
#include <sstream>
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

}  // namespace

ActuatorReport run_actuator(const ActuatorOptions& o) {
  ActuatorReport r;
  r.dry_run = o.dry_run;
  r.started = Clock::now();
  std::ostream& out = o.out ? *o.out : std::cout;

  rig::BenchConfig cfg;
  scenario::Scenario sc;
  if (auto invalid = load_bench_and_scenario(o.bench_path, o.scenario_path, cfg, sc)) {
    r.exit_code = kExitInvalid;
    r.error = *invalid;
    return r;
  }
  r.bench = cfg.name.empty() ? o.bench_path : cfg.name;
  r.scenario = sc.name;
  // This mode plays the story and switches relays; it judges no expectations (bcmhil run does),
  // and a scenario's diagnose steps need a tester it does not run.
  sc.expectations.clear();
  r.scenario_s = sc.duration.to_seconds();
  for (const auto& ch : cfg.channels)
    if (ch.follows) r.mapping.emplace_back(ch.name, ch.follows->text);
  if (r.mapping.empty()) {
    r.exit_code = kExitInvalid;
    r.error = rig::BenchConfigError(cfg.source, {1, 1},
                                    "no channel says which model signal it follows; add e.g. "
                                    "'follows: \"V(hatch_lock.pin2) > 6 V\"' to the actuator's channel")
                  .what();
    return r;
  }

  // The bench first: it forks its guard process, which must happen before any thread starts.
  std::unique_ptr<rig::SafeBench> bench;
  try {
    rig::BenchOptions bo;
    bo.dry_run = o.dry_run;
    bo.dry_run_out = &out;
    bo.watchdog = o.watchdog && !o.dry_run;
    bench = std::make_unique<rig::SafeBench>(cfg, bo);
  } catch (const std::exception& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("cannot open the bench: ") + e.what();
    return r;
  }
  std::optional<rig::SignalGuard> guard;
  if (o.handle_signals) guard.emplace(*bench, rig::SignalGuard::Action::off_then_flag);

  // From here on every way out goes through finish(): all relays off, read back, events kept.
  auto finish = [&](ActuatorReport& rep) {
    rep.final_off = bench->all_off();
    rep.relay_latency = bench->latency();
    rep.events = bench->events();
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
  };

  try {
    runner::Simulation sim(sc, model::ClockMode::skip_idle);
    try {
      sim.start();
    } catch (const scenario::ScenarioError& e) {
      r.exit_code = kExitInvalid;
      r.error = e.what();
      return finish(r);
    }
    std::vector<Follower> followers;
    try {
      followers = resolve(cfg, *bench, *sim.recorder());
    } catch (const rig::BenchConfigError& e) {
      r.exit_code = kExitInvalid;
      r.error = e.what();
      return finish(r);
    }

    runner::RealtimePacer pacer;
    const auto& recorder = *sim.recorder();
    // The model's instant t ran at wall time origin + t (the pacer keeps them together).
    const Clock::time_point origin = Clock::now() - std::chrono::microseconds(
                                                         static_cast<long long>(sc_core::sc_time_stamp().to_seconds() * 1e6));
    std::string halt_reason;
    auto update_relays = [&] {
      const double t = sc_core::sc_time_stamp().to_seconds();
      for (auto& f : followers) {
        const bool want = wants_on(f, recorder);
        if (want == f.on) continue;
        f.on = want;
        const auto before = Clock::now();
        const rig::SetOutcome outcome = bench->set(f.channel, want);
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
    };

    double next_progress = 0;
    pacer.after_slice = [&] {
      if (guard && guard->stop_requested()) {
        pacer.stop();
        return;
      }
      try {
        update_relays();
      } catch (const rig::BenchHalted& e) {
        halt_reason = e.what();
        pacer.stop();
        return;
      }
      const double t = sc_core::sc_time_stamp().to_seconds();
      if (o.after_slice) o.after_slice(t);
      if (o.progress && t >= next_progress) {
        *o.progress << "\r  " << fixed(t, 1) << " / " << fixed(r.scenario_s, 1) << " s  " << r.switches.size()
                    << " switch" << (r.switches.size() == 1 ? "" : "es") << "   " << std::flush;
        next_progress = t + 1.0;
      }
    };

    // A signal cuts the pacer's sleep short at once (SignalGuard has already switched all off).
    std::atomic<bool> done{false};
    std::thread stopper;
    if (guard)
      stopper = std::thread([&] {
        while (!done)
          if (guard->wait(std::chrono::milliseconds(50))) {
            pacer.stop();
            return;
          }
      });
    try {
      RealtimeScope realtime(o.realtime_priority);
      r.scheduling = realtime.description();
      update_relays();  // time zero
      pacer.run(sc.duration);
    } catch (const rig::BenchHalted& e) {
      halt_reason = e.what();
    } catch (...) {
      done = true;
      if (stopper.joinable()) stopper.join();
      throw;
    }
    done = true;
    if (stopper.joinable()) stopper.join();
    if (o.progress) *o.progress << "\r" << std::string(60, ' ') << "\r" << std::flush;
    r.simulated_s = sc_core::sc_time_stamp().to_seconds();
    r.lateness = pacer.lateness();
    if (!halt_reason.empty()) {
      r.exit_code = kExitDevice;
      r.error = "the bench halted: " + halt_reason;
    }
    return finish(r);
  } catch (const std::exception& e) {
    r.exit_code = kExitInternal;
    r.error = std::string("internal error: ") + e.what();
    return finish(r);
  }
}

namespace {
std::string ms(double v) { return fixed(v, 3) + " ms"; }
std::string ms(std::chrono::microseconds v) { return fixed(v.count() / 1000.0, 3) + " ms"; }
}  // namespace

std::string format_actuator(const ActuatorReport& r) {
  std::ostringstream s;
  if (!r.error.empty() && r.bench.empty()) return "bcmhil bench actuator: " + r.error + "\n";
  s << "bench actuator: scenario '" << r.scenario << "' on bench '" << r.bench << "'"
    << (r.dry_run ? " (dry run: no relay touched)" : "") << ", " << fixed(r.scenario_s, 1)
    << " s paced to the wall clock\n";
  for (const auto& [ch, rule] : r.mapping) s << "  " << ch << " follows " << rule << "\n";
  if (!r.error.empty()) s << "error: " << r.error << "\n";
  s << "switched:\n";
  if (r.switches.empty()) s << "  nothing: no mapped model output came on, no relay clicked\n";
  for (const auto& w : r.switches)
    s << "  t = " << fixed(w.model_s, 3) << " s  " << w.channel << (w.on ? " ON " : " off") << "  ("
      << w.outcome << ", command " << ms(w.command_ms) << ", " << ms(w.late_ms) << " after the model)\n";
  s << "simulated " << fixed(r.simulated_s, 3) << " s of " << fixed(r.scenario_s, 3) << " s (scheduling: "
    << r.scheduling << ")\n";
  s << "pacing lateness   n=" << r.lateness.events << "  p50 " << ms(r.lateness.p50_ms) << "  p99 "
    << ms(r.lateness.p99_ms) << "  max " << ms(r.lateness.max_ms) << "   (target p99 <= 1 ms)\n";
  s << "relay commands    n=" << r.relay_latency.count << "  p50 " << ms(r.relay_latency.p50) << "  p99 "
    << ms(r.relay_latency.p99) << "  max " << ms(r.relay_latency.max) << "   (target p99 <= 5 ms)\n";
  for (const auto& e : r.events) {
    if (e.kind == rig::SafetyEvent::Kind::all_off) continue;
    s << "safety: " << rig::to_string(e.kind) << (e.channel.empty() ? "" : " " + e.channel) << ": " << e.detail << "\n";
  }
  if (r.stop_signal) s << "stopped by " << ::strsignal(r.stop_signal) << "\n";
  s << "end: " << (r.final_off.ok ? "every relay off" : "NOT every relay confirmed off") << "\n";
  for (const auto& l : r.final_off.lines) s << "  " << l << "\n";
  return s.str();
}

nlohmann::json actuator_json(const ActuatorReport& r) {
  using nlohmann::json;
  json j;
  j["mode"] = "actuator";
  j["exit_code"] = r.exit_code;
  if (!r.error.empty()) j["error"] = r.error;
  j["scenario"] = r.scenario;
  j["bench"] = r.bench;
  j["dry_run"] = r.dry_run;
  j["scenario_s"] = r.scenario_s;
  j["simulated_s"] = r.simulated_s;
  j["scheduling"] = r.scheduling;
  json map = json::array();
  for (const auto& [ch, rule] : r.mapping) map.push_back({{"channel", ch}, {"follows", rule}});
  j["mapping"] = map;
  json sw = json::array();
  for (const auto& w : r.switches)
    sw.push_back({{"channel", w.channel}, {"follows", w.follows}, {"on", w.on}, {"model_s", w.model_s},
                  {"wall_s", w.wall_s}, {"late_ms", w.late_ms}, {"command_ms", w.command_ms}, {"outcome", w.outcome}});
  j["switches"] = sw;
  j["pacing_lateness_ms"] = {{"events", r.lateness.events}, {"p50", r.lateness.p50_ms}, {"p99", r.lateness.p99_ms},
                             {"max", r.lateness.max_ms}};
  j["relay_command_ms"] = {{"count", r.relay_latency.count},
                           {"p50", r.relay_latency.p50.count() / 1000.0},
                           {"p99", r.relay_latency.p99.count() / 1000.0},
                           {"max", r.relay_latency.max.count() / 1000.0}};
  json ev = json::array();
  for (const auto& e : r.events)
    ev.push_back({{"kind", rig::to_string(e.kind)}, {"channel", e.channel}, {"detail", e.detail},
                  {"wall_s", ms_between(r.started, e.at) / 1000.0}});
  j["safety_events"] = ev;
  j["stop_signal"] = r.stop_signal;
  j["halted"] = r.halted;
  j["max_on_tripped"] = r.max_on_tripped;
  j["all_off"] = {{"ok", r.final_off.ok}, {"lines", r.final_off.lines}};
  return j;
}

}  // namespace bcmhil::modes
