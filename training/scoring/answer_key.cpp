// The answer key of a drawn exercise: what scoring needs of the exercise and its drawn fault.
#include "attempt.h"

#include "training/exercise/exercise.h"

#include <algorithm>

namespace bcmhil::training {

AnswerKey answer_key(const Exercise& exercise, const DrawnFault& drawn) {
  AnswerKey k;
  k.exercise = exercise.id;
  k.component = drawn.component;
  k.cause = drawn.cause;
  // A part cures the fault when it lists the drawn pool fault; the session logs a part by its id,
  // a person may name it: both count.
  for (const auto& part : exercise.parts) {
    if (std::find(part.fixes.begin(), part.fixes.end(), drawn.pool_id) == part.fixes.end()) continue;
    k.parts.push_back(part.id);
    if (!part.name.empty()) k.parts.push_back(part.name);
  }
  // The car as the student's LiveCar elaborates it (training/live): the set-up, the drawn fault,
  // in the workshop after arrives_after.
  k.car.vehicle.battery_volts = exercise.car.battery_volts;
  k.car.vehicle.locked = exercise.car.locked;
  k.car.vehicle.ignition_on = exercise.car.ignition_on;
  k.car.faults = {drawn.spec};
  k.car.examine_at = exercise.car.arrives_after;
  k.time_budget_s = exercise.time_budget_s;
  k.tools = exercise.tools;
  return k;
}

Score score_attempt(const Exercise& exercise, const DrawnFault& drawn, const std::vector<PathEntry>& path,
                    const Submission& submission, const diagnosis::Dictionary& dictionary,
                    const diagnosis::Catalogue& catalogue) {
  return score_attempt(answer_key(exercise, drawn), path, submission, dictionary, catalogue);
}

std::string next_hint(const Exercise& exercise, const DrawnFault& drawn, const std::vector<PathEntry>& path,
                      const diagnosis::Dictionary& dictionary, const diagnosis::Catalogue& catalogue) {
  return next_hint(answer_key(exercise, drawn), path, dictionary, catalogue);
}

}  // namespace bcmhil::training
