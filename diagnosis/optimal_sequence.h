#pragma once
// The exact optimal test sequence for a dictionary: the decision tree over the catalogue with the
// least expected workshop minutes, when readings are exact and the hidden fault is drawn from the
// priors (each candidate's prior shared among its variants). A branch stops where the assistant
// stops: one candidate at `stop_at` of what is left, or no test left that splits it.
//
// Computed by a memoised search over the sets of still-consistent variants (AO*-style over an
// AND/OR graph: a test is an OR choice, its outcomes AND children). Variants that read alike on
// every test are one state element; at each state tests that split it alike are tried once (the
// cheapest); a test is abandoned as soon as its cost so far exceeds the best found (each child's
// lower bound: the cheapest test that could split it). Children are computed exactly, so what is
// memoised is exact.
#include "dictionary.h"

#include <cstddef>
#include <vector>

namespace bcmhil::diagnosis {

struct OptimalSequence {
  double expected_cost_min = 0;  // over the priors
  std::size_t states = 0;        // sets of consistent variants solved (for the record)
};

// Variant weights: a candidate's prior shared among its variants, normalised to 1.
std::vector<double> variant_weights(const Dictionary& dictionary);

// From the complaint's readings (given free: the expected cost over the complaints the priors
// make, each solved from the variants that read it). Throws std::runtime_error when the search
// passes `max_states` (a catalogue too large to solve exactly) instead of running for hours.
OptimalSequence optimal_sequence(const Dictionary& dictionary, double stop_at = 0.95,
                                 std::size_t max_states = 20'000'000, const std::vector<int>& complaint = {});

}  // namespace bcmhil::diagnosis
