#pragma once
// What both bench modes share: exit codes, an error that carries one, how a mode starts (its
// inputs loaded, its bench opened), time formatting.
#include "bench/rig/bench_config.h"
#include "bench/scenario/scenario.h"
#include "safe_bench.h"

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace bcmhil::modes {

// The CLI's exit codes (command_registry.h): 0 ran / healthy, 1 a function failed (dut) or a safety
// check fired (actuator: max on-time), 2 invalid input (bench file, scenario: file:line:col),
// 3 device problem (no port, no board, a board that vanished, a module that does not answer).
// Stopped by SIGINT/SIGTERM: 128 + the signal, after every relay went off.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitInvalid = 2;
inline constexpr int kExitDevice = 3;
inline constexpr int kExitInternal = 4;

// A mode stops early: the message is what the user reads, the code what the CLI returns.
class ModeError : public std::runtime_error {
 public:
  ModeError(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Loads the bench description and the scenario both modes start from. Invalid input: the
// message naming file, line and column (the caller exits kExitInvalid).
std::optional<std::string> load_bench_and_scenario(const std::string& bench_path, const std::string& scenario_path,
                                                   rig::BenchConfig& bench, scenario::Scenario& scenario);

// What both modes start from.
struct ModeInputs {
  rig::BenchConfig bench;
  scenario::Scenario scenario;
};

// Loads both files and puts their names in the report (ActuatorReport, DutReport). Invalid input:
// nullopt, the report carrying kExitInvalid and the message naming file, line and column.
template <typename Report>
std::optional<ModeInputs> load_inputs(const std::string& bench_path, const std::string& scenario_path, Report& r) {
  ModeInputs in;
  if (auto invalid = load_bench_and_scenario(bench_path, scenario_path, in.bench, in.scenario)) {
    r.exit_code = kExitInvalid;
    r.error = *invalid;
    return std::nullopt;
  }
  r.bench = in.bench.name.empty() ? bench_path : in.bench.name;
  r.scenario = in.scenario.name;
  return in;
}

// Opens the bench. Call it before starting any thread: it forks its guard process. A bench that
// cannot be opened: nullptr, the report carrying kExitDevice and the reason.
template <typename Report>
std::unique_ptr<rig::SafeBench> open_bench(const rig::BenchConfig& config, const rig::BenchOptions& options, Report& r) {
  try {
    return std::make_unique<rig::SafeBench>(config, options);
  } catch (const std::exception& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("cannot open the bench: ") + e.what();
    return nullptr;
  }
}

double ms_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to);
std::string fixed(double value, int decimals);

}  // namespace bcmhil::modes
