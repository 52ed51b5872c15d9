#pragma once
// What `bcmhil bench dut` checks: the output functions it forces (with the readbacks that judge
// them and the fault codes that point at them) and the inputs a technician grounds on the bench.
#include <cstdint>
#include <string>
#include <vector>

namespace bcmhil::modes {

struct OutputFunction {
  const char* label;
  const char* output;
  std::vector<const char*> monitors;  // judged against the reference where the model has them
  std::vector<const char*> info;      // reported, not judged (meaning on a real module unknown)
  std::vector<uint8_t> fault_codes;   // fault memory entries that point at this function
};

const std::vector<OutputFunction>& output_functions();

struct InputCheck {
  std::string signal;
  std::string label;
};

// The inputs a technician grounds on the bench (tailgate circuit first), whether wired or not.
std::vector<InputCheck> input_checklist();

}  // namespace bcmhil::modes
