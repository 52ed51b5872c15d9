#include "complaint.h"

namespace bcmhil::diagnosis {

std::string shipped_complaint_path() { return std::string(BCMHIL_DIAGNOSIS_DIR) + "/complaint/bc1-owner-complaint.txt"; }

std::vector<int> complaint_tests(const Checklist& complaint, const Dictionary& d) {
  std::vector<int> tests;
  for (std::size_t i = 0; i < complaint.ids.size(); ++i) {
    const int t = d.test_index(complaint.ids[i]);
    if (t < 0)
      throw ChecklistError(complaint.file + ":" + std::to_string(complaint.lines[i]) + ": the dictionary has no test '" +
                           complaint.ids[i] + "'");
    tests.push_back(t);
  }
  return tests;
}

}  // namespace bcmhil::diagnosis
