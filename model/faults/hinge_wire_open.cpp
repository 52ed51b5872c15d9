#include "hinge_wire_open.h"

#include <stdexcept>

namespace bcmhil::faults {

std::vector<ParamSpec> hinge_wire_open_params() {
  return {{"wire", ParamKind::choice, "tailgate_feed", "which wire of the hinge loom is broken",
           {"tailgate_feed", "hatch_ground", "contact_signal", "contact_ground", "handle_signal"}}};
}

model::WireSegment& hinge_segment(model::Vehicle& vehicle, const std::string& wire) {
  auto* segment = vehicle.harness.find("harness." + wire + ".hinge");
  if (!segment) throw std::invalid_argument("no hinge segment for wire " + wire);
  return *segment;
}

HingeWireOpen::HingeWireOpen(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), vehicle_(vehicle), segment_(hinge_segment(vehicle, spec.choice("wire"))) {}

void HingeWireOpen::begin() { vehicle_.harness.set_broken(segment_, true); }

}  // namespace bcmhil::faults
