#pragma once
// The index page of `campaign --report DIR`: one row per scenario with its verdict, linking the
// scenario's own report in the same folder, plus where the page came from.
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace bcmhil::report {

struct IndexRow {
  std::string scenario_file;
  std::string name;         // the scenario's name, or the file when it did not run
  std::string verdict;      // "pass", "FAIL", "ERROR", "TIMEOUT", "INTERRUPTED"
  std::string report_href;  // relative link to its report; empty when it has none
  double wall_s = 0;
  int held = 0, expectations = 0;
  std::string note;         // why it has no verdict (the run's first line of output)
};

void write_campaign_index(std::ostream& out, const std::vector<IndexRow>& rows,
                          std::chrono::system_clock::time_point written);

}  // namespace bcmhil::report
