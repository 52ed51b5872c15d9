#pragma once
// A real run of a shipped scenario (or of a scenario text), kept for the tests of one binary:
// the reports are checked on what the model really did.
#include "bench/runner/scenario_runner.h"
#include "source_dir.h"

#include <memory>
#include <string>

namespace bcmhil::report::testing {

struct Run {
  scenario::Scenario scenario;
  runner::RunResult result;
};

inline std::unique_ptr<Run> run_text(const std::string& text, const std::string& origin) {
  auto run = std::make_unique<Run>();
  run->scenario = scenario::parse_scenario(text, origin);
  run->result = runner::run_scenario(run->scenario);
  return run;
}

// The scenario parser refuses a file that is not UTF-8, but a report must not trust its input:
// these tests put Latin-1 bytes back into the names after the run, where the reports read them.
inline void give_latin1_names(Run& run, const std::string& scenario_name, const std::string& file,
                              const std::string& first_expectation_name) {
  run.scenario.name = run.result.scenario_name = scenario_name;
  run.scenario.file = run.result.scenario_file = file;
  run.scenario.expectations.at(0).name = first_expectation_name;
}

inline std::unique_ptr<Run> run_shipped(const std::string& name) {
  auto run = std::make_unique<Run>();
  run->scenario = scenario::load_scenario(bcmhil::testing::source_dir() + "/scenarios/" + name + ".yaml");
  run->result = runner::run_scenario(run->scenario);
  return run;
}

}  // namespace bcmhil::report::testing
