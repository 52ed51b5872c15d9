// NodalSolver must give, bit for bit, what the straightforward way gives (triplets summed by
// setFromTriplets, SimplicialLDLT with AMD ordering): the traces of every scenario were made
// that way, and the step-vs-skip comparison judges bits. Random networks with parallel branches,
// branches to ground, open branches (zero conductance) and values spanning the model's range
// (1 µΩ welds to 10 MΩ films).
#include "model/electrical/nodal_solver.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using bcmhil::electrical::NodalSolver;

namespace {

constexpr double kLeak = 1e-9;

struct RandomNetwork {
  int unknowns;
  std::vector<NodalSolver::Terminals> branches;
  std::vector<double> conductance;
  Eigen::VectorXd rhs;
};

double random_conductance(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> decade(-7.0, 6.0);
  std::bernoulli_distribution open(0.15);
  return open(rng) ? 0.0 : std::pow(10.0, decade(rng));
}

RandomNetwork random_network(std::mt19937_64& rng, int unknowns, int branch_count) {
  RandomNetwork net{unknowns, {}, {}, Eigen::VectorXd(unknowns)};
  std::uniform_int_distribution<int> node(-1, unknowns - 1);  // -1: ground
  std::uniform_real_distribution<double> amps(-5.0, 5.0);
  while (static_cast<int>(net.branches.size()) < branch_count) {
    const int a = node(rng), b = node(rng);
    if (a == b) continue;
    net.branches.push_back({a, b});
    net.conductance.push_back(random_conductance(rng));
  }
  for (int i = 0; i < unknowns; ++i) net.rhs[i] = amps(rng);
  return net;
}

Eigen::VectorXd straightforward(const RandomNetwork& net) {
  const auto matrix = NodalSolver::assemble(net.unknowns, net.branches, net.conductance, kLeak);
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> factor(matrix);
  EXPECT_EQ(factor.info(), Eigen::Success);
  return factor.solve(net.rhs);
}

bool bitwise_equal(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}

}  // namespace

TEST(NodalSolver, BitForBitTheStraightforwardSolution) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    auto net = random_network(rng, 5 + trial * 3, 12 + trial * 7);
    NodalSolver solver(kLeak);
    ASSERT_TRUE(solver.analyse(net.unknowns, net.branches, net.conductance));
    Eigen::VectorXd x;
    solver.solve(net.rhs, x);
    ASSERT_TRUE(bitwise_equal(x, straightforward(net))) << "trial " << trial;

    // Values move, the pattern stays: switches open and close, films grow.
    std::uniform_int_distribution<std::size_t> pick(0, net.branches.size() - 1);
    for (int change = 0; change < 20; ++change) {
      net.conductance[pick(rng)] = random_conductance(rng);
      net.rhs[static_cast<Eigen::Index>(pick(rng) % static_cast<std::size_t>(net.unknowns))] += 0.25;
      ASSERT_TRUE(solver.factorise(net.conductance));
      solver.solve(net.rhs, x);
      ASSERT_TRUE(bitwise_equal(x, straightforward(net))) << "trial " << trial << ", change " << change;
    }
  }
}

TEST(NodalSolver, TheSameMatrixIsNotFactorisedAgain) {
  std::mt19937_64 rng(3);
  auto net = random_network(rng, 20, 50);
  NodalSolver solver(kLeak);
  ASSERT_TRUE(solver.analyse(net.unknowns, net.branches, net.conductance));
  EXPECT_EQ(solver.factorisations(), 1u);

  net.rhs[0] += 1.0;  // only the right-hand side moves (an EMF, a forced current)
  ASSERT_TRUE(solver.factorise(net.conductance));
  EXPECT_EQ(solver.factorisations(), 1u);
  Eigen::VectorXd x;
  solver.solve(net.rhs, x);
  EXPECT_TRUE(bitwise_equal(x, straightforward(net)));

  net.conductance[7] *= 2.0;
  ASSERT_TRUE(solver.factorise(net.conductance));
  EXPECT_EQ(solver.factorisations(), 2u);
  solver.solve(net.rhs, x);
  EXPECT_TRUE(bitwise_equal(x, straightforward(net)));
}

// A change refactorises only the rows of the factors from the first permuted column it moves;
// the answer must still be, bit for bit, a full factorisation's. Random subsets of branches
// change at once (a film and a lamp in the same step), some changes back to an earlier value.
TEST(NodalSolver, PartialRefactorisationIsBitForBitAFullOne) {
  std::mt19937_64 rng(29);
  std::uint64_t partial = 0;
  for (int trial = 0; trial < 30; ++trial) {
    auto net = random_network(rng, 8 + trial * 2, 20 + trial * 5);
    NodalSolver solver(kLeak);
    ASSERT_TRUE(solver.analyse(net.unknowns, net.branches, net.conductance));
    const auto original = net.conductance;
    std::uniform_int_distribution<std::size_t> pick(0, net.branches.size() - 1);
    std::uniform_int_distribution<int> how_many(1, 4);
    for (int change = 0; change < 25; ++change) {
      for (int c = how_many(rng); c > 0; --c) {
        const auto branch = pick(rng);
        net.conductance[branch] = change % 5 == 4 ? original[branch] : random_conductance(rng);
      }
      const auto rows_before = solver.rows_factorised();
      const auto factorisations_before = solver.factorisations();
      ASSERT_TRUE(solver.factorise(net.conductance));
      if (solver.factorisations() > factorisations_before &&
          solver.rows_factorised() - rows_before < static_cast<std::uint64_t>(net.unknowns))
        ++partial;
      Eigen::VectorXd x;
      solver.solve(net.rhs, x);
      ASSERT_TRUE(bitwise_equal(x, straightforward(net))) << "trial " << trial << ", change " << change;
    }
  }
  EXPECT_GT(partial, 100u);  // most changes leave the first rows alone
}
