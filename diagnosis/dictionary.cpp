#include "dictionary.h"

namespace bcmhil::diagnosis {

std::string Candidate::key() const {
  if (parameters.empty()) return fault;
  std::string key = fault + "{";
  bool first = true;
  for (const auto& [name, value] : parameters) {
    if (!first) key += ",";
    key += name + "=" + value;
    first = false;
  }
  return key + "}";
}

int Dictionary::test_index(const std::string& id) const {
  for (std::size_t i = 0; i < tests.size(); ++i)
    if (tests[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace bcmhil::diagnosis
