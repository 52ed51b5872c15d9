#include "lamp.h"

#include "model/circuit/watch.h"

#include <cmath>

namespace bcmhil::model {

Lamp::Lamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
           double watts, double rated_volts)
    : sc_module(name),
      circuit_(circuit),
      hot_ohm_(rated_volts * rated_volts / watts),
      // A filament glows visibly from roughly a third of its rated current (estimate).
      lit_current_a_(watts / rated_volts / 3.0),
      branch_(circuit.network().add_resistor(std::string(basename()) + ".filament", feed, electrical::kGround,
                                             hot_ohm_)) {
  SC_HAS_PROCESS(Lamp);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  watch_signal(lit_, recorder, std::string(basename()) + ".lit", trace::Kind::bit, "", "the lamp is visibly lit");
}

void Lamp::on_solved() { lit_.write(std::fabs(circuit_.network().current(branch_)) >= lit_current_a_); }

void Lamp::set_burnt_out(bool burnt) {
  circuit_.network().set_resistance(branch_, burnt ? electrical::kOpen : hot_ohm_);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
