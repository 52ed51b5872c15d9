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

#include <functional>
#include <string>
#include <vector>

namespace bcmhil::model {

class Circuit : public sc_core::sc_module {
 public:
  Circuit(sc_core::sc_module_name name, trace::Recorder& recorder);

  electrical::Network& network() { return network_; }
  const electrical::Network& network() const { return network_; }

  void request_solve();
  // Where probes are recorded; model parts with state worth plotting record there too.
  trace::Recorder& recorder() { return recorder_; }
  const sc_core::sc_event& solved() const { return solved_event_; }

  // A nonlinear element (a driver that limits its current, a fuse that blows) looks at the fresh
  // operating point and returns true if it changed the network; the circuit then solves again.
  using Correction = std::function<bool(electrical::Network&)>;
  void add_correction(Correction correction) { corrections_.push_back(std::move(correction)); }

  static std::string voltage_probe(const std::string& node) { return "V(" + node + ")"; }
  static std::string current_probe(const std::string& branch) { return "I(" + branch + ")"; }

 private:
  void end_of_elaboration() override;
  void solve_method();

  trace::Recorder& recorder_;
  electrical::Network network_;
  std::vector<Correction> corrections_;
  std::vector<trace::SignalId> node_probes_;
  std::vector<trace::SignalId> branch_probes_;
  sc_core::sc_event solve_request_;
  sc_core::sc_event solved_event_;
};

}  // namespace bcmhil::model
