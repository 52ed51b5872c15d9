#include "harness.h"

namespace bcmhil::model {

WireSegment& Harness::add_segment(const std::string& name, electrical::NodeId from, electrical::NodeId to,
                                  double length_m, double cross_section_mm2) {
  const double ohms = kCopperOhmMm2PerM * length_m / cross_section_mm2;
  const auto branch = circuit_.network().add_resistor(name, from, to, ohms);
  segments_.push_back({name, length_m, cross_section_mm2, branch, ohms});
  return segments_.back();
}

WireSegment* Harness::find(const std::string& name) {
  for (auto& s : segments_)
    if (s.name == name) return &s;
  return nullptr;
}

void Harness::set_broken(WireSegment& segment, bool broken) {
  circuit_.network().set_resistance(segment.branch, broken ? electrical::kOpen : segment.intact_ohm);
  circuit_.request_solve();
}

void Harness::set_extra_resistance(WireSegment& segment, double ohms) {
  circuit_.network().set_resistance(segment.branch, segment.intact_ohm + ohms);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
