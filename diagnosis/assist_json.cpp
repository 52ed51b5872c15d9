#include "assist_json.h"

#include <cmath>

namespace bcmhil::diagnosis {

nlohmann::ordered_json session_json(const Dictionary& d, const Session& s) {
  auto candidates = nlohmann::ordered_json::array();
  for (const auto& r : s.ranking) {
    const auto& c = d.candidates[r.candidate];
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
    for (const auto& [name, value] : c.parameters) parameters[name] = value;
    candidates.push_back({{"fault", c.fault}, {"parameters", parameters}, {"probability", r.probability}});
  }
  auto measurements = nlohmann::ordered_json::array();
  for (const auto& o : s.observations) {
    nlohmann::ordered_json reading = nullptr;
    if (std::isfinite(o.raw)) reading = o.raw;
    measurements.push_back({{"test", d.tests[o.test].id}, {"reading", reading}, {"cost_min", d.tests[o.test].cost_min}});
  }
  return {{"candidates", candidates}, {"measurements", measurements}, {"explained", s.explained}};
}

nlohmann::ordered_json evaluation_json(const Evaluation& e) {
  return {{"variants", e.variants},
          {"top1_within_bound", e.top1_within_bound},
          {"mean_cost_vs_optimal", e.optimal_cost_min > 0 ? nlohmann::ordered_json(e.mean_cost_vs_optimal) : nullptr},
          {"mean_cost_vs_checklist", e.mean_cost_vs_checklist},
          {"top3_under_noise", e.top3_under_noise},
          {"held_out_flagged", e.held_out_flagged},
          {"advice_ms_p99", e.advice_ms_p99}};
}

}  // namespace bcmhil::diagnosis
