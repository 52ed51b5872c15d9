#pragma once
// One timing picture of a run, as inline SVG: a time axis with readable ticks (time_axis.h), the
// story's markers (fault onsets, steps, fault-memory entries) as vertical lines labelled above the
// lanes, then one lane per signal: bits as a square wave, voltages and currents as a line scaled
// to the stretch shown, each expectation's window shaded green (held) or red (not).
#include "bench/runner/scenario_runner.h"
#include "story.h"

#include <ostream>
#include <string>
#include <vector>

namespace bcmhil::report {

struct TimeSpan {
  double from_s, to_s;
};

void write_timing_picture(std::ostream& out, const std::vector<const trace::Signal*>& lanes,
                          const runner::RunResult& result, const std::vector<Marker>& markers, TimeSpan span);

}  // namespace bcmhil::report
