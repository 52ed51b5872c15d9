#include "scenario_runner.h"

#include "step_player.h"

#include <chrono>

namespace bcmhil::runner {

void fresh_simulation_kernel() {
  // SystemC 2.3 cannot tear down a context whose processes have run; the old one is left
  // behind (a few kilobytes) and never runs again.
  static bool first = true;
  if (first) {  // the default context is still unused
    first = false;
    return;
  }
  sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
  sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
}

RunResult run_scenario(const scenario::Scenario& scenario, const RunOptions& options) {
  fresh_simulation_kernel();
  auto recorder = std::make_shared<trace::Recorder>();

  model::VehicleConfig config = scenario.vehicle;
  config.io.mode = options.clock_mode;
  config.io.clock_period = sc_core::sc_time(1e6 / scenario.clock_hz, sc_core::SC_US);
  auto vehicle = std::make_unique<model::Vehicle>("car", *recorder, config);
  for (const auto& f : scenario.fobs) {
    auto& fob = vehicle->fob(f.key);
    fob.battery_volts = f.battery_volts;
    fob.counter = f.counter;
    fob.in_range = f.in_range;
  }
  std::vector<std::unique_ptr<faults::Fault>> injected;
  for (const auto& spec : scenario.faults) injected.push_back(faults::find_fault_type(spec.type)->create(spec, *vehicle));
  StepPlayer player("steps", *vehicle, scenario.steps);

  // Elaborate and settle time zero; probes exist from here on, so expectations can be checked
  // against the real signal list before any simulated time is spent.
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  for (const auto& e : scenario.expectations) validate_expectation(e, *recorder);

  const auto wall_start = std::chrono::steady_clock::now();
  const sc_core::sc_time slice(1, sc_core::SC_SEC);
  while (sc_core::sc_time_stamp() < scenario.duration) {
    const auto left = scenario.duration - sc_core::sc_time_stamp();
    sc_core::sc_start(left < slice ? left : slice);
    if (options.progress) options.progress(sc_core::sc_time_stamp().to_seconds(), scenario.duration.to_seconds());
  }
  const auto wall_end = std::chrono::steady_clock::now();

  RunResult result;
  result.scenario_name = scenario.name;
  result.scenario_file = scenario.file;
  result.sim_time_s = sc_core::sc_time_stamp().to_seconds();
  result.wall_time_s = std::chrono::duration<double>(wall_end - wall_start).count();
  result.clock_edges = vehicle->bc1.digital_io().clock_edges();
  result.circuit_solves = vehicle->circuit.network().solve_count();
  result.fault_memory = vehicle->bc1.fault_memory().entries();
  result.passed = true;
  for (const auto& e : scenario.expectations) {
    result.expectations.push_back(check_expectation(e, *recorder->find(e.signal)));
    result.passed &= result.expectations.back().passed;
  }
  result.recorder = std::move(recorder);
  return result;
}

}  // namespace bcmhil::runner
