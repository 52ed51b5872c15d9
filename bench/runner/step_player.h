#pragma once
// Plays a scenario's steps on the vehicle at their times, from inside the simulation.
#include "bench/scenario/scenario.h"
#include "model/car/vehicle.h"

#include <systemc>

#include <vector>

namespace bcmhil::runner {

// What a person does in one step, done now on the vehicle (from a simulation process). A
// diagnose step does nothing here: a tester outside the kernel runs it (diagnostic_session).
void apply_step(model::Vehicle& vehicle, const scenario::Step& step);

class StepPlayer : public sc_core::sc_module {
 public:
  StepPlayer(sc_core::sc_module_name name, model::Vehicle& vehicle, const std::vector<scenario::Step>& steps);

 private:
  void play();
  model::Vehicle& vehicle_;
  const std::vector<scenario::Step>& steps_;
};

}  // namespace bcmhil::runner
