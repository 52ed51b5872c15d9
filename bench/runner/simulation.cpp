#include "simulation.h"

#include "model/circuit/simulation_kernel.h"

#include <cstdlib>
#include <stdexcept>

namespace bcmhil::runner {

namespace {
// FaultSpec::origin is "file:line:column" (the parser's Location::str()); back into a Location.
scenario::Location location_of(const std::string& origin) {
  const auto col = origin.rfind(':');
  const auto line = col == std::string::npos || col == 0 ? std::string::npos : origin.rfind(':', col - 1);
  if (line != std::string::npos) {
    const int l = std::atoi(origin.c_str() + line + 1);
    const int c = std::atoi(origin.c_str() + col + 1);
    if (l > 0 && c > 0) return {origin.substr(0, line), l, c};
  }
  return {origin, 0, 0};
}
}  // namespace

trace::Needs needs_of(const scenario::Scenario& scenario) {
  trace::Needs needs;
  for (const auto& e : scenario.expectations) {
    const trace::Window w{e.from.value(), e.to.value()};
    needs[e.signal].push_back(w);
    if (e.check == scenario::Check::fault_state) needs[kFaultReadsSignal].push_back(w);
    if (e.check == scenario::Check::info_count) needs[kInfoReadsSignal].push_back(w);
  }
  return needs;
}

Simulation::Simulation(const scenario::Scenario& scenario, model::ClockMode clock_mode, Keep keep)
    : scenario_(scenario), recorder_(std::make_shared<trace::Recorder>()) {
  if (keep == Keep::what_expectations_need) recorder_->keep_only(needs_of(scenario));
  if (keep == Keep::latest_values) recorder_->keep_latest_only();
  model::fresh_simulation_kernel();  // SystemC elaborates once per kernel
  model::VehicleConfig config = scenario.vehicle;
  config.io.mode = clock_mode;
  config.io.clock_period = sc_core::sc_time(1e6 / scenario.clock_hz, sc_core::SC_US);
  vehicle_ = std::make_unique<model::Vehicle>("car", *recorder_, config);
  for (const auto& f : scenario.fobs) {
    auto& fob = vehicle_->fob(f.key);
    fob.battery_volts = f.battery_volts;
    fob.counter = f.counter;
    fob.in_range = f.in_range;
    if (f.id) fob.id = *f.id;
  }
  backend_ = std::make_unique<model::Bc1DiagnosticBackend>(vehicle_->bc1);
  for (const auto& spec : scenario.faults) {
    // A fault may reject parameters only the model can judge (two pins that are not neighbours):
    // report it at the fault's line like any other invalid input.
    try {
      faults_.push_back(faults::find_fault_type(spec.type)->create(spec, *vehicle_));
    } catch (const std::invalid_argument& e) {
      throw scenario::ScenarioError(location_of(spec.origin), "fault " + spec.type + ": " + e.what());
    }
  }
  player_ = std::make_unique<StepPlayer>("steps", *vehicle_, scenario.steps);
}

Simulation::~Simulation() = default;

void Simulation::start() {
  // Probes are declared at the end of elaboration, so the signal list is complete only now.
  advance(sc_core::SC_ZERO_TIME);
  for (const auto& e : scenario_.expectations) validate_expectation(e, *recorder_);
}

void Simulation::advance(const sc_core::sc_time& by) {
  try {
    sc_core::sc_start(by);
  } catch (const sc_core::sc_report&) {
    const auto& failure = vehicle_->circuit.failure();
    if (failure.empty()) throw;
    throw model::CircuitDidNotConverge(failure);
  }
}

std::vector<ExpectationResult> Simulation::judge() const {
  std::vector<ExpectationResult> results;
  for (const auto& e : scenario_.expectations) results.push_back(check_expectation(e, *recorder_));
  return results;
}

}  // namespace bcmhil::runner
