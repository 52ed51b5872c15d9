#include "bad_ground.h"

#include <stdexcept>

namespace bcmhil::faults {

std::vector<ParamSpec> bad_ground_params() {
  return {{"point", ParamKind::choice, "hatch",
           "which ground: bc1 (the module's ground wire) or hatch (the tailgate's ground to the body)",
           {"bc1", "hatch"}},
          {"resistance", ParamKind::resistance_ohm, "2 ohm", "extra resistance in the ground joint", {}, 0.0,
           1e6}};
}

namespace {
model::WireSegment& ground_segment(model::Vehicle& vehicle, const std::string& point) {
  auto* segment = vehicle.harness.find(point == "bc1" ? "harness.bc1_ground" : "harness.hatch_ground.body");
  if (!segment) throw std::invalid_argument("no ground segment for point " + point);
  return *segment;
}
}  // namespace

BadGround::BadGround(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      vehicle_(vehicle),
      segment_(ground_segment(vehicle, spec.choice("point"))),
      ohms_(spec.number("resistance")) {}

void BadGround::begin() { vehicle_.harness.set_extra_resistance(segment_, ohms_); }

}  // namespace bcmhil::faults
