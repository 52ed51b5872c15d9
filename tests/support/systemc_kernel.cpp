#include "systemc_kernel.h"

#include <systemc>

namespace bcmhil::testing {

void fresh_systemc_kernel() {
  // The old context is deliberately leaked: SystemC 2.3 cannot destroy a context whose
  // processes have run. A test binary makes only a handful, so the cost is a few kilobytes.
  sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
  sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
}

}  // namespace bcmhil::testing
