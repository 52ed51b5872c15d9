#include "circuit.h"

namespace bcmhil::model {

namespace {
// Limit passes per solve: a current limit needs one, a limit that releases another.
constexpr int kMaxCorrectionPasses = 8;
}  // namespace

Circuit::Circuit(sc_core::sc_module_name name, trace::Recorder& recorder)
    : sc_module(name), recorder_(recorder) {
  SC_HAS_PROCESS(Circuit);
  // Runs once at time zero (no dont_initialize) to establish the first operating point.
  SC_METHOD(solve_method);
  sensitive << solve_request_;
}

void Circuit::request_solve() { solve_request_.notify(sc_core::SC_ZERO_TIME); }

void Circuit::end_of_elaboration() {
  // Probes are declared once every component has added its nodes and branches.
  for (std::size_t n = 1; n < network_.node_count(); ++n) {
    const auto& name = network_.node_name(static_cast<electrical::NodeId>(n));
    node_probes_.push_back(recorder_.declare(voltage_probe(name), trace::Kind::real, "V",
                                             "voltage of node " + name + " to ground", 0.0));
  }
  for (std::size_t b = 0; b < network_.branch_count(); ++b) {
    const auto& name = network_.branch_name(static_cast<electrical::BranchId>(b));
    branch_probes_.push_back(recorder_.declare(current_probe(name), trace::Kind::real, "A",
                                               "current through " + name, 0.0));
  }
}

void Circuit::solve_method() {
  network_.solve();
  for (int pass = 0; pass < kMaxCorrectionPasses; ++pass) {
    bool changed = false;
    for (auto& correction : corrections_) changed |= correction(network_);
    if (!changed) break;
    network_.solve();
  }
  const auto now = sc_core::sc_time_stamp().value();
  for (std::size_t i = 0; i < node_probes_.size(); ++i)
    recorder_.record(node_probes_[i], now, network_.voltage(static_cast<electrical::NodeId>(i + 1)));
  for (std::size_t i = 0; i < branch_probes_.size(); ++i)
    recorder_.record(branch_probes_[i], now, network_.current(static_cast<electrical::BranchId>(i)));
  solved_event_.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace bcmhil::model
