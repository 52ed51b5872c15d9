#include "scenario_runner.h"

#include "diagnostic_session.h"
#include "simulation.h"

#include <chrono>

namespace bcmhil::runner {


RunResult run_scenario(const scenario::Scenario& scenario, const RunOptions& options) {
  Simulation sim(scenario, options.clock_mode, options.keep);
  if (options.log_changes) sim.recorder()->log_changes();
  // Diagnose steps need a tester on a served K-line; the rest of the run needs no wall clock.
  std::vector<const scenario::Step*> diagnose;
  for (const auto& step : scenario.steps)
    if (step.action == scenario::Action::diagnose) diagnose.push_back(&step);
  std::unique_ptr<DiagnosticSession> session;
  if (!diagnose.empty()) {
    session = std::make_unique<DiagnosticSession>(sim.diagnostics(), *sim.recorder(),
                                                  [&sim] { return sim.vehicle().bc1.hear_kline(); });
    DiagnosticSession::declare_signals(scenario, *sim.recorder());
  }
  sim.start();
  if (session) session->open();

  const auto wall_start = std::chrono::steady_clock::now();
  const sc_core::sc_time slice(1, sc_core::SC_SEC);
  auto run_until = [&](const sc_core::sc_time& until) {
    while (sc_core::sc_time_stamp() < until) {
      const auto left = until - sc_core::sc_time_stamp();
      sim.advance(left < slice ? left : slice);
      if (options.progress) options.progress(sc_core::sc_time_stamp().to_seconds(), scenario.duration.to_seconds());
    }
  };
  for (const auto* step : diagnose) {
    run_until(step->at);
    session->run(*step);
  }
  run_until(scenario.duration);
  // The drawn charge grows between circuit solutions without a sample: close the last stretch.
  sim.vehicle().battery_monitor.record_now();
  const auto wall_end = std::chrono::steady_clock::now();

  RunResult result;
  result.scenario_name = scenario.name;
  result.scenario_file = scenario.file;
  result.sim_time_s = sc_core::sc_time_stamp().to_seconds();
  result.wall_time_s = std::chrono::duration<double>(wall_end - wall_start).count();
  result.clock_edges = sim.vehicle().bc1.digital_io().clock_edges();
  result.circuit_solves = sim.vehicle().circuit.network().solve_count();
  result.fault_memory = sim.vehicle().bc1.fault_memory().entries();
  result.expectations = sim.judge();
  result.passed = true;
  for (const auto& e : result.expectations) result.passed &= e.passed;
  result.recorder = sim.recorder();
  return result;
}

}  // namespace bcmhil::runner
