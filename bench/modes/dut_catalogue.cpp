#include "dut_catalogue.h"

namespace bcmhil::modes {

const std::vector<OutputFunction>& output_functions() {
  static const std::vector<OutputFunction> f{
      {"tailgate release", "DOP_BOOT_RELEASE", {"DIP_BOOT_RELEASE_MONITOR"}, {"DIP_BOOT_REL_STATUS"}, {0xC4}},
      {"left indicator", "DOP_LH_INDICATOR_LGT", {"DIP_LH_DIR_IND_STATUS"}, {}, {0xAA}},
      {"right indicator", "DOP_RH_INDICATOR_LGT", {"DIP_RH_DIR_IND_STATUS"}, {}, {0xAC}},
  };
  return f;
}

std::vector<InputCheck> input_checklist() {
  return {{"DIP_BOOT_HANDLE_SW", "tailgate handle input"}, {"DIP_BOOT_OPEN_SW", "tailgate contact input"}};
}

}  // namespace bcmhil::modes
