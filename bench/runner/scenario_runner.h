#pragma once
// Runs a scenario on the SystemC model in this process: builds the vehicle with the scenario's
// coding and faults, plays its steps at their times, and judges its expectations on the
// recorded signals.
#include "bench/scenario/scenario.h"
#include "expectation_check.h"
#include "model/bc1/fault_memory.h"
#include "model/io/digital_io.h"
#include "model/trace/recorder.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::runner {

// How much of the recorded history a run keeps in memory.
enum class Keep {
  everything,              // every change of every signal: traces, pictures, step-vs-skip comparisons
  what_expectations_need,  // the expectations' signals over their windows; the rest only their current value
  latest_values,           // only each signal's current value: paced runs (serve, bench modes) that judge nothing
};

struct RunOptions {
  model::ClockMode clock_mode = model::ClockMode::skip_idle;
  // what_expectations_need bounds memory on long runs; the result's recorder then holds only
  // the expectations' signals over their windows (no trace, picture or comparison from it).
  Keep keep = Keep::everything;
  // Every change also goes to a temporary file in time order, for a trace of any length
  // (trace::Recorder::log_changes).
  bool log_changes = false;
  // Called between slices of simulated time (about once per simulated second).
  std::function<void(double simulated_s, double total_s)> progress;
};

struct RunResult {
  std::string scenario_name;
  std::string scenario_file;
  bool passed = false;
  double sim_time_s = 0;
  double wall_time_s = 0;
  std::uint64_t clock_edges = 0;   // edges delivered to the RTL block
  std::uint64_t circuit_solves = 0;
  std::vector<ExpectationResult> expectations;  // point into the scenario: keep it alive
  std::vector<model::FaultEntry> fault_memory;  // the module's fault memory at the end
  std::shared_ptr<trace::Recorder> recorder;

  double realtime_factor() const { return wall_time_s > 0 ? sim_time_s / wall_time_s : 0.0; }
};

// Throws scenario::ScenarioError for an expectation the model cannot answer (unknown signal...).
RunResult run_scenario(const scenario::Scenario& scenario, const RunOptions& options = {});

}  // namespace bcmhil::runner
