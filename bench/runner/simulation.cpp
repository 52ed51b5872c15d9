#include "simulation.h"

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

Simulation::Simulation(const scenario::Scenario& scenario, model::ClockMode clock_mode)
    : scenario_(scenario), recorder_(std::make_shared<trace::Recorder>()) {
  fresh_simulation_kernel();
  model::VehicleConfig config = scenario.vehicle;
  config.io.mode = clock_mode;
  config.io.clock_period = sc_core::sc_time(1e6 / scenario.clock_hz, sc_core::SC_US);
  vehicle_ = std::make_unique<model::Vehicle>("car", *recorder_, config);
  for (const auto& f : scenario.fobs) {
    auto& fob = vehicle_->fob(f.key);
    fob.battery_volts = f.battery_volts;
    fob.counter = f.counter;
    fob.in_range = f.in_range;
  }
  backend_ = std::make_unique<model::Bc1DiagnosticBackend>(vehicle_->bc1);
  for (const auto& spec : scenario.faults) faults_.push_back(faults::find_fault_type(spec.type)->create(spec, *vehicle_));
  player_ = std::make_unique<StepPlayer>("steps", *vehicle_, scenario.steps);
}

Simulation::~Simulation() = default;

void Simulation::start() {
  // Probes are declared at the end of elaboration, so the signal list is complete only now.
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  for (const auto& e : scenario_.expectations) validate_expectation(e, *recorder_);
}

std::vector<ExpectationResult> Simulation::judge() const {
  std::vector<ExpectationResult> results;
  for (const auto& e : scenario_.expectations) results.push_back(check_expectation(e, *recorder_));
  return results;
}

}  // namespace bcmhil::runner
