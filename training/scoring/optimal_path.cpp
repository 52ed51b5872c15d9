// The assistant's path on the student's own car: diagnosis::diagnose_car on the drawn fault's car,
// in a forked child. The workshop gives every test a fresh SystemC kernel, which would replace the
// kernel of a car running in this process (the session's live car); the child's kernel dies with it.
#include "attempt.h"

#include "assistant_options.h"
#include "measurement_value.h"
#include "takeable.h"

#include "diagnosis/car_session.h"
#include "diagnosis/fork_pool.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace bcmhil::training {

namespace {

// The session's observations and ending, as bytes over the child's pipe.
std::string session_bytes(const diagnosis::Session& s) {
  nlohmann::json j;
  j["observations"] = nlohmann::json::array();
  for (const auto& o : s.observations)
    j["observations"].push_back({{"test", o.test}, {"outcome", o.outcome},
                                 {"raw", std::isnan(o.raw) ? nlohmann::json() : nlohmann::json(o.raw)}});
  j["top"] = s.ranking.empty() ? -1 : s.ranking.front().candidate;
  j["probability"] = s.ranking.empty() ? 0.0 : s.ranking.front().probability;
  j["explained"] = s.explained;
  return j.dump();
}

}  // namespace

OptimalPath optimal_path(const AnswerKey& key, const diagnosis::Dictionary& d, const diagnosis::Catalogue& catalogue) {
  // A mismatch is the caller's error, not the child's.
  const auto skipped = untakeable_tests(key, diagnosis::catalogue_entries(d, catalogue));
  const auto j = nlohmann::json::parse(diagnosis::in_child([&] {
    return session_bytes(diagnosis::diagnose_car(d, catalogue, key.car, scoring_assistant_options(), nullptr, {}, skipped));
  }));
  OptimalPath path;
  PathValuer valuer(d, scoring_assistant_options());
  for (const auto& o : j.at("observations")) {
    OptimalStep step;
    const int t = o.at("test").get<int>();
    const int outcome = o.at("outcome").get<int>();
    step.test = d.tests.at(t).id;
    if (const auto* entry = catalogue.find(step.test)) step.title = entry->title;
    step.outcome = d.tests[t].classes.at(outcome);
    step.raw = o.at("raw").is_null() ? NAN : o.at("raw").get<double>();
    step.cost_min = d.tests[t].cost_min;
    step.bits = valuer.take(t, outcome, step.raw).bits;
    path.cost_min += step.cost_min;
    path.steps.push_back(std::move(step));
  }
  const int top = j.at("top").get<int>();
  if (top >= 0) path.verdict = d.candidates.at(top).key();
  path.probability = j.at("probability").get<double>();
  path.explained = j.at("explained").get<bool>();
  return path;
}

}  // namespace bcmhil::training
