#include "nodal_solver.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace bcmhil::electrical {

Eigen::SparseMatrix<double> NodalSolver::assemble(int unknowns, const std::vector<Terminals>& branches,
                                                  const std::vector<double>& conductance, double node_leak) {
  std::vector<Eigen::Triplet<double>> stamps;
  stamps.reserve(branches.size() * 4 + static_cast<std::size_t>(unknowns));
  for (int i = 0; i < unknowns; ++i) stamps.emplace_back(i, i, node_leak);
  for (std::size_t id = 0; id < branches.size(); ++id) {
    const int ia = branches[id].a, ib = branches[id].b;
    const double g = conductance[id];
    if (ia >= 0) stamps.emplace_back(ia, ia, g);
    if (ib >= 0) stamps.emplace_back(ib, ib, g);
    if (ia >= 0 && ib >= 0) {
      stamps.emplace_back(ia, ib, -g);
      stamps.emplace_back(ib, ia, -g);
    }
  }
  Eigen::SparseMatrix<double> matrix(unknowns, unknowns);
  matrix.setFromTriplets(stamps.begin(), stamps.end());
  return matrix;
}

int NodalSolver::slot_of(int row, int col) const {
  const int* begin = matrix_.innerIndexPtr() + matrix_.outerIndexPtr()[col];
  const int* end = matrix_.innerIndexPtr() + matrix_.outerIndexPtr()[col + 1];
  const int* at = std::lower_bound(begin, end, row);  // setFromTriplets leaves each column sorted
  if (at == end || *at != row) throw std::logic_error("nodal solver: a stamped entry is not in the pattern");
  return static_cast<int>(at - matrix_.innerIndexPtr());
}

bool NodalSolver::analyse(int unknowns, const std::vector<Terminals>& branches,
                          const std::vector<double>& conductance) {
  matrix_ = assemble(unknowns, branches, conductance, node_leak_);

  // The ordering SimplicialLDLT would choose for this matrix.
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ordering;
  ordering.analyzePattern(matrix_);
  perm_ = ordering.permutationP();
  perm_inv_ = ordering.permutationPinv();

  // The terms of each lower-triangle entry, in the order setFromTriplets sums them.
  std::vector<std::vector<int>> terms(static_cast<std::size_t>(matrix_.nonZeros()));
  for (int i = 0; i < unknowns; ++i) terms[slot_of(i, i)].push_back(kLeak);
  for (std::size_t id = 0; id < branches.size(); ++id) {
    const int ia = branches[id].a, ib = branches[id].b;
    const int branch = static_cast<int>(id);
    if (ia >= 0) terms[slot_of(ia, ia)].push_back(branch);
    if (ib >= 0) terms[slot_of(ib, ib)].push_back(branch);
    if (ia >= 0 && ib >= 0) terms[slot_of(std::max(ia, ib), std::min(ia, ib))].push_back(branch);
  }

  // Permute a copy whose values are the entries' own indices: the result says where each entry
  // of the permuted upper triangle comes from (the permutation only copies values).
  Eigen::SparseMatrix<double> index = matrix_;
  for (Eigen::Index k = 0; k < index.nonZeros(); ++k) index.valuePtr()[k] = static_cast<double>(k);
  permuted_.resize(unknowns, unknowns);
  permuted_.selfadjointView<Eigen::Upper>() = index.selfadjointView<Eigen::Lower>().twistedBy(perm_);

  std::vector<char> on_diagonal(terms.size());
  for (int col = 0; col < unknowns; ++col) on_diagonal[static_cast<std::size_t>(slot_of(col, col))] = 1;
  first_.assign(1, 0);
  contributions_.clear();
  diagonal_.clear();
  for (Eigen::Index k = 0; k < permuted_.nonZeros(); ++k) {
    const auto source = static_cast<std::size_t>(permuted_.valuePtr()[k]);
    contributions_.insert(contributions_.end(), terms[source].begin(), terms[source].end());
    first_.push_back(static_cast<int>(contributions_.size()));
    diagonal_.push_back(on_diagonal[source]);
  }

  factor_.analyzePattern(permuted_);
  factorised_values_.clear();
  return factorise(conductance);
}

void NodalSolver::fill_values(const std::vector<double>& conductance) {
  double* value = permuted_.valuePtr();
  const int* term = contributions_.data();
  const std::size_t entries = diagonal_.size();
  for (std::size_t k = 0; k < entries; ++k) {
    const int* t = term + first_[k];
    const int* end = term + first_[k + 1];
    double sum;
    if (diagonal_[k]) {
      sum = *t == kLeak ? node_leak_ : conductance[*t];
      while (++t != end) sum += conductance[*t];
    } else {
      sum = -conductance[*t];
      while (++t != end) sum += -conductance[*t];
    }
    value[k] = sum;
  }
}

bool NodalSolver::factorise(const std::vector<double>& conductance) {
  fill_values(conductance);
  const std::size_t bytes = diagonal_.size() * sizeof(double);
  if (!factorised_values_.empty() && std::memcmp(factorised_values_.data(), permuted_.valuePtr(), bytes) == 0)
    return true;  // the same matrix, bit for bit: the same factors
  factor_.factorize(permuted_);
  ++factorisations_;
  if (factor_.info() != Eigen::Success) {
    factorised_values_.clear();
    return false;
  }
  factorised_values_.assign(permuted_.valuePtr(), permuted_.valuePtr() + diagonal_.size());
  return true;
}

void NodalSolver::solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) const {
  if (perm_.size() == 0) {
    x = factor_.solve(rhs);
    return;
  }
  const Eigen::VectorXd permuted_rhs = perm_ * rhs;
  const Eigen::VectorXd permuted_x = factor_.solve(permuted_rhs);
  x = perm_inv_ * permuted_x;
}

}  // namespace bcmhil::electrical
