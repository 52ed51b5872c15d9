#pragma once
// Are two recordings the same? Every signal, by name and order, and every sample of its
// history, time and value, bit for bit. The step-vs-skip equivalence test and `bcmhil speed`
// both judge with this one function.
#include "recorder.h"

#include <cstddef>
#include <string>

namespace bcmhil::trace {

struct Comparison {
  bool same = false;
  std::size_t signals_compared = 0;
  // When not the same: the earliest difference, e.g. "V(bc1.tailgate_out) at 50.000600000 s:
  // 12.31 in the first, 0 in the second" (or the signal lists that differ).
  std::string first_difference;
};

// Both recorders must keep everything (compare the histories, not what keep_only() left).
Comparison compare(const Recorder& first, const Recorder& second);

}  // namespace bcmhil::trace
