#pragma once
// The JSON the training product and CI scripts read (shapes fixed by issue 10):
//   assist:   {"candidates": [{"fault", "parameters", "probability"}...best first],
//              "measurements": [{"test", "reading", "cost_min"}...], "explained"}
//   evaluate: {"variants", "top1_within_bound", "mean_cost_vs_optimal", "mean_cost_vs_checklist",
//              "top3_under_noise", "held_out_flagged", "advice_ms_p99"}
// A reading the instrument showed nothing for (NaN) is null; so is the ratio to the optimum when the
// exact optimum was not computed (too many states, or nothing to pay for).
#include "evaluation.h"

#include <nlohmann/json.hpp>

namespace bcmhil::diagnosis {

nlohmann::ordered_json session_json(const Dictionary& dictionary, const Session& session);
nlohmann::ordered_json evaluation_json(const Evaluation& evaluation);

}  // namespace bcmhil::diagnosis
