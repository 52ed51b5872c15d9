#include "exercise.h"

#include <algorithm>

namespace bcmhil::training {

ExerciseError::ExerciseError(const scenario::Location& where, const std::string& message)
    : std::runtime_error(where.str() + ": " + message), where_(where) {}

diagnosis::Candidate PoolFault::candidate() const {
  diagnosis::Candidate c;
  c.fault = fault;
  c.parameters = where;
  c.prior = weight;
  return c;
}

const PoolFault* Exercise::find_fault(const std::string& fault_id) const {
  for (const auto& f : pool)
    if (f.id == fault_id) return &f;
  return nullptr;
}

const Part* Exercise::find_part(const std::string& part_id) const {
  for (const auto& p : parts)
    if (p.id == part_id) return &p;
  return nullptr;
}

bool Exercise::allows(const std::string& tool) const {
  return std::find(tools.begin(), tools.end(), tool) != tools.end();
}

const std::vector<std::string>& exercise_tools() {
  static const std::vector<std::string> tools{"dvm", "ohmmeter", "clamp", "test_lamp", "ds2", "connectors", "fuses"};
  return tools;
}

const char* to_string(Part::Action action) { return action == Part::Action::replace ? "replace" : "repair"; }

}  // namespace bcmhil::training
