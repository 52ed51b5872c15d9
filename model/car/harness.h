#pragma once
// The wiring between the BC1, the loads and body ground, as copper resistances. Each circuit is
// split into segments so faults can act on one: the body loom and the hinge loom between body
// and tailgate, where wires break from flexing (a classic look-alike of a dead module).
#include "model/circuit/circuit.h"

#include <deque>
#include <string>

namespace bcmhil::model {

struct WireSegment {
  std::string name;  // "harness.<circuit>.<segment>"
  double length_m;
  double cross_section_mm2;
  electrical::BranchId branch;
  double intact_ohm;
};

class Harness {
 public:
  explicit Harness(Circuit& circuit) : circuit_(circuit) {}

  // One segment of wire between two nodes. The reference stays valid for the harness's lifetime
  // (a deque: adding segments never moves the ones handed out).
  WireSegment& add_segment(const std::string& name, electrical::NodeId from, electrical::NodeId to,
                           double length_m, double cross_section_mm2);
  WireSegment* find(const std::string& name);
  const std::deque<WireSegment>& segments() const { return segments_; }

  // Damage: a wire broken (open), or a conductor partly broken / corroded (extra ohms).
  void set_broken(WireSegment& segment, bool broken);
  void set_extra_resistance(WireSegment& segment, double ohms);

  static constexpr double kCopperOhmMm2PerM = 0.0172;

 private:
  Circuit& circuit_;
  std::deque<WireSegment> segments_;
};

}  // namespace bcmhil::model
