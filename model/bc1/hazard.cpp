#include "hazard.h"

namespace bcmhil::model {

Hazard::Hazard(sc_core::sc_module_name name) : sc_module(name) {
  SC_HAS_PROCESS(Hazard);
  SC_METHOD(on_press);
  sensitive << hazard_sw.pos() << powered.neg();
  dont_initialize();
}

void Hazard::on_press() {
  // One method for both causes, so the output has a single writer.
  if (!powered.read())
    state_ = false;
  else if (hazard_sw.posedge())
    state_ = !state_;
  on.write(state_);
}

}  // namespace bcmhil::model
