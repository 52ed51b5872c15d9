#pragma once
// Plays a scenario's steps on the vehicle at their times, from inside the simulation.
#include "bench/scenario/scenario.h"
#include "model/car/vehicle.h"

#include <systemc>

#include <vector>

namespace bcmhil::runner {

class StepPlayer : public sc_core::sc_module {
 public:
  StepPlayer(sc_core::sc_module_name name, model::Vehicle& vehicle, const std::vector<scenario::Step>& steps);

 private:
  void play();
  void apply(const scenario::Step& step);
  model::Vehicle& vehicle_;
  const std::vector<scenario::Step>& steps_;
};

}  // namespace bcmhil::runner
