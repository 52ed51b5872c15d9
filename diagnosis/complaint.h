#pragma once
// The owner's complaint: the catalogue's observations a driver makes using the car normally (the
// fob's buttons, the doors, the lid handle, the hazard lights, the interior light), which a car
// comes in with. `assist --evaluate` starts every session (the assistant's, the checklist's and
// the exact optimum's) from their readings, free, and counts only what is measured after them.
// The list is a file in the checklist's format: diagnosis/complaint/bc1-owner-complaint.txt.
#include "checklist.h"

#include <string>
#include <vector>

namespace bcmhil::diagnosis {

std::string shipped_complaint_path();

// The listed tests' indices in the dictionary, in the file's order (and nothing else). Throws
// ChecklistError at the line of an id the dictionary does not have.
std::vector<int> complaint_tests(const Checklist& complaint, const Dictionary& dictionary);

}  // namespace bcmhil::diagnosis
