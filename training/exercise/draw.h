#pragma once
// The seeded draw: which cause of the exercise's pool a student's car has, with which parameters.
// Deterministic on every platform (its own generator, not std::*_distribution, whose results the
// standard leaves to the library): the same exercise and seed give the same fault everywhere, so a
// crashed session comes back with the same car and an instructor can replay an attempt.
#include "exercise.h"

#include <cstdint>
#include <map>
#include <string>

namespace bcmhil::training {

// One pool fault, chosen with probability weight / sum of weights, and each of its draws: a value
// of a list with equal chance, a range uniformly (log-uniformly for `log`). Numbers are written
// back scenario-style with 4 significant digits ("12.35 ohm"; all 17 when 4 would step outside a
// narrower range) and the FaultSpec holds exactly the written value, so the log and the car agree.
DrawnFault draw_fault(const Exercise& exercise, std::uint64_t seed);

// The model's FaultSpec (onset 0) for a fault type and parameters written scenario-style; the
// library's default for each one not given. Throws std::invalid_argument for an unknown type or
// a value that does not read.
faults::FaultSpec fault_spec(const std::string& type, const std::map<std::string, std::string>& parameters);

}  // namespace bcmhil::training
