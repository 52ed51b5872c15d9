#pragma once
// A run as a person wants to see it, in one self-contained HTML file: the verdict, where the report
// came from (tool version, git commit, date), each expectation with what was observed, the faults
// injected and the steps taken, the module's fault memory with its reference texts, and timing
// pictures (timing_picture.h) of the signals the expectations name plus the hatch path's key
// signals. One picture shows the whole run; one more zooms into each stretch where expectations
// look. All text from the scenario is escaped and made valid UTF-8, whatever bytes it held.
#include "bench/runner/scenario_runner.h"

#include <chrono>
#include <ostream>
#include <string>

namespace bcmhil::report {

struct HtmlOptions {
  std::string trace_href;  // link to the run's VCD (relative to the report), empty when none
  std::chrono::system_clock::time_point written = std::chrono::system_clock::now();
};

void write_html(std::ostream& out, const scenario::Scenario& scenario, const runner::RunResult& result,
                const HtmlOptions& options = {});

// The path of `target` as a link from a page at `page` (both as given on the command line),
// percent-encoded for an href: "run.vcd", "../traces/run.vcd".
std::string relative_href(const std::string& page, const std::string& target);

}  // namespace bcmhil::report
