#pragma once
// JUnit XML for CI dashboards, in the shape most readers expect (Jenkins, GitLab, junitparser):
// <testsuites> with the totals, one <testsuite> per scenario (timestamp, hostname, time, counts),
// in it a "scenario runs" case (the simulation itself, with its wall time; an <error> when the
// scenario could not run: invalid, crashed, timed out) and one case per expectation (a <failure>
// whose type is the check that did not hold). Counts are computed from the cases, so they are
// right at both levels. Every text is escaped and made valid UTF-8, whatever bytes it held.
#include "bench/runner/scenario_runner.h"

#include <ostream>
#include <string>
#include <vector>

namespace bcmhil::report {

struct JunitCase {
  enum class Outcome { passed, failure, error };
  std::string name;
  Outcome outcome = Outcome::passed;
  double time_s = 0;
  std::string type;     // failure/error type: the check ("max_at_most"), "invalid_scenario", "timeout"...
  std::string message;  // one line
  std::string text;     // details (source location, the run's output)
  std::string file;     // where the case is declared, when known
  int line = 0;
};

struct JunitSuite {
  std::string name;
  std::string file;
  std::string timestamp;  // ISO 8601 UTC, when the scenario started
  std::string hostname;
  double time_s = 0;
  std::vector<JunitCase> cases;
};

// A scenario that ran: "scenario runs" (passed, its wall time) and one case per expectation.
JunitSuite junit_suite(const runner::RunResult& result, const std::string& timestamp, const std::string& hostname);
// A scenario that could not run: one errored "scenario runs" case.
JunitSuite junit_error_suite(const std::string& scenario_file, const std::string& type, const std::string& message,
                             const std::string& details, double time_s, const std::string& timestamp,
                             const std::string& hostname);

void write_junit(std::ostream& out, const std::string& name, const std::vector<JunitSuite>& suites);

// Text for an XML attribute or element: valid UTF-8 (bad bytes become U+FFFD), markup escaped,
// control characters XML 1.0 forbids (even escaped) replaced.
std::string xml_escape(const std::string& text);

}  // namespace bcmhil::report
