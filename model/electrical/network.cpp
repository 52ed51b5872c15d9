#include "network.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace bcmhil::electrical {

namespace {
// 1 nS to ground at every node: a floating node reads ~0 V, as with a 10 MΩ meter it would
// read near zero too, and the matrix stays positive definite.
constexpr double kNodeLeak = 1e-9;

double conductance_of(double ohms) {
  if (std::isnan(ohms) || ohms < 0.0) throw std::invalid_argument("resistance must be >= 0 ohm");
  if (std::isinf(ohms)) return 0.0;
  // A resistance of exactly zero would make the matrix singular; 1 µΩ is a solid weld.
  return 1.0 / std::max(ohms, 1e-6);
}
}  // namespace

Network::Network() : solver_(kNodeLeak) {
  node_names_.push_back("ground");
  node_index_.emplace("ground", kGround);
  voltages_.push_back(0.0);
}

NodeId Network::add_node(const std::string& name) {
  if (node_index_.count(name)) throw std::invalid_argument("duplicate node name: " + name);
  const NodeId id = static_cast<NodeId>(node_names_.size());
  node_names_.push_back(name);
  node_index_.emplace(name, id);
  voltages_.push_back(0.0);
  dirty_ = topology_changed_ = true;
  return id;
}

BranchId Network::add_branch(Branch branch) {
  check_node(branch.a);
  check_node(branch.b);
  if (branch.a == branch.b) throw std::invalid_argument("branch " + branch.name + " shorts a node to itself");
  if (branch_index_.count(branch.name)) throw std::invalid_argument("duplicate branch name: " + branch.name);
  const BranchId id = static_cast<BranchId>(branches_.size());
  branch_index_.emplace(branch.name, id);
  branches_.push_back(std::move(branch));
  terminals_.push_back({});
  conductance_.push_back(0.0);
  injected_.push_back(0.0);
  restamp(id);
  dirty_ = topology_changed_ = true;
  return id;
}

BranchId Network::add_resistor(const std::string& name, NodeId a, NodeId b, double ohms) {
  return add_branch({name, a, b, conductance_of(ohms), 0.0, std::nullopt});
}

BranchId Network::add_source(const std::string& name, NodeId plus, NodeId minus, double volts,
                             double internal_ohms) {
  return add_branch({name, plus, minus, conductance_of(internal_ohms), volts, std::nullopt});
}

void Network::set_resistance(BranchId branch, double ohms) {
  const double g = conductance_of(ohms);
  auto& b = branches_.at(branch);
  if (b.conductance != g) {
    b.conductance = g;
    restamp(branch);
    dirty_ = matrix_moved_ = true;
  }
}

void Network::set_emf(BranchId branch, double volts) {
  auto& b = branches_.at(branch);
  if (b.emf != volts) {
    b.emf = volts;
    restamp(branch);
    dirty_ = true;
  }
}

void Network::set_forced_current(BranchId branch, std::optional<double> amps) {
  auto& b = branches_.at(branch);
  if (b.forced_current != amps) {
    // Forced, the branch is stamped with no conductance: forcing or releasing moves the matrix.
    if (b.forced_current.has_value() != amps.has_value()) matrix_moved_ = true;
    b.forced_current = amps;
    restamp(branch);
    dirty_ = true;
  }
}

double Network::resistance(BranchId branch) const {
  const double g = branches_.at(branch).conductance;
  return g == 0.0 ? kOpen : 1.0 / g;
}

std::optional<double> Network::forced_current(BranchId branch) const {
  return branches_.at(branch).forced_current;
}

void Network::check_node(NodeId node) const {
  if (node < 0 || static_cast<std::size_t>(node) >= node_names_.size())
    throw std::out_of_range("no node with id " + std::to_string(node));
}

// What the matrix and the right-hand side are made of, for one branch (after any change to it).
void Network::restamp(BranchId id) {
  const auto& b = branches_[id];
  terminals_[id] = {b.a - 1, b.b - 1};  // ground is the reference, not an unknown
  // A forced-current branch is a pure current source: its conductance drops out.
  conductance_[id] = b.forced_current ? 0.0 : b.conductance;
  // Current leaving node a through the branch: g*E term as a source, plus J.
  injected_[id] = b.forced_current ? -*b.forced_current : conductance_[id] * b.emf;
}

