// libFuzzer target: the training exercise parser (training/exercise) and the seeded draw, fed
// arbitrary bytes as an exercise file. Built with clang (-fsanitize=fuzzer,address,undefined)
// beside the g++ build; see CMakeLists.txt. Every input must end in an Exercise that keeps the
// format's promises (and draws a fault inside its ranges for any seed) or in an ExerciseError
// whose message is printable; any other exception, a crash or a sanitizer report is a bug.
#include "training/exercise/draw.h"
#include "training/exercise/exercise_parser.h"

#include "bench/scenario/quantity.h"
#include "bench/yaml/utf8_text.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace bcmhil::training;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool listed(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// What the session relies on: a pool to draw from, answers the submit form offers, parts that
// cure pool faults, and a draw that succeeds inside the written ranges whatever the seed.
void check_accepted(const Exercise& e, std::uint64_t seed) {
  check(!e.pool.empty() && e.time_budget_s >= 60);
  for (const auto& f : e.pool) {
    check(f.weight > 0);
    check(listed(e.components, f.component) && listed(e.causes, f.cause));
  }
  for (const auto& p : e.parts)
    for (const auto& id : p.fixes) check(e.find_fault(id) != nullptr);
  const DrawnFault d = draw_fault(e, seed);
  const PoolFault* f = e.find_fault(d.pool_id);
  check(f != nullptr);
  for (const auto& draw : f->draws) {
    const auto& text = d.parameters.at(draw.name);
    if (!draw.values.empty()) {
      check(listed(draw.values, text));
      continue;
    }
    const double v = d.spec.numbers.at(draw.name);
    check(v >= draw.min && v <= draw.max);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_accepted(parse_exercise(text, "fuzz.yaml"), size);
  } catch (const ExerciseError& e) {
    // One printable line: no raw byte of the input, no newline.
    const std::string what = e.what();
    check(bcmhil::yaml::printable(what) == what);
    check(what.rfind("fuzz.yaml", 0) == 0);
  }
  return 0;
}
