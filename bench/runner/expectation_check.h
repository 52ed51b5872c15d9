#pragma once
// Judges one expectation against the recorded history of its signal.
#include "bench/scenario/scenario.h"
#include "ds2_signals.h"
#include "model/trace/recorder.h"

#include <string>

namespace bcmhil::runner {

struct ExpectationResult {
  const scenario::Expectation* expectation;
  bool passed;
  std::string observed;  // what happened, in the signal's unit, e.g. "2 rising edges", "max 0.000 V"
  std::string expected;  // e.g. "exactly 2 rising edges", "max <= 0.500 V"
};

// The signal must exist and suit the check (edges/always/never want a bit signal; a unit given
// with a threshold must be the signal's). A ds2.* name is checked against ds2_signals(), so it
// validates where no tester runs (bcmhil serve). Throws scenario::ScenarioError at the expectation.
void validate_expectation(const scenario::Expectation& e, const trace::Recorder& recorder);

// Reads the expectation's signal from the recorder. A ds2.* signal needs a read of it inside the
// window (its counter in ds2_signals.h), else it fails: "no DS2 read inside the window".
ExpectationResult check_expectation(const scenario::Expectation& e, const trace::Recorder& recorder);
ExpectationResult check_expectation(const scenario::Expectation& e, const trace::Signal& signal);

// What a signal did inside [from, to]: the value holding at `from`, then every change up to `to`.
struct WindowStats {
  double min = 0, max = 0;
  int rising = 0, falling = 0;  // bit edges (threshold 0.5) strictly inside the window
  std::uint64_t first_rise_ps = 0;  // time of the first rising edge, 0 when none
};
WindowStats window_stats(const trace::Signal& signal, std::uint64_t from_ps, std::uint64_t to_ps);


}  // namespace bcmhil::runner
