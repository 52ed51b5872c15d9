#pragma once
// The nodal matrix of a Network and its sparse LDLT factorisation, with the symbolic work done
// once per topology instead of once per solve.
//
// Between topology changes the matrix keeps one sparsity pattern (every branch is stamped, open
// ones as zero conductance), so the fill-reducing ordering, the permuted pattern and the
// elimination tree are fixed; only the values move. A solve then sums again only the matrix
// entries of the branches whose conductance moved (through a list of contributions made once),
// factorises if any entry's value differs from the last factorised matrix (a change of EMF or
// injected current moves only the right-hand side), and substitutes.
//
// The factorisation is up-looking (row k of L from rows 0..k-1, as Eigen's SimplicialLDLT does
// it), so a matrix whose permuted entries moved only from column c on keeps rows 0..c-1 of its
// factors: only rows c.. are worked out again. The elimination-tree walk that finds each row's
// pattern is done once per topology (the pattern does not depend on the values); a factorisation
// is then only the arithmetic.
//
// The numbers are bit for bit those of the straightforward way (triplets, setFromTriplets,
// SimplicialLDLT with AMD ordering on the lower triangle): each matrix value is summed from the
// same terms in the same order as setFromTriplets sums duplicates, the permuted upper triangle
// has the same entries in the same order as Eigen's own permuted copy (it is made by the same
// Eigen expression, once), and the factorisation and substitutions are Eigen 3.4's
// (SimplicialCholeskyBase::factorize_preordered, _solve_impl) written out with the same
// operations in the same order. tests/model/electrical/nodal_solver_test.cpp checks it against
// the straightforward way on random networks, fully and partly refactorised.
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>

#include <cstdint>
#include <vector>

namespace bcmhil::electrical {

class NodalSolver {
 public:
  // A branch between two unknowns; -1 stands for ground (the reference, not an unknown).
  struct Terminals {
    int a;
    int b;
  };

  // Every unknown also has `node_leak` siemens to ground (so the matrix stays positive definite).
  explicit NodalSolver(double node_leak) : node_leak_(node_leak) {}

  // A new topology: orders and analyses the pattern, with `conductance` (per branch, the values
  // stamped) as the first matrix. Returns false if that matrix cannot be factorised.
  bool analyse(int unknowns, const std::vector<Terminals>& branches, const std::vector<double>& conductance);

  // Loads the conductances (per branch, same order as analyse()) and factorises unless the matrix
  // is the one last factorised; of the rows of the factors, only those from the first permuted
  // column that moved. Returns false if the factorisation failed.
  bool factorise(const std::vector<double>& conductance);

  // x = A^-1 rhs for the matrix last factorised.
  void solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) const;

  std::uint64_t factorisations() const { return factorisations_; }
  // Rows of the factors worked out, over all factorisations (a full one is unknowns() rows).
  std::uint64_t rows_factorised() const { return rows_factorised_; }
  int unknowns() const { return static_cast<int>(diag_.size()); }

  // The matrix as the straightforward way builds it (triplets summed by setFromTriplets): for
  // analyse() and for the test that holds the fast path to it.
  static Eigen::SparseMatrix<double> assemble(int unknowns, const std::vector<Terminals>& branches,
                                              const std::vector<double>& conductance, double node_leak);

 private:
  int slot_of(int row, int col) const;  // index into matrix_'s values of a lower-triangle entry
  void fill_values(const std::vector<double>& conductance);
  double entry_value(std::size_t entry, const double* conductance) const;
  void analyse_factor_pattern();
  bool factorise_from(int first_row);

  double node_leak_;
  Eigen::SparseMatrix<double> matrix_;  // the nodal matrix (its lower triangle is read)
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> perm_;      // the AMD ordering P
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> perm_inv_;  // P^-1
  // P A P^T, upper triangle, entries in Eigen's order; factorised without further ordering.
  Eigen::SparseMatrix<double> permuted_;
  // permuted_'s values are the factorised matrix's, made from these conductances (per branch).
  bool factors_valid_ = false;
  std::vector<double> loaded_;
  // The entries of permuted_ each branch has a term in: branch_entry_[branch_first_[b] ..
  // branch_first_[b+1]-1]; and the column of each entry.
  std::vector<int> branch_first_;
  std::vector<int> branch_entry_;
  std::vector<int> entry_column_;

  // P A P^T = L D L^T. L (unit diagonal not stored) by columns: column i's entries are
  // l_index_/l_value_[l_start_[i] .. l_start_[i+1]-1], their rows increasing (as Eigen stores it).
  std::vector<int> l_start_;
  std::vector<int> l_index_;
  std::vector<double> l_value_;
  std::vector<double> diag_;
  // Row k of L: its entries in the order the factorisation visits them (Eigen's topological
  // order), row_column_/row_slot_[row_start_[k] .. row_start_[k+1]-1]: the column i and where
  // L(k,i) is stored. The entries of column i above it are l_start_[i] .. its slot-1.
  std::vector<int> row_start_;
  std::vector<int> row_column_;
  std::vector<int> row_slot_;
  std::vector<double> scratch_;  // the row being worked out; all zero between rows
  mutable Eigen::VectorXd work_;  // solve()'s permuted right-hand side

  // Per entry of permuted_: its terms, contributions_[first_[k]] .. contributions_[first_[k+1]]-1,
  // summed in this order. A term is a branch index, or kLeak; an off-diagonal entry's terms
  // are negated.
  static constexpr int kLeak = -1;
  std::vector<int> first_;
  std::vector<int> contributions_;
  std::vector<char> diagonal_;  // per entry of permuted_
  std::uint64_t factorisations_ = 0;
  std::uint64_t rows_factorised_ = 0;
};

}  // namespace bcmhil::electrical