// Compared byte for byte: the factorisation would see exactly these numbers again.
bool Network::recall_operating_point() {
  const std::size_t bytes = branches_.size() * sizeof(double);
  for (auto it = remembered_.begin(); it != remembered_.end(); ++it) {
    if (std::memcmp(it->injected.data(), injected_.data(), bytes) != 0 ||
        std::memcmp(it->conductance.data(), conductance_.data(), bytes) != 0)
      continue;
    voltages_ = it->voltages;
    std::rotate(remembered_.begin(), it, it + 1);
    return true;
  }
  return false;
}

// The operating point just solved goes first; the oldest's buffers are reused for it.
void Network::remember_operating_point() {
  if (remembered_.size() < kRemembered) remembered_.emplace_back();
  std::rotate(remembered_.begin(), remembered_.end() - 1, remembered_.end());
  auto& r = remembered_.front();
  r.conductance = conductance_;
  r.injected = injected_;
  r.voltages = voltages_;
}

void Network::solve() {
  if (!dirty_) return;
  if (topology_changed_) remembered_.clear();  // a new ordering: old answers were another matrix's
  if (!recall_operating_point()) {
    factorise_and_solve();
    remember_operating_point();
  }
  dirty_ = false;
  ++solve_count_;
}

// Every branch but `skipped` (-1: none) into the nodal matrix and the right-hand side.
void Network::stamp(std::vector<Eigen::Triplet<double>>& stamps, Eigen::VectorXd& rhs, BranchId skipped) const {
  const int n = static_cast<int>(node_names_.size()) - 1;  // ground is the reference
  rhs = Eigen::VectorXd::Zero(n);
  stamps.clear();
  stamps.reserve(branches_.size() * 4 + n);
  for (int i = 0; i < n; ++i) stamps.emplace_back(i, i, kNodeLeak);

  for (std::size_t id = 0; id < branches_.size(); ++id) {
    if (static_cast<BranchId>(id) == skipped) continue;
    const auto& b = branches_[id];
    const int ia = b.a - 1, ib = b.b - 1;  // -1 for ground
    // A forced-current branch is a pure current source: its conductance drops out.
    const double g = b.forced_current ? 0.0 : b.conductance;
    // Stamp every branch, even open ones, so the sparsity pattern only changes with topology.
    if (ia >= 0) stamps.emplace_back(ia, ia, g);
    if (ib >= 0) stamps.emplace_back(ib, ib, g);
    if (ia >= 0 && ib >= 0) {
      stamps.emplace_back(ia, ib, -g);
      stamps.emplace_back(ib, ia, -g);
    }
    // Current leaving node a through the branch: g*E term as a source, plus J.
    const double injected = b.forced_current ? -*b.forced_current : g * b.emf;
    if (ia >= 0) rhs[ia] += injected;
    if (ib >= 0) rhs[ib] -= injected;
  }
}

void Network::factorise_and_solve() {
  const int n = static_cast<int>(node_names_.size()) - 1;  // ground is the reference
  rhs_.setZero(n);
  double* rhs = rhs_.data();
  const NodalSolver::Terminals* terminals = terminals_.data();
  const double* injected = injected_.data();
  for (std::size_t id = 0; id < branches_.size(); ++id) {
    if (terminals[id].a >= 0) rhs[terminals[id].a] += injected[id];
    if (terminals[id].b >= 0) rhs[terminals[id].b] -= injected[id];
  }
  bool factorised;
  if (topology_changed_) {
    factorised = solver_.analyse(n, terminals_, conductance_);
    topology_changed_ = false;
  } else if (matrix_moved_) {
    factorised = solver_.factorise(conductance_);
  } else {
    factorised = true;  // the solver holds this matrix's factors (what factorise() would find)
  }
  if (!factorised) throw std::runtime_error("electrical network: factorisation failed");
  matrix_moved_ = false;
  solver_.solve(rhs_, solution_);
  for (int i = 0; i < n; ++i) voltages_[i + 1] = solution_[i];
}

// matrix_moved_ after a solve means that solve recalled an operating point of a matrix other than
// the one the solver last factorised: factorise the present one (the same factors the next
// factorise_and_solve would make, so the solves after this one are unchanged).
void Network::factorise_present_matrix() {
  if (!matrix_moved_) return;
  if (!solver_.factorise(conductance_)) throw std::runtime_error("electrical network: factorisation failed");
  matrix_moved_ = false;
}

