#pragma once
// A reading as a person enters it: "11.8", "11.8 V", "0.4 A", "OL" (the meter shows nothing), or
// an outcome class by name ("battery", "stays shut"). Checked against what the test's instrument
// can show at all: "1e9 V" is refused with the reason before it reaches the assistant.
#include "catalogue.h"
#include "dictionary.h"

#include <stdexcept>
#include <string>

namespace bcmhil::diagnosis {

class EntryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws EntryError saying why ("1e9 V is outside what a dvm shows: -1000 to 1000 V").
Reading parse_entry(const CatalogueTest& test, const std::string& text);

}  // namespace bcmhil::diagnosis
