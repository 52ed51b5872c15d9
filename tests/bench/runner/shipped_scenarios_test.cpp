// Every shipped scenario, scenarios/ and everything below it (scenarios/bench too): bcmhil serve
// accepts it, and every signal its expectations name is one that 'bcmhil signals' lists (issue 9:
// serve refused every scenario with a ds2.* expectation, and 'signals' did not list them).
#include "bench/runner/simulation.h"

#include <gtest/gtest.h>

#include "source_dir.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

using namespace bcmhil;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(bcmhil::testing::source_dir() + "/scenarios"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The first column of 'bcmhil signals [FILE]'.
std::set<std::string> listed_signals(const std::string& file) {
  const std::string cmd = std::string(BCMHIL_CLI) + " signals " + file + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::set<std::string> names;
  if (!p) return names;
  std::array<char, 1024> line{};
  while (std::fgets(line.data(), line.size(), p)) {
    std::istringstream words(line.data());
    std::string name;
    if (words >> name) names.insert(name);
  }
  const int status = ::pclose(p);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;
  return names;
}

}  // namespace

TEST(ShippedScenarios, FoundRecursively) {
  const auto files = shipped_scenarios();
  EXPECT_GE(files.size(), 40u);
  EXPECT_TRUE(std::any_of(files.begin(), files.end(),
                          [](const auto& f) { return f.find("/scenarios/bench/") != std::string::npos; }));
}

TEST(ShippedScenarios, ServeAcceptsEveryOne) {
  // bcmhil serve's check (cli/serve_command.cpp): load, build the model, start() validates
  // every expectation; serve runs no tester, so nothing ds2.* is declared.
  for (const auto& file : shipped_scenarios()) {
    SCOPED_TRACE(file);
    try {
      const auto sc = scenario::load_scenario(file);
      runner::Simulation sim(sc, model::ClockMode::skip_idle);
      sim.start();
    } catch (const scenario::ScenarioError& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

TEST(ShippedScenarios, EveryExpectedSignalIsListedBySignals) {
  // The plain catalogue first; a scenario's faults add probes, so only for names missing from it
  // ask 'bcmhil signals FILE', which lists the model as that scenario builds it.
  const auto catalogue = listed_signals("");
  ASSERT_TRUE(catalogue.count("ds2.job_ok")) << "the ds2.* names are listed";
  ASSERT_TRUE(catalogue.count("ds2.fault.0xC4"));
  for (const auto& file : shipped_scenarios()) {
    SCOPED_TRACE(file);
    const auto sc = scenario::load_scenario(file);
    std::set<std::string> missing;
    for (const auto& e : sc.expectations)
      if (!catalogue.count(e.signal)) missing.insert(e.signal);
    if (missing.empty()) continue;
    const auto with_faults = listed_signals(file);
    for (const auto& name : missing) EXPECT_TRUE(with_faults.count(name)) << name << " is not in 'bcmhil signals " << file << "'";
  }
}
