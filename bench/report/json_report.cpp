#include "json_report.h"

#include "bench/output/utf8.h"

#include <cstdio>

namespace bcmhil::report {

namespace {

// JSON strings must be valid UTF-8 (RFC 8259 section 8.1); scenario text may hold any bytes.
std::string text(const std::string& raw) { return output::to_valid_utf8(raw); }

}  // namespace

nlohmann::json to_json(const runner::RunResult& result) {
  nlohmann::json expectations = nlohmann::json::array();
  for (const auto& r : result.expectations) {
    const auto& e = *r.expectation;
    expectations.push_back({{"name", text(e.name)},
                            {"signal", text(e.signal)},
                            {"check", scenario::to_string(e.check)},
                            {"window_s", {e.from.to_seconds(), e.to.to_seconds()}},
                            {"passed", r.passed},
                            {"observed", text(r.observed)},
                            {"expected", text(r.expected)},
                            {"source", text(e.where.str())},
                            {"line", e.where.line}});
  }
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& f : result.fault_memory) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(f.code));
    faults.push_back({{"code", code}, {"active", f.active}, {"frequency", f.frequency}});
  }
  return {{"scenario", text(result.scenario_name)},
          {"file", text(result.scenario_file)},
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
