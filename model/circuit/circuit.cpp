#include "circuit.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace bcmhil::model {

namespace {
// How many of the nodes that moved most the non-convergence message names.
constexpr std::size_t kNodesNamed = 3;

std::vector<double> node_voltages(const electrical::Network& net) {
  std::vector<double> v(net.node_count());
  for (std::size_t n = 0; n < v.size(); ++n) v[n] = net.voltage(static_cast<electrical::NodeId>(n));
  return v;
}
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

bool Circuit::apply_corrections() {
  bool changed = false;
  for (auto& correction : corrections_) changed |= correction(network_);
  return changed;
}

void Circuit::fail_to_converge(const std::vector<double>& before) {
  std::vector<std::pair<double, electrical::NodeId>> moved;
  for (std::size_t n = 1; n < before.size(); ++n) {
    const auto node = static_cast<electrical::NodeId>(n);
    const double delta = std::fabs(network_.voltage(node) - before[n]);
    if (delta > 0.0) moved.emplace_back(delta, node);
  }
  const std::size_t named = std::min(moved.size(), kNodesNamed);
  std::partial_sort(moved.begin(), moved.begin() + static_cast<std::ptrdiff_t>(named), moved.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::ostringstream msg;
  msg << "the electrical network did not converge at t = " << sc_core::sc_time_stamp().to_seconds()
      << " s: a nonlinear element (current limit, fuse, stuck switch) still changed it after "
      << kMaxCorrectionPasses << " correction passes; ";
  if (named == 0) msg << "no node voltage moved in the last pass";
  else msg << "the nodes that moved most in the last pass:";
  msg.precision(4);
  for (std::size_t i = 0; i < named; ++i) {
    const auto node = moved[i].second;
    msg << (i ? "," : "") << " " << network_.node_name(node) << " (" << std::fixed << before[node] << " V -> "
        << network_.voltage(node) << " V, residual " << moved[i].first << " V)";
  }
  failure_ = msg.str();
  throw CircuitDidNotConverge(failure_);
}

void Circuit::solve_method() {
  network_.solve();
  // Each pass lets every nonlinear element look at the operating point; one that changed the
  // network gets it solved again. A pass after the last allowed one that still changes it means
  // the elements chase each other (or themselves) instead of settling.
  std::vector<double> before_last_pass;
  for (int pass = 0; apply_corrections(); ++pass) {
    if (pass == kMaxCorrectionPasses) fail_to_converge(before_last_pass);
    before_last_pass = node_voltages(network_);
    network_.solve();
  }
  // Nothing solved since the last recording (a request that changed nothing): recording the same
  // values again would change no history.
  if (network_.solve_count() != recorded_solve_) {
    recorded_solve_ = network_.solve_count();
    record_probes();
  }
  solved_event_.notify(sc_core::SC_ZERO_TIME);
}

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

// Most probes keep their value from one solve to the next (a film that moved touches a few nodes;
// an EMF step one branch): those cost a comparison, not a trip through the recorder.
void Circuit::record_probes() {
  const auto now = sc_core::sc_time_stamp().value();
  const std::size_t nodes = node_probes_.size();
  // NaN: the first recording hands every probe over.
  recorded_.resize(nodes + branch_probes_.size(), std::numeric_limits<double>::quiet_NaN());
  auto record = [&](std::size_t probe, trace::SignalId id, double value) {
    if (same_bits(recorded_[probe], value)) return;
    recorded_[probe] = value;
    recorder_.record(id, now, value);
  };
  for (std::size_t i = 0; i < nodes; ++i)
    record(i, node_probes_[i], network_.voltage(static_cast<electrical::NodeId>(i + 1)));
  for (std::size_t i = 0; i < branch_probes_.size(); ++i)
    record(nodes + i, branch_probes_[i], network_.current(static_cast<electrical::BranchId>(i)));
}

}  // namespace bcmhil::model
