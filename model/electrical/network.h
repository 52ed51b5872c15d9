#pragma once
// The harness, the module's pins and the loads as one linear resistive network.
//
// Every branch is two-terminal: a conductance G in series with an EMF E, in parallel with an
// injected current J, so that the current from terminal a to terminal b is
//     I_ab = G * (V_a - V_b - E) + J.
// That one shape covers wires, switches, lamps, motors, fuses, water films, the battery
// (E with its internal resistance) and a current-limited driver (J while limiting).
// Nodal analysis gives a symmetric positive-definite system (every node also has a tiny
// conductance to ground, as a multimeter's input would, so a floating node reads 0 V);
// Eigen's sparse LDLT solves it (NodalSolver: the ordering and pattern are worked out once per
// topology, and a matrix equal to the last one is not factorised again). Solve only when
// something changed: the model does not re-solve per clock cycle.
#include "nodal_solver.h"

#include <Eigen/SparseCore>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bcmhil::electrical {

using NodeId = int;
using BranchId = int;

constexpr NodeId kGround = 0;
constexpr double kOpen = std::numeric_limits<double>::infinity();

class Network {
 public:
  Network();

  NodeId add_node(const std::string& name);
  BranchId add_resistor(const std::string& name, NodeId a, NodeId b, double ohms);
  // A voltage source with internal resistance: E raises `plus` above `minus`.
  BranchId add_source(const std::string& name, NodeId plus, NodeId minus, double volts,
                      double internal_ohms);

  // Resistance kOpen (or any infinity) opens the branch.
  void set_resistance(BranchId branch, double ohms);
  void set_emf(BranchId branch, double volts);
  // While set, the branch carries exactly `amps` from a to b regardless of its terminals
  // (a driver in current limit); std::nullopt restores the resistive behaviour.
  void set_forced_current(BranchId branch, std::optional<double> amps);

  // Moves a branch onto other terminals (a workshop splitting a pin into its two connector halves,
  // an instrument's leads going elsewhere). Changes the topology: the next solve re-orders.
  void reconnect(BranchId branch, NodeId a, NodeId b);

  // Branches lent to instruments: an open branch between a and b, reused from the ones given back
  // (so a network never grows by repeated use); "spare.N" is added only when none is free.
  // give_back() opens it again (no EMF, no forced current); it stays in the network, stamped as
  // zero conductance, and costs nothing in the solution.
  BranchId borrow_branch(NodeId a, NodeId b);
  void give_back(BranchId branch);
  std::size_t spare_count() const { return spares_.size(); }
  bool is_spare(BranchId branch) const;

  // The voltage across a branch's terminals (a minus b) if that branch were open, from a scratch
  // solve of the present network without it; the network itself is left as it is. For a meter
  // that checks for voltage on a part before trusting its ohms reading.
  double open_circuit_voltage(BranchId branch) const;

  // The rest of the network as a branch's terminals see it, the branch itself taken out: the
  // open-circuit voltage (a minus b) and the resistance between a and b. For a part whose branch
  // alone moves between solves (a motor's back-EMF), which can then integrate its own current
  // exactly: I = (volts - E) / (ohms + R_branch). From the present solution and factors, with
  // one extra substitution: a unit current injected at a and taken out at b gives the driving-
  // point resistance with the branch in place, from which its own conductance is removed.
  // Nonlinear elements count with their present stamps (a current limit as its forced current).
  // The network must be solved (throws std::logic_error if it is dirty), the branch not forced
  // (std::invalid_argument). A branch nothing else joins sees the node leaks' ~2 GOhm.
  struct Thevenin {
    double volts;
    double ohms;
  };
  Thevenin thevenin(BranchId branch);

  double resistance(BranchId branch) const;
  std::optional<double> forced_current(BranchId branch) const;

