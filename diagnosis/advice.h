#pragma once
// The assistant's advice in a technician's words: the catalogue's instruction for the next test,
// then, for each outcome it can show, what the catalogue says it means and which of the library's
// faults (with their probability now) read it.
#include "assistant.h"
#include "catalogue.h"

#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct OutcomeAdvice {
  std::string outcome;                        // the class's name: "0 V"
  std::string means;                          // the catalogue's words for it (may be empty)
  std::vector<RankedCandidate> points_at;     // the candidates that read it, best first
};

struct Advice {
  int test = -1;
  std::string id;
  std::string title;
  std::string words;     // what to do, from the catalogue
  std::string access;
  double cost_min = 0;
  std::string unit;
  std::vector<OutcomeAdvice> outcomes;  // only the classes some candidate still reads
};

// `test` of the assistant's dictionary; `catalogue_test` its catalogue entry (nullptr: the
// dictionary's id and classes only).
Advice advise(const Assistant& assistant, int test, const CatalogueTest* catalogue_test);

// "Meter between ... (20 min; passenger-footwell trim off)\n  0 V -> module ... : water_ingress{...} 61 %"
std::string to_text(const Advice& advice, const Dictionary& dictionary, std::size_t per_outcome = 3);

}  // namespace bcmhil::diagnosis
