// Cycle-exact and fast: every shipped scenario is run stepping the module clock every cycle and
// skipping idle cycles, and every recorded signal (pins, decoded flags, every probe) must have
// the identical history. This is the proof that the shortcut changes speed, never behaviour.
#include "bench/runner/scenario_runner.h"

#include <gtest/gtest.h>

#include "source_dir.h"

#include <cstdlib>
#include <filesystem>

using namespace bcmhil;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(bcmhil::testing::source_dir() + "/scenarios"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class ClockEquivalence : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(ClockEquivalence, SteppingAndSkippingGiveIdenticalTraces) {
  const auto sc = scenario::load_scenario(GetParam());
  runner::RunOptions skip, step;
  skip.clock_mode = model::ClockMode::skip_idle;
  step.clock_mode = model::ClockMode::step_every_cycle;
  const auto fast = runner::run_scenario(sc, skip);
  const auto slow = runner::run_scenario(sc, step);

  const auto& a = fast.recorder->signals();
  const auto& b = slow.recorder->signals();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].name, b[i].name);
    ASSERT_EQ(a[i].samples.size(), b[i].samples.size()) << a[i].name;
    for (std::size_t k = 0; k < a[i].samples.size(); ++k) {
      ASSERT_EQ(a[i].samples[k].time_ps, b[i].samples[k].time_ps) << a[i].name << " sample " << k;
      ASSERT_EQ(a[i].samples[k].value, b[i].samples[k].value) << a[i].name << " sample " << k;
    }
  }
  EXPECT_EQ(fast.passed, slow.passed);
  // Stepping clocks every cycle; skipping must clock a tiny fraction of them.
  EXPECT_EQ(slow.clock_edges, static_cast<std::uint64_t>(sc.duration.to_seconds() * 1e6));
  EXPECT_LT(fast.clock_edges * 1000, slow.clock_edges);
}

INSTANTIATE_TEST_SUITE_P(ShippedScenarios, ClockEquivalence, ::testing::ValuesIn(shipped_scenarios()),
                         [](const auto& info) {
                           auto name = std::filesystem::path(info.param).stem().string();
                           for (auto& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });
