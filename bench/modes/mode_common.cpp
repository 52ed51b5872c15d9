#include "mode_common.h"

#include <cstdio>

namespace bcmhil::modes {

double ms_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string fixed(double value, int decimals) {
  char s[48];
  std::snprintf(s, sizeof s, "%.*f", decimals, value);
  return s;
}

std::optional<std::string> load_bench_and_scenario(const std::string& bench_path, const std::string& scenario_path,
                                                   rig::BenchConfig& bench, scenario::Scenario& scenario) {
  try {
    bench = rig::load_bench_config(bench_path);
    scenario = scenario::load_scenario(scenario_path);
  } catch (const rig::BenchConfigError& e) {
    return std::string(e.what());
  } catch (const scenario::ScenarioError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace bcmhil::modes
