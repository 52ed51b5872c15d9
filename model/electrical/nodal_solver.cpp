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

  analyse_factor_pattern();
  factorised_values_.clear();
  return factorise(conductance);
}

// Eigen's analyzePattern_preordered (the elimination tree and the column counts of L), then the
// pattern of each row of L in the order factorize_preordered would walk it.
void NodalSolver::analyse_factor_pattern() {
  const int n = static_cast<int>(permuted_.rows());
  const int* a_start = permuted_.outerIndexPtr();
  const int* a_row = permuted_.innerIndexPtr();
  std::vector<int> parent(static_cast<std::size_t>(n), -1), tags(static_cast<std::size_t>(n)),
      count(static_cast<std::size_t>(n), 0);
  for (int k = 0; k < n; ++k) {
    tags[k] = k;
    for (int q = a_start[k]; q < a_start[k + 1]; ++q) {
      int i = a_row[q];
      if (i >= k) continue;
      for (; tags[i] != k; i = parent[i]) {
        if (parent[i] == -1) parent[i] = k;
        ++count[i];
        tags[i] = k;
      }
    }
  }
  l_start_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (int k = 0; k < n; ++k) l_start_[k + 1] = l_start_[k] + count[k];
  l_index_.assign(static_cast<std::size_t>(l_start_[n]), 0);
  l_value_.assign(l_index_.size(), 0.0);
  diag_.assign(static_cast<std::size_t>(n), 0.0);
  scratch_.assign(static_cast<std::size_t>(n), 0.0);

  std::vector<int> pattern(static_cast<std::size_t>(n));
  std::fill(count.begin(), count.end(), 0);
  row_start_.assign(1, 0);
  row_column_.clear();
  row_slot_.clear();
  for (int k = 0; k < n; ++k) {
    int top = n;
    tags[k] = k;
    for (int q = a_start[k]; q < a_start[k + 1]; ++q) {
      int i = a_row[q];
      if (i > k) continue;
      int len = 0;
      for (; tags[i] != k; i = parent[i]) {
        pattern[len++] = i;
        tags[i] = k;
      }
      while (len > 0) pattern[--top] = pattern[--len];
    }
    for (; top < n; ++top) {
      const int i = pattern[top];
      const int slot = l_start_[i] + count[i]++;
      l_index_[slot] = k;
      row_column_.push_back(i);
      row_slot_.push_back(slot);
    }
    row_start_.push_back(static_cast<int>(row_column_.size()));
  }
}

// factorize_preordered's arithmetic for rows first_row.. (rows before keep their factors).
bool NodalSolver::factorise_from(int first_row) {
  const int n = static_cast<int>(diag_.size());
  const int* a_start = permuted_.outerIndexPtr();
  const int* a_row = permuted_.innerIndexPtr();
  const double* a_value = permuted_.valuePtr();
  double* y = scratch_.data();
  double* lx = l_value_.data();
  const int* li = l_index_.data();
  for (int k = first_row; k < n; ++k) {
    y[k] = 0.0;
    for (int q = a_start[k]; q < a_start[k + 1]; ++q)
      if (a_row[q] <= k) y[a_row[q]] += a_value[q];  // scatter A(i,k), i <= k
    double d = y[k] * 1.0 + 0.0;  // Eigen's shift (scale 1, offset 0), kept for the same bits
    y[k] = 0.0;
    for (int e = row_start_[k]; e < row_start_[k + 1]; ++e) {
      const int i = row_column_[e];
      const int slot = row_slot_[e];
      const double yi = y[i];
      y[i] = 0.0;
      const double l_ki = yi / diag_[i];
      for (int p = l_start_[i]; p < slot; ++p) y[li[p]] -= lx[p] * yi;
      d -= l_ki * yi;
      lx[slot] = l_ki;
    }
    diag_[k] = d;
    if (d == 0.0) {
      // Leave the scratch row zero for the next factorisation.
      for (int e = row_start_[k]; e < row_start_[k + 1]; ++e) y[row_column_[e]] = 0.0;
      rows_factorised_ += static_cast<std::uint64_t>(k + 1 - first_row);
      return false;
    }
  }
  rows_factorised_ += static_cast<std::uint64_t>(n - first_row);
  return true;
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

// The first entry of permuted_ whose value differs, bit for bit, from the last factorised matrix's
// (entries() if none does).
static std::size_t first_moved(const double* now, const double* before, std::size_t entries) {
  std::size_t k = 0;
  while (k < entries && std::memcmp(now + k, before + k, sizeof(double)) == 0) ++k;
  return k;
}

bool NodalSolver::factorise(const std::vector<double>& conductance) {
  fill_values(conductance);
  const std::size_t entries = diagonal_.size();
  int first_row = 0;
  if (!factorised_values_.empty()) {
    const std::size_t moved = first_moved(permuted_.valuePtr(), factorised_values_.data(), entries);
    if (moved == entries) return true;  // the same matrix, bit for bit: the same factors
    // permuted_ is the upper triangle by columns: the column of entry `moved` is the first row
    // of the factors that sees a new value.
    const int* start = permuted_.outerIndexPtr();
    first_row = static_cast<int>(std::upper_bound(start, start + permuted_.cols() + 1, static_cast<int>(moved)) - start) - 1;
  }
  ++factorisations_;
  if (!factorise_from(first_row)) {
    factorised_values_.clear();
    return false;
  }
  factorised_values_.assign(permuted_.valuePtr(), permuted_.valuePtr() + entries);
  return true;
}

// Eigen's _solve_impl: P b, L solve (column by column, skipping zeros as Eigen does), D^-1 as
// (1/d) * x, L^T solve (row by row), P^-1 x.
void NodalSolver::solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) const {
  const int n = static_cast<int>(diag_.size());
  if (perm_.size() == 0)
    work_ = rhs;
  else
    work_ = perm_ * rhs;
  double* v = work_.data();
  const int* li = l_index_.data();
  const double* lx = l_value_.data();
  for (int i = 0; i < n; ++i) {
    const double tmp = v[i];
    if (tmp == 0.0) continue;
    for (int p = l_start_[i]; p < l_start_[i + 1]; ++p) v[li[p]] -= tmp * lx[p];
  }
  for (int i = 0; i < n; ++i) v[i] = (1.0 / diag_[i]) * v[i];
  for (int i = n - 1; i >= 0; --i) {
    double tmp = v[i];
    for (int p = l_start_[i]; p < l_start_[i + 1]; ++p) tmp -= lx[p] * v[li[p]];
    v[i] = tmp;
  }
  if (perm_.size() == 0)
    x = work_;
  else
    x = perm_inv_ * work_;
}

}  // namespace bcmhil::electrical
