#pragma once
// The nodal matrix of a Network and its sparse LDLT factorisation, with the symbolic work done
// once per topology instead of once per solve.
//
// Between topology changes the matrix keeps one sparsity pattern (every branch is stamped, open
// ones as zero conductance), so the fill-reducing ordering, the permuted pattern and the
// elimination tree are fixed; only the values move. A solve then only adds each branch's
// conductance into its matrix slots (through a list of contributions made once), factorises
// if any value differs from the last factorised matrix (a change of EMF or injected current
// moves only the right-hand side), and substitutes.
//
// The numbers are bit for bit those of the straightforward way (triplets, setFromTriplets,
// SimplicialLDLT with AMD ordering on the lower triangle): each matrix value is summed from the
// same terms in the same order as setFromTriplets sums duplicates, the permuted upper triangle
// has the same entries in the same order as Eigen's own permuted copy (it is made by the same
// Eigen expression, once), and the factorisation and substitutions are Eigen's, fed with that
// copy directly. tests/model/electrical/nodal_solver_test.cpp checks it against the
// straightforward way on random networks.
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
  // is the one last factorised. Returns false if the factorisation failed.
  bool factorise(const std::vector<double>& conductance);

  // x = A^-1 rhs for the matrix last factorised.
  void solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) const;

  std::uint64_t factorisations() const { return factorisations_; }

  // The matrix as the straightforward way builds it (triplets summed by setFromTriplets): for
  // analyse() and for the test that holds the fast path to it.
  static Eigen::SparseMatrix<double> assemble(int unknowns, const std::vector<Terminals>& branches,
                                              const std::vector<double>& conductance, double node_leak);

 private:
  int slot_of(int row, int col) const;  // index into matrix_'s values of a lower-triangle entry
  void fill_values(const std::vector<double>& conductance);

  double node_leak_;
  Eigen::SparseMatrix<double> matrix_;  // the nodal matrix (its lower triangle is read)
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> perm_;      // the AMD ordering P
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> perm_inv_;  // P^-1
  // P A P^T, upper triangle, entries in Eigen's order; factorised without further ordering.
  Eigen::SparseMatrix<double> permuted_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Upper, Eigen::NaturalOrdering<int>> factor_;
  std::vector<double> factorised_values_;  // permuted_'s values when last factorised

  // Per entry of permuted_: its terms, contributions_[first_[k]] .. contributions_[first_[k+1]]-1,
  // summed in this order. A term is a branch index, or kLeak; an off-diagonal entry's terms
  // are negated.
  static constexpr int kLeak = -1;
  std::vector<int> first_;
  std::vector<int> contributions_;
  std::vector<char> diagonal_;  // per entry of permuted_
  std::uint64_t factorisations_ = 0;
};

}  // namespace bcmhil::electrical
