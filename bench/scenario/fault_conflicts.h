#pragma once
// Faults a scenario cannot declare together: one part of the car failing in two ways at once
// (a switch stuck both open and closed, the one tailgate actuator both seized and burnt, one
// board region flooded twice with different water). The model would apply both, the later
// silently overriding the earlier, so the story would not be the one written.
#include "model/faults/fault.h"

#include <string>
#include <vector>

namespace bcmhil::scenario {

// The part a fault type breaks: faults of one `group` whose `targets` choices are equal break the
// same part and cannot coexist. No targets: the car has one such part.
struct FaultPart {
  std::string type;
  std::string group;
  std::string noun;                  // for messages: "switch", "the tailgate lock actuator"
  std::vector<std::string> targets;  // the choice parameters naming which part
  bool unordered = false;            // targets are a pair in either order (a bridge between pins)
};

// Every fault type of the library has one (a test holds the table to the library).
const FaultPart* fault_part(const std::string& type);

// The part `f` breaks as words, e.g. "switch driver_door", "the tailgate lock actuator".
std::string part_of(const faults::FaultSpec& f);

// Whether `a` and `b` break the same part (and so contradict each other).
bool same_part(const faults::FaultSpec& a, const faults::FaultSpec& b);

}  // namespace bcmhil::scenario
