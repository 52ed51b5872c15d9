#pragma once
// The variants file (diagnosis/variants/bc1-variants.yaml, format in diagnosis/README.md): which
// cars the fault dictionary simulates. Per candidate (a fault type and the parameters that locate
// it, or the healthy car) a prior and a spread of the other parameters; the spread's lists are
// multiplied out into variants, one simulated car each.
#include "dictionary.h"
#include "model/faults/fault.h"

#include <systemc>

#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

// Invalid variants file. what() reads "file:line:column: message".
class VariantsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One simulated car: its candidate, every fault parameter (scenario-style text, as written or the
// library's default) and the fault as the model takes it; examined at `examine_at`.
struct VariantCar {
  Variant variant;
  std::vector<faults::FaultSpec> faults;  // empty for the healthy car
  sc_core::sc_time examine_at;
};

struct VariantsFile {
  std::string file;
  std::string sha256;  // of the file's bytes
  std::vector<Candidate> candidates;
  std::vector<VariantCar> cars;  // candidate by candidate, in file order; within one, the spread's product
};

VariantsFile load_variants(const std::string& path);                              // throws VariantsError
VariantsFile parse_variants(const std::string& text, const std::string& origin);  // throws VariantsError
std::string shipped_variants_path();  // diagnosis/variants/bc1-variants.yaml of the source tree

}  // namespace bcmhil::diagnosis
