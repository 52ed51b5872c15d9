#pragma once
// SystemC allows one elaboration per simulation context: whoever builds a model more than once in
// a process (the runner for every scenario, the step-vs-skip proof, each unit test) starts a fresh
// context first, at time zero.
namespace bcmhil::model {

// The old context is left behind on purpose: SystemC 2.3 cannot destroy a context whose processes
// have run. A process makes a handful of them, a few kilobytes each.
void fresh_simulation_kernel();

}  // namespace bcmhil::model
