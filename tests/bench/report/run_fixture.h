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

inline std::unique_ptr<Run> run_shipped(const std::string& name) {
  auto run = std::make_unique<Run>();
  run->scenario = scenario::load_scenario(bcmhil::testing::source_dir() + "/scenarios/" + name + ".yaml");
  run->result = runner::run_scenario(run->scenario);
  return run;
}

}  // namespace bcmhil::report::testing
