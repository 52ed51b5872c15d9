#pragma once
// The electrical network inside the SystemC kernel.
//
// Components change switches and resistances, then call request_solve(). However many
// changes happen in one delta cycle, the network is solved once, in the next delta; then every
// node voltage "V(node)" and branch current "I(branch)" is recorded and solved() fires so
// comparators, monitors and mechanics can read the new operating point. Nothing here runs per
// clock cycle: between changes the operating point simply holds.
#include "model/electrical/network.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::model {

// The nonlinear elements kept changing the network after every correction pass allowed: the
// operating point is not a solution, so the run cannot go on. The message names the nodes whose
// voltages still moved most in the last pass, and by how much. Thrown inside the kernel, SystemC
// hands it to sc_start's caller as an sc_report; Circuit::failure() keeps the plain message.
class CircuitDidNotConverge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Circuit : public sc_core::sc_module {
 public:
  Circuit(sc_core::sc_module_name name, trace::Recorder& recorder);

  electrical::Network& network() { return network_; }
  const electrical::Network& network() const { return network_; }

  void request_solve();
  // Where probes are recorded; model parts with state worth plotting record there too.
  trace::Recorder& recorder() { return recorder_; }
  const sc_core::sc_event& solved() const { return solved_event_; }
  // Why the network could not be solved (CircuitDidNotConverge's message); empty while it could.
  const std::string& failure() const { return failure_; }

  // A nonlinear element (a driver that limits its current, a fuse that blows) looks at the fresh
  // operating point and returns true if it changed the network; the circuit then solves again,
  // up to kMaxCorrectionPasses times; a correction that still changes it after that throws
  // CircuitDidNotConverge.
  using Correction = std::function<bool(electrical::Network&)>;
  void add_correction(Correction correction) { corrections_.push_back(std::move(correction)); }

  static constexpr int kMaxCorrectionPasses = 8;  // a current limit needs one, a limit that releases another

  static std::string voltage_probe(const std::string& node) { return "V(" + node + ")"; }
  static std::string current_probe(const std::string& branch) { return "I(" + branch + ")"; }

 private:
  void end_of_elaboration() override;
  void solve_method();
  bool apply_corrections();
  void record_probes();
  [[noreturn]] void fail_to_converge(const std::vector<double>& before_last_pass);

  trace::Recorder& recorder_;
  electrical::Network network_;
  std::vector<Correction> corrections_;
  std::vector<trace::SignalId> node_probes_;
  std::vector<trace::SignalId> branch_probes_;
  // The network's solve_count() when the probes were last recorded: a request that changed
  // nothing leaves every probe at the value it already recorded.
  std::uint64_t recorded_solve_ = ~std::uint64_t{0};
  // Per probe (nodes, then branches), the value last handed to the recorder. A probe whose new
  // value has the same bits is not handed over again: the recorder would change nothing (the
  // history already holds that value, or one within its resolution, from that call or earlier).
  std::vector<double> recorded_;
  sc_core::sc_event solve_request_;
  sc_core::sc_event solved_event_;
  std::string failure_;
};

}  // namespace bcmhil::model
