#include "simulation_kernel.h"

#include <systemc>

namespace bcmhil::model {

void fresh_simulation_kernel() {
  sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
  sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
}

}  // namespace bcmhil::model
