// The names of the path's kinds and of the measurement classes, as the log, the records and the
// page write them.
#include "attempt.h"

namespace bcmhil::training {

namespace {
constexpr std::pair<PathKind, const char*> kKinds[] = {
    {PathKind::measurement, "measurement"}, {PathKind::ds2, "ds2"},       {PathKind::observation, "observation"},
    {PathKind::replace, "replace"},         {PathKind::repair, "repair"}, {PathKind::hint, "hint"},
};
}  // namespace

const char* to_string(PathKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return name;
  return "?";
}

std::optional<PathKind> path_kind(const std::string& name) {
  for (const auto& [k, n] : kKinds)
    if (name == n) return k;
  return std::nullopt;
}

const char* to_string(MeasurementClass value) {
  switch (value) {
    case MeasurementClass::redundant: return "redundant";
    case MeasurementClass::irrelevant: return "irrelevant";
    case MeasurementClass::serial_elimination: return "serial elimination";
    case MeasurementClass::space_splitting: return "space-splitting";
  }
  return "?";
}

}  // namespace bcmhil::training
