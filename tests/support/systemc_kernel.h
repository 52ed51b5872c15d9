#pragma once
// SystemC allows one elaboration per simulation context. Tests that build a model each call this
// first so every test starts from a fresh kernel at time zero (the runner does the same).
#include "model/circuit/simulation_kernel.h"

namespace bcmhil::testing {
inline void fresh_systemc_kernel() { model::fresh_simulation_kernel(); }
}  // namespace bcmhil::testing
