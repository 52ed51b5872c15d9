#pragma once
// The fixed workshop-manual checklist the assistant is measured against: a text file of catalogue
// test ids in the order a service manual walks them (diagnosis/checklist/bc1-manual-order.txt),
// `#` comments and blank lines ignored.
#include "dictionary.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

// what() reads "file:line: message".
class ChecklistError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Checklist {
  std::string file;
  std::vector<std::string> ids;
  std::vector<int> lines;  // where each id stands, for errors
};

Checklist load_checklist(const std::string& path);
Checklist parse_checklist(const std::string& text, const std::string& origin);
std::string shipped_checklist_path();

// The dictionary's test indices in the checklist's order, then the tests it does not list in the
// dictionary's order (a catalogue that grew: the manual's walk still reaches every test, last).
// Throws ChecklistError at the line of an id the dictionary does not have.
std::vector<int> checklist_order(const Checklist& checklist, const Dictionary& dictionary);

}  // namespace bcmhil::diagnosis
