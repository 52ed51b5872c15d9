#pragma once
// bcmhil bench actuator: the scenario's model runs paced to the wall clock, and every bench channel
// with `follows: <model signal>` is switched (through SafeBench, so max on-time, the guard process
// and all-off on every exit hold) whenever that signal changes: a healthy module's release clicks
// the real lock actuator, a flooded one's never does.
//
// Safety: the SafeBench is built before any thread (it forks the guard); a SignalGuard switches
// everything off on SIGINT/SIGTERM and the run winds down; the end of the run, an error and a
// halted board all end in an explicit all_off() with read-back, then the SafeBench destructor.
#include "bench/runner/realtime_pacer.h"
#include "latency_stats.h"
#include "mode_common.h"
#include "safe_bench.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace bcmhil::modes {

struct ActuatorOptions {
  std::string bench_path;
  std::string scenario_path;
  bool dry_run = false;              // open no device; print each switch that would happen
  std::ostream* out = nullptr;       // dry-run lines (default std::cout)
  std::ostream* progress = nullptr;  // a progress line while it runs (nullptr: none)
  bool watchdog = true;              // the guard process (off only in tests of other parts)
  bool handle_signals = true;        // install a SignalGuard (SIGINT/SIGTERM: all off, wind down)
  // SCHED_FIFO priority for the simulation thread while it runs (0: normal scheduling). Best
  // effort: without the privilege it stays normal and the report says so. On a busy 2-core box it
  // is what keeps the p99 lateness under 1 ms (README, "The bench").
  int realtime_priority = 0;
  // Test seam: called on the simulation thread after each slice, after the relays were updated.
  std::function<void(double simulated_s)> after_slice;
};

struct SwitchRecord {
  std::string channel;
  std::string follows;   // the rule as written
  bool on = false;
  double model_s = 0;    // simulated time of the change the model made
  double wall_s = 0;     // wall time (since the run started) when the command was confirmed
  double late_ms = 0;    // confirmed this long after the model's instant in wall time
  double command_ms = 0; // SafeBench::set() alone: write (+ read-back where the board can)
  std::string outcome;   // switched, unchanged, refused_latched
};

struct ActuatorReport {
  int exit_code = kExitOk;
  std::string error;  // set when exit_code is 2, 3 or 4
  std::string scenario;
  std::string bench;
  bool dry_run = false;
  double scenario_s = 0;
  double simulated_s = 0;
  std::vector<std::pair<std::string, std::string>> mapping;  // channel, follows
  std::vector<SwitchRecord> switches;
  runner::LatenessStats lateness;
  relay::LatencySummary relay_latency;
  std::vector<rig::SafetyEvent> events;
  std::chrono::steady_clock::time_point started;
  int stop_signal = 0;     // SIGINT/SIGTERM that ended the run early
  bool halted = false;     // a board failed
  bool max_on_tripped = false;
  std::string scheduling;  // "SCHED_FIFO 10" or "normal"
  rig::AllOffReport final_off;
};

ActuatorReport run_actuator(const ActuatorOptions& options);

std::string format_actuator(const ActuatorReport& report);
nlohmann::json actuator_json(const ActuatorReport& report);

}  // namespace bcmhil::modes
