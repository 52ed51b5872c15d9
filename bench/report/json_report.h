#pragma once
// Machine-readable result of a run: verdict, measured values, fault memory. Every string is valid
// UTF-8 (bad bytes from the scenario become U+FFFD), so dump() never throws on user text.
#include "bench/runner/scenario_runner.h"

#include <nlohmann/json.hpp>

namespace bcmhil::report {

nlohmann::json to_json(const runner::RunResult& result);

}  // namespace bcmhil::report
