#pragma once
// JUnit XML for CI dashboards: one test suite per scenario, one test case per expectation.
#include "bench/runner/scenario_runner.h"

#include <ostream>
#include <string>
#include <vector>

namespace bcmhil::report {

// A scenario that could not run at all (invalid input) is reported as one errored test case.
struct JunitEntry {
  const runner::RunResult* result = nullptr;  // null when the scenario did not run
  std::string scenario_file;
  std::string error;
};

void write_junit(std::ostream& out, const std::vector<JunitEntry>& entries);
std::string xml_escape(const std::string& text);

}  // namespace bcmhil::report
