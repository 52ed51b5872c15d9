#pragma once
// The exercise file's strict parser (format: training/exercises/README.md). Loaded through
// bench/yaml's strict loader (a key given twice, a second document, bytes that are not UTF-8 are
// refused), every key checked, every fault and parameter checked against the model's fault library
// the way a scenario's are, every range checked inside the parameter's own bounds.
#include "exercise.h"

#include <string>
#include <vector>

namespace bcmhil::training {

Exercise load_exercise(const std::string& path);                              // throws ExerciseError
Exercise parse_exercise(const std::string& text, const std::string& origin);  // throws ExerciseError

// training/exercises of the source tree this binary was built from.
std::string shipped_exercises_dir();
// Every *.yaml of `dir`, by file name; throws ExerciseError for the first bad one and for two
// exercises with the same id.
std::vector<Exercise> load_exercises(const std::string& dir);

}  // namespace bcmhil::training
