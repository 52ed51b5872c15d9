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

  // Which entries each branch is summed into, and each entry's column.
  std::vector<std::vector<int>> entries_of(branches.size());
  entry_column_.assign(diagonal_.size(), 0);
  for (int col = 0; col < unknowns; ++col)
    for (int k = permuted_.outerIndexPtr()[col]; k < permuted_.outerIndexPtr()[col + 1]; ++k) {
      entry_column_[static_cast<std::size_t>(k)] = col;
      for (int q = first_[k]; q < first_[k + 1]; ++q)
        if (contributions_[q] != kLeak) entries_of[static_cast<std::size_t>(contributions_[q])].push_back(k);
    }
  branch_first_.assign(1, 0);
  branch_entry_.clear();
  for (const auto& entries : entries_of) {
    branch_entry_.insert(branch_entry_.end(), entries.begin(), entries.end());
    branch_first_.push_back(static_cast<int>(branch_entry_.size()));
  }

  analyse_factor_pattern();
  factors_valid_ = false;
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

// One entry of permuted_: its terms summed in the order setFromTriplets sums them.
double NodalSolver::entry_value(std::size_t k, const double* conductance) const {
  const int* t = contributions_.data() + first_[k];
  const int* end = contributions_.data() + first_[k + 1];
  double sum;
  if (diagonal_[k]) {
    sum = *t == kLeak ? node_leak_ : conductance[*t];
    while (++t != end) sum += conductance[*t];
  } else {
    sum = -conductance[*t];
    while (++t != end) sum += -conductance[*t];
  }
  return sum;
}

void NodalSolver::fill_values(const std::vector<double>& conductance) {
  double* value = permuted_.valuePtr();
  for (std::size_t k = 0; k < diagonal_.size(); ++k) value[k] = entry_value(k, conductance.data());
  loaded_ = conductance;
}

static bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool NodalSolver::factorise(const std::vector<double>& conductance) {
  const int n = static_cast<int>(diag_.size());
  int first_row = 0;
  if (!factors_valid_) {
    fill_values(conductance);
  } else {
    // Only the entries of branches whose conductance moved are summed again (whole, in their
    // order: the same bits as a full refill); the first column whose value moved is the first
    // row of the factors that changes.
    first_row = n;
    double* value = permuted_.valuePtr();
    for (std::size_t b = 0; b < loaded_.size(); ++b) {
      if (same_bits(conductance[b], loaded_[b])) continue;
      loaded_[b] = conductance[b];
      for (int q = branch_first_[b]; q < branch_first_[b + 1]; ++q) {
        const auto k = static_cast<std::size_t>(branch_entry_[q]);
        const double v = entry_value(k, conductance.data());
        if (same_bits(v, value[k])) continue;
        value[k] = v;
        first_row = std::min(first_row, entry_column_[k]);
      }
    }
    if (first_row == n) return true;  // the same matrix, bit for bit: the same factors
  }
  ++factorisations_;
  factors_valid_ = factorise_from(first_row);
  return factors_valid_;
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
