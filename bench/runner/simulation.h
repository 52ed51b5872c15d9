#pragma once
// One scenario's model, built and ready to run: a fresh SystemC kernel, the recorder, the
// vehicle with the scenario's coding and fob states, its faults and its step player. run_scenario
// runs it as fast as it can; bcmhil serve and the bench modes run it paced to the wall clock.
#include "bench/scenario/scenario.h"
#include "expectation_check.h"
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/car/vehicle.h"
#include "model/faults/fault.h"
#include "model/io/digital_io.h"
#include "model/trace/recorder.h"
#include "scenario_runner.h"
#include "step_player.h"

#include <memory>
#include <vector>

namespace bcmhil::runner {

// The signals and windows the scenario's expectations read (for fault_state and info_count,
// also the record of the tester's memory reads).
trace::Needs needs_of(const scenario::Scenario& scenario);

class Simulation {
 public:
  // Builds everything (elaboration). Extra modules (a DS2 responder...) may be added after this
  // and before start().
  Simulation(const scenario::Scenario& scenario, model::ClockMode clock_mode, Keep keep = Keep::everything);
  ~Simulation();

  // Elaborates and settles time zero, then checks every expectation against the real signal
  // list (throws scenario::ScenarioError naming the file, line and column).
  void start();
  // sc_start(by), with a circuit that did not converge given back as model::CircuitDidNotConverge
  // (SystemC turns an exception inside the model into an sc_report and loses its type).
  void advance(const sc_core::sc_time& by);
  // Judges the expectations on what was recorded so far.
  std::vector<ExpectationResult> judge() const;

  const scenario::Scenario& scenario() const { return scenario_; }
  model::Vehicle& vehicle() { return *vehicle_; }
  model::Bc1DiagnosticBackend& diagnostics() { return *backend_; }
  const std::shared_ptr<trace::Recorder>& recorder() const { return recorder_; }

 private:
  const scenario::Scenario& scenario_;
  std::shared_ptr<trace::Recorder> recorder_;
  std::unique_ptr<model::Vehicle> vehicle_;
  std::unique_ptr<model::Bc1DiagnosticBackend> backend_;
  std::vector<std::unique_ptr<faults::Fault>> faults_;
  std::unique_ptr<StepPlayer> player_;
};

}  // namespace bcmhil::runner