  // Re-solves when anything changed since the last solve; cheap otherwise. A network that
  // returns to one of its last few states (an input that keeps toggling, a current limit that
  // engages and releases) gets that state's operating point back without factorising again:
  // the same matrix and right-hand side, bit for bit, would give the same answer.
  void solve();
  bool dirty() const { return dirty_; }
  std::uint64_t solve_count() const { return solve_count_; }      // operating points answered
  std::uint64_t factorisations() const { return solver_.factorisations(); }  // matrices actually factorised

  // Inline: the circuit reads every node and branch after each solve.
  double voltage(NodeId node) const {
    if (node < 0 || static_cast<std::size_t>(node) >= voltages_.size()) check_node(node);  // throws
    return voltages_[node];
  }
  double voltage_between(NodeId a, NodeId b) const { return voltage(a) - voltage(b); }
  double current(BranchId branch) const {  // from a to b, amps
    const auto& b = branches_.at(branch);
    if (b.forced_current) return *b.forced_current;
    return b.conductance * (voltages_[b.a] - voltages_[b.b] - b.emf);
  }
  double power(BranchId branch) const;    // dissipated in the branch's resistance, watts

  NodeId node(std::string_view name) const;      // throws std::out_of_range naming it
  BranchId branch(std::string_view name) const;  // throws std::out_of_range naming it
  std::optional<NodeId> find_node(std::string_view name) const;
  std::optional<BranchId> find_branch(std::string_view name) const;
  const std::string& node_name(NodeId node) const { return node_names_.at(node); }
  const std::string& branch_name(BranchId branch) const { return branches_.at(branch).name; }
  std::size_t node_count() const { return node_names_.size(); }
  std::size_t branch_count() const { return branches_.size(); }
  NodeId branch_a(BranchId b) const { return branches_.at(b).a; }
  NodeId branch_b(BranchId b) const { return branches_.at(b).b; }

 private:
  struct Branch {
    std::string name;
    NodeId a;
    NodeId b;
    double conductance;
    double emf = 0.0;
    std::optional<double> forced_current;
  };
  BranchId add_branch(Branch branch);
  void check_node(NodeId node) const;
  void restamp(BranchId branch);
  bool recall_operating_point();
  void remember_operating_point();
  void factorise_and_solve();
  void factorise_present_matrix();  // after a recalled operating point, the solver holds another's
  void stamp(std::vector<Eigen::Triplet<double>>& stamps, Eigen::VectorXd& rhs, BranchId skipped) const;

  // An operating point with the inputs (per branch: stamped conductance, injected current)
  // it answers.
  struct Remembered {
    std::vector<double> conductance;
    std::vector<double> injected;
    std::vector<double> voltages;
  };
  static constexpr std::size_t kRemembered = 4;

  std::vector<std::string> node_names_;
  std::unordered_map<std::string, NodeId> node_index_;
  std::vector<Branch> branches_;
  std::unordered_map<std::string, BranchId> branch_index_;
  std::vector<double> voltages_;
  bool dirty_ = true;
  bool topology_changed_ = true;
  // A stamped conductance may differ from the matrix the solver last factorised (a change of
  // EMF or forced current alone moves only the right-hand side).
  bool matrix_moved_ = true;
  std::uint64_t solve_count_ = 0;
  std::vector<Remembered> remembered_;     // most recently used first
  struct Spare {
    BranchId branch;
    bool lent;
  };
  std::vector<Spare> spares_;
  NodalSolver solver_;
  // Per branch, kept up to date by every change (restamp()): what the matrix and the right-hand
  // side are made of.
  std::vector<NodalSolver::Terminals> terminals_;  // its nodes as unknowns (-1: ground)
  std::vector<double> conductance_;  // as stamped (0 while its current is forced)
  std::vector<double> injected_;     // current leaving terminal a: G*E, or -J while forced
  Eigen::VectorXd rhs_;
  Eigen::VectorXd solution_;
  Eigen::VectorXd probe_rhs_, probe_solution_;  // thevenin()'s unit injection and its answer
};

}  // namespace bcmhil::electrical
