#include "fault.h"

namespace bcmhil::faults {

Fault::Fault(sc_core::sc_module_name name, const FaultSpec& spec, sc_core::sc_time step)
    : sc_module(name), onset_(spec.onset), step_(step) {}

void Fault::before_end_of_elaboration() {
  SC_HAS_PROCESS(Fault);
  SC_THREAD(run);
}

void Fault::run() {
  wait(onset_);
  begin();
  sc_core::sc_time since = sc_core::SC_ZERO_TIME;
  while (progress(since)) {
    wait(step_);
    since += step_;
  }
}

}  // namespace bcmhil::faults
