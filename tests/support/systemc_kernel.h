#pragma once
// SystemC allows one elaboration per simulation context. Tests that build a model each call this
// first so every test starts from a fresh kernel at time zero.
namespace bcmhil::testing {
void fresh_systemc_kernel();
}
