// libFuzzer target: the two files a user of the diagnosis engine writes, the test catalogue
// (diagnosis/catalogue.h) and the fault variants (diagnosis/variants.h), fed arbitrary bytes.
// The first byte picks the parser (even: catalogue, odd: variants), the rest is the file. Built
// with clang (-fsanitize=fuzzer,address,undefined) beside the g++ build; see CMakeLists.txt.
// Every input must end in a parsed file that keeps the format's promises or in the parser's own
// error, one printable line starting with the file's name; any other exception, a crash or a
// sanitizer report is a bug.
#include "diagnosis/catalogue.h"
#include "diagnosis/variants.h"

#include "bench/yaml/utf8_text.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace bcmhil::diagnosis;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void check_message(const std::string& what) {
  check(bcmhil::yaml::printable(what) == what);
  check(what.rfind("fuzz.yaml", 0) == 0);
}

// What the dictionary builder and the assistant rely on: tests with at least two classes whose
// thresholds rise, a finite cost, a window that ends after it starts.
void check_catalogue(const Catalogue& c) {
  for (const auto& t : c.tests) {
    check(!t.id.empty() && t.classes.size() >= 2);
    check(std::isfinite(t.cost_min) && t.cost_min >= 0);
    check(t.from <= t.to);
    double previous = -INFINITY;
    for (const auto& k : t.classes) {
      if (k.none || std::isinf(k.below)) continue;
      check(k.below > previous);
      previous = k.below;
    }
  }
}

// Every car belongs to a listed candidate with a positive, finite prior.
void check_variants(const VariantsFile& v) {
  for (const auto& c : v.candidates) check(std::isfinite(c.prior) && c.prior > 0);
  for (const auto& car : v.cars)
    check(car.variant.candidate >= 0 && car.variant.candidate < static_cast<int>(v.candidates.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    try {
      check_catalogue(parse_catalogue(text, "fuzz.yaml"));
    } catch (const CatalogueError& e) {
      check_message(e.what());
    }
  } else {
    try {
      check_variants(parse_variants(text, "fuzz.yaml"));
    } catch (const VariantsError& e) {
      check_message(e.what());
    }
  }
  return 0;
}
