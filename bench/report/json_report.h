#pragma once
// Machine-readable result of a run: verdict, measured values, fault memory.
#include "bench/runner/scenario_runner.h"

#include <nlohmann/json.hpp>

namespace bcmhil::report {

nlohmann::json to_json(const runner::RunResult& result);

}  // namespace bcmhil::report
