#include "json_report.h"

#include <cstdio>

namespace bcmhil::report {

nlohmann::json to_json(const runner::RunResult& result) {
  nlohmann::json expectations = nlohmann::json::array();
  for (const auto& r : result.expectations) {
    const auto& e = *r.expectation;
    expectations.push_back({{"name", e.name},
                            {"signal", e.signal},
                            {"check", scenario::to_string(e.check)},
                            {"window_s", {e.from.to_seconds(), e.to.to_seconds()}},
                            {"passed", r.passed},
                            {"observed", r.observed},
                            {"expected", r.expected},
                            {"source", e.where.str()}});
  }
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& f : result.fault_memory) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", f.code);
    faults.push_back({{"code", code}, {"active", f.active}, {"frequency", f.frequency}});
  }
  return {{"scenario", result.scenario_name},
          {"file", result.scenario_file},
          {"verdict", result.passed ? "pass" : "fail"},
          {"sim_time_s", result.sim_time_s},
          {"wall_time_s", result.wall_time_s},
          {"realtime_factor", result.realtime_factor()},
          {"clock_edges", result.clock_edges},
          {"circuit_solves", result.circuit_solves},
          {"expectations", expectations},
          {"fault_memory", faults}};
}

}  // namespace bcmhil::report
