#pragma once
// A run as a person wants to see it: the verdict, each expectation with what was observed, and a
// timing picture (SVG, in one self-contained HTML file) of the signals the expectations name plus
// the hatch path's key signals, with every expectation's window shaded green (held) or red (not).
// One picture shows the whole run; one more zooms into each stretch where expectations look.
#include "bench/runner/scenario_runner.h"

#include <ostream>

namespace bcmhil::report {

void write_html(std::ostream& out, const scenario::Scenario& scenario, const runner::RunResult& result);

}  // namespace bcmhil::report
