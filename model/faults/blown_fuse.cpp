#include "blown_fuse.h"

#include <stdexcept>

namespace bcmhil::faults {

std::vector<ParamSpec> blown_fuse_params() {
  return {{"fuse", ParamKind::choice, "F9", "which fuse: F9 (30CDL locking/tailgate), F10 (indicators), 30A (logic)",
           {"F9", "F10", "30A"}}};
}

namespace {
model::Fuse& fuse_named(model::Vehicle& vehicle, const std::string& name) {
  auto* fuse = vehicle.power.find_fuse(name);
  if (!fuse) throw std::invalid_argument("no fuse " + name);
  return *fuse;
}
}  // namespace

BlownFuse::BlownFuse(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), vehicle_(vehicle), fuse_(fuse_named(vehicle, spec.choice("fuse"))) {}

void BlownFuse::begin() { vehicle_.power.blow(fuse_); }

}  // namespace bcmhil::faults
