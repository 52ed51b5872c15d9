#include "diagnosis/optimal_sequence.h"

#include "synthetic_dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>

namespace bcmhil::diagnosis {
namespace {

// The definition, written out with no memo, no pruning, no grouping: every test at every node.
double brute_force(const Dictionary& d, const std::vector<double>& w, const std::vector<int>& alive, double stop_at) {
  std::map<int, double> by_candidate;
  double total = 0;
  for (int v : alive) {
    by_candidate[d.variants[v].candidate] += w[v];
    total += w[v];
  }
  double top = 0;
  for (const auto& [c, m] : by_candidate) top = std::max(top, m);
  if (top >= stop_at * total) return 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < d.tests.size(); ++t) {
    std::map<int, std::vector<int>> parts;
    for (int v : alive) parts[d.readings[v][t].outcome].push_back(v);
    if (parts.size() < 2) continue;
    double cost = d.tests[t].cost_min;
    for (const auto& [o, part] : parts) {
      double m = 0;
      for (int v : part) m += w[v];
      cost += m / total * brute_force(d, w, part, stop_at);
    }
    best = std::min(best, cost);
  }
  return std::isfinite(best) ? best : 0;
}

TEST(OptimalSequence, FourFaultsTwoHalvingTestsOrOneCheapSingleOut) {
  // Four equally likely faults. "ab|cd" and "ac|bd" cost 2 each; "a|bcd" costs 1.
  // Singling out a first: 1 + 3/4 * (2 + 2/3 * 2) = 3.5 min; halving first, then singling a out
  // of {a, b}: 2 + 1/2 * 1 + 1/2 * 2 = 3.5 min too; halving twice 4 min.
  Dictionary d;
  d.tests = {{"ab|cd", 2, "", {"x", "y"}}, {"ac|bd", 2, "", {"x", "y"}}, {"a|bcd", 1, "", {"x", "y"}}};
  for (int c = 0; c < 4; ++c) {
    d.candidates.push_back({"f" + std::to_string(c), {}, 1});
    d.variants.push_back({"f" + std::to_string(c) + "#0", c, {}});
  }
  d.readings = {{{0, 0}, {0, 0}, {0, 0}}, {{0, 0}, {0, 1}, {0, 1}}, {{0, 1}, {0, 0}, {0, 1}}, {{0, 1}, {0, 1}, {0, 1}}};
  EXPECT_NEAR(optimal_sequence(d).expected_cost_min, 3.5, 1e-12);
  d.tests[2].cost_min = 1.5;  // single-out first: 1.5 + 3/4 * 10/3 = 4.0; halving first: 2 + 0.75 + 1 = 3.75
  EXPECT_NEAR(optimal_sequence(d).expected_cost_min, 3.75, 1e-12);
}

TEST(OptimalSequence, StopsWhereOneCandidateHolds95PercentOrNothingSplits) {
  Dictionary d;
  d.tests = {{"t", 5, "", {"x", "y"}}};
  d.candidates = {{"common", {}, 99}, {"rare", {}, 1}};
  d.variants = {{"common#0", 0, {}}, {"rare#0", 1, {}}};
  d.readings = {{{0, 0}}, {{0, 1}}};
  EXPECT_EQ(optimal_sequence(d).expected_cost_min, 0);  // 99 % already
  d.candidates[1].prior = 99;
  EXPECT_EQ(optimal_sequence(d).expected_cost_min, 5);
  d.readings[1][0].outcome = 0;  // no test tells them apart
  EXPECT_EQ(optimal_sequence(d).expected_cost_min, 0);
}

TEST(OptimalSequence, EqualsTheBruteForceDefinitionOnRandomLibraries) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    testing::SyntheticShape shape;
    shape.candidates = 6;
    shape.variants_per = 2;
    shape.tests = 6;
    shape.classes = 2 + seed % 2;
    shape.seed = seed;
    auto d = testing::synthetic_dictionary(shape);
    if (seed % 2) d.tests[0].cost_min = d.tests[3].cost_min = 0;  // free looks, as the complaint's
    const auto w = variant_weights(d);
    std::vector<int> all(d.variants.size());
    for (std::size_t v = 0; v < all.size(); ++v) all[v] = static_cast<int>(v);
    EXPECT_NEAR(optimal_sequence(d).expected_cost_min, brute_force(d, w, all, 0.95), 1e-9) << "seed " << seed;
  }
}

TEST(OptimalSequence, RefusesToRunPastItsStateBudget) {
  testing::SyntheticShape shape;
  shape.candidates = 40;
  shape.tests = 20;
  EXPECT_THROW(optimal_sequence(testing::synthetic_dictionary(shape), 0.95, 5), std::runtime_error);
}

// From a complaint: the priors' mix of the complaints, each solved by the definition over the
// variants that read it; the complaint's test itself is given, not paid.
TEST(OptimalSequence, FromTheComplaintIsTheMixOfItsGroupsSolvedAlone) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    testing::SyntheticShape shape;
    shape.candidates = 7;
    shape.variants_per = 2;
    shape.tests = 6;
    shape.classes = 2 + seed % 2;
    shape.seed = seed;
    const auto d = testing::synthetic_dictionary(shape);  // test 0 costs 1 min: the complaint
    const auto w = variant_weights(d);
    std::map<int, std::vector<int>> groups;
    for (std::size_t v = 0; v < d.variants.size(); ++v) groups[d.readings[v][0].outcome].push_back(static_cast<int>(v));
    double expected = 0;
    for (const auto& [heard, group] : groups) {
      double mass = 0;
      for (int v : group) mass += w[v];
      expected += mass * brute_force(d, w, group, 0.95);
    }
    EXPECT_NEAR(optimal_sequence(d, 0.95, 1'000'000, {0}).expected_cost_min, expected, 1e-9) << "seed " << seed;
  }
}

}  // namespace
}  // namespace bcmhil::diagnosis
