#pragma once
// The assistant at work on a simulated car with a hidden fault (`bcmhil assist --scenario`, the
// demo, the look-alike tests): each test it asks for is performed on the car by the workshop
// (play_test: a fresh kernel, the car brought in, the test's stimulus and reading), and the
// reading goes back to it, until it stops.
#include "catalogue.h"
#include "evaluation.h"
#include "workshop.h"

#include <functional>
#include <stdexcept>
#include <string>

namespace bcmhil::diagnosis {

// A dictionary and a catalogue that do not belong together (a test of one missing from the other,
// or classes that differ): readings classified by one would be judged by the other.
class MismatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The catalogue entry of each dictionary test, in the dictionary's order. Throws MismatchError.
std::vector<const CatalogueTest*> catalogue_entries(const Dictionary& dictionary, const Catalogue& catalogue);

// `on_reading`, when given, hears each test as it is read (for a progress line). `complaint`
// (complaint.h: dictionary test indices) is read first, as the owner tells it at the counter: its
// readings start the session at no workshop minute, as in `assist --evaluate`. `skipped` are
// tests the assistant may not choose (a trainee's session cannot take them).
Session diagnose_car(const Dictionary& dictionary, const Catalogue& catalogue, const CarUnderTest& car,
                     const AssistantOptions& options = {},
                     const std::function<void(const CatalogueTest&, const Reading&)>& on_reading = nullptr,
                     const std::vector<int>& complaint = {}, const std::vector<int>& skipped = {});

}  // namespace bcmhil::diagnosis
