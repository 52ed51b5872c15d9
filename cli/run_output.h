#pragma once
// How a run looks in a terminal: shared by run, demo and campaign.
#include "bench/runner/scenario_runner.h"

#include <functional>
#include <ostream>
#include <string>

namespace bcmhil::cli {

void print_run(std::ostream& out, const scenario::Scenario& sc, const runner::RunResult& result);

// Writes one output file the user asked for, whole or not at all (output::write_file). On failure
// prints "bcmhil COMMAND: cannot write PATH: reason" to stderr and returns false: exit status 3.
bool write_output(const std::string& command, const std::string& path, const std::function<void(std::ostream&)>& fill);

// "simulating flooded-bcm-hatch  23.0 / 60.0 s" redrawn in place on a terminal, silent otherwise.
class ProgressLine {
 public:
  explicit ProgressLine(std::ostream* out);
  void update(const std::string& label, double done, double total);
  void finish();

 private:
  std::ostream* out_;
  bool drawn_ = false;
};

}  // namespace bcmhil::cli