Network::Thevenin Network::thevenin(BranchId branch) {
  const auto& b = branches_.at(branch);
  if (dirty_) throw std::logic_error("electrical network: thevenin() of " + b.name + " before the changes are solved");
  if (b.forced_current) throw std::invalid_argument("electrical network: thevenin() of " + b.name + ", which forces its current");
  factorise_present_matrix();
  const int n = static_cast<int>(node_names_.size()) - 1;
  probe_rhs_.setZero(n);
  if (b.a != kGround) probe_rhs_[b.a - 1] = 1.0;
  if (b.b != kGround) probe_rhs_[b.b - 1] = -1.0;
  solver_.solve(probe_rhs_, probe_solution_);
  auto at = [&](NodeId node) { return node == kGround ? 0.0 : probe_solution_[node - 1]; };
  const double driving_point_ohms = at(b.a) - at(b.b);  // the branch in parallel with the rest
  const double rest_siemens = 1.0 / driving_point_ohms - b.conductance;
  const double across = voltages_[b.a] - voltages_[b.b];
  if (!(rest_siemens > 0.0)) return {across, kOpen};
  const double ohms = 1.0 / rest_siemens;
  // The rest drops ohms * I when the branch draws I: V_ab = volts - ohms * I.
  return {across + ohms * current(branch), ohms};
}

double Network::open_circuit_voltage(BranchId branch) const {
  const auto& b = branches_.at(branch);
  const int n = static_cast<int>(node_names_.size()) - 1;
  Eigen::VectorXd rhs;
  std::vector<Eigen::Triplet<double>> stamps;
  stamp(stamps, rhs, branch);
  Eigen::SparseMatrix<double> matrix(n, n);
  matrix.setFromTriplets(stamps.begin(), stamps.end());
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> factor(matrix);
  if (factor.info() != Eigen::Success) throw std::runtime_error("electrical network: factorisation failed");
  const Eigen::VectorXd v = factor.solve(rhs);
  auto at = [&](NodeId node) { return node == kGround ? 0.0 : v[node - 1]; };
  return at(b.a) - at(b.b);
}

void Network::reconnect(BranchId branch, NodeId a, NodeId b) {
  check_node(a);
  check_node(b);
  auto& br = branches_.at(branch);
  if (a == b) throw std::invalid_argument("branch " + br.name + " would short a node to itself");
  if (br.a == a && br.b == b) return;
  br.a = a;
  br.b = b;
  restamp(branch);
  dirty_ = topology_changed_ = true;
}

BranchId Network::borrow_branch(NodeId a, NodeId b) {
  for (auto& s : spares_) {
    if (s.lent) continue;
    reconnect(s.branch, a, b);
    s.lent = true;
    return s.branch;
  }
  const BranchId id = add_resistor("spare." + std::to_string(spares_.size()), a, b, kOpen);
  spares_.push_back({id, true});
  return id;
}

bool Network::is_spare(BranchId branch) const {
  for (const auto& s : spares_)
    if (s.branch == branch) return true;
  return false;
}

void Network::give_back(BranchId branch) {
  for (auto& s : spares_) {
    if (s.branch != branch || !s.lent) continue;
    set_forced_current(branch, std::nullopt);
    set_emf(branch, 0.0);
    set_resistance(branch, kOpen);
    s.lent = false;
    return;
  }
  throw std::invalid_argument("branch " + branch_name(branch) + " was not lent");
}

double Network::power(BranchId branch) const {
  const auto& b = branches_.at(branch);
  const double across = voltages_[b.a] - voltages_[b.b];
  if (b.forced_current) return *b.forced_current * across;
  const double i = current(branch);
  return b.conductance == 0.0 ? 0.0 : i * i / b.conductance;
}

NodeId Network::node(std::string_view name) const {
  if (auto id = find_node(name)) return *id;
  throw std::out_of_range("no node named '" + std::string(name) + "'");
}

BranchId Network::branch(std::string_view name) const {
  if (auto id = find_branch(name)) return *id;
  throw std::out_of_range("no branch named '" + std::string(name) + "'");
}

std::optional<NodeId> Network::find_node(std::string_view name) const {
  auto it = node_index_.find(std::string(name));
  if (it == node_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<BranchId> Network::find_branch(std::string_view name) const {
  auto it = branch_index_.find(std::string(name));
  if (it == branch_index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace bcmhil::electrical
