#include "probe_leads.h"

#include <stdexcept>

namespace bcmhil::instruments {

void request_solve(model::Circuit& circuit) {
  const auto status = sc_core::sc_get_status();
  if (status == sc_core::SC_STOPPED || status == sc_core::SC_END_OF_SIMULATION) return;
  circuit.request_solve();
}

namespace {
electrical::BranchId borrow(model::Circuit& circuit, electrical::NodeId a, electrical::NodeId b) {
  auto& net = circuit.network();
  if (a == b)
    throw std::invalid_argument("both probe tips are on the same point (" + net.node_name(a) +
                                "): an instrument needs two different points");
  return net.borrow_branch(a, b);
}
}  // namespace

ProbeLeads::ProbeLeads(model::Circuit& circuit, electrical::NodeId a, electrical::NodeId b)
    : circuit_(circuit), a_(a), b_(b), branch_(borrow(circuit, a, b)) {}

ProbeLeads::~ProbeLeads() {
  circuit_.network().give_back(branch_);
  request_solve(circuit_);
}

}  // namespace bcmhil::instruments
