#pragma once
// The verdict of `bcmhil bench dut`: which functions failed, each with its evidence (the checks
// that failed and the faults found that point at it), the notes, "healthy" or "FAILED: ..." and
// the exit code.
#include "dut_mode.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace bcmhil::modes {

// Per function, one sentence per failed check.
using Evidence = std::map<std::string, std::vector<std::string>>;

// `found` is the fault memory as found (FS_LESEN's "faults"); fills the report's failed_functions,
// evidence, notes, overall and exit_code from its checks.
void conclude(const nlohmann::json& found, const Evidence& evidence, DutReport& report);

}  // namespace bcmhil::modes
