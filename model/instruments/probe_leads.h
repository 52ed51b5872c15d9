#pragma once
// An instrument's two leads on the running network: a branch between two points, borrowed from
// the network's spares when the instrument is put on and given back when it is taken off, so
// instruments used over and over never grow the network, and an unused one costs nothing.
//
// Putting leads on or off asks the circuit to solve again (in the next delta cycle); read an
// instrument once the circuit has solved (wait for Circuit::solved(), or let simulated time
// pass). Take every instrument off before its circuit is destroyed.
#include "model/circuit/circuit.h"

namespace bcmhil::instruments {

class ProbeLeads {
 public:
  // Throws std::invalid_argument when both tips are on the same point.
  ProbeLeads(model::Circuit& circuit, electrical::NodeId a, electrical::NodeId b);
  ~ProbeLeads();
  ProbeLeads(const ProbeLeads&) = delete;
  ProbeLeads& operator=(const ProbeLeads&) = delete;

  electrical::BranchId branch() const { return branch_; }
  electrical::NodeId a() const { return a_; }
  electrical::NodeId b() const { return b_; }
  model::Circuit& circuit() const { return circuit_; }
  const electrical::Network& network() const { return circuit_.network(); }
  double volts_across() const { return network().voltage_between(a_, b_); }

 private:
  model::Circuit& circuit_;
  electrical::NodeId a_;
  electrical::NodeId b_;
  electrical::BranchId branch_;
};

// Asks the circuit to solve, unless the simulation has ended (nothing would run it).
void request_solve(model::Circuit& circuit);

}  // namespace bcmhil::instruments
