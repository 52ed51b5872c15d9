#include "hinge_wire_intermittent.h"

#include "hinge_wire_open.h"

#include <stdexcept>

namespace bcmhil::faults {

std::vector<ParamSpec> hinge_wire_intermittent_params() {
  auto params = hinge_wire_open_params();  // the same `wire` choice
  params.push_back({"open_from", ParamKind::number, "30", "lid angle in degrees where the ends start to part", {}, 0.0,
                    90.0});
  params.push_back({"open_to", ParamKind::number, "60", "lid angle in degrees up to which they stay apart", {}, 0.0,
                    90.0});
  params.push_back({"closed_contact", ParamKind::number, "0.5",
                    "chance (0..1) that the ends settle touching each time the lid is shut", {}, 0.0, 1.0});
  params.push_back({"contact_resistance", ParamKind::resistance_ohm, "0.5 ohm",
                    "the broken strands while touching", {}, 0.0, 1e3});
  params.push_back({"seed", ParamKind::number, "1", "seed of the draws at each shutting (same seed, same run)", {},
                    0.0, 4294967295.0});
  return params;
}

HingeWireIntermittent::HingeWireIntermittent(sc_core::sc_module_name name, const FaultSpec& spec,
                                             model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      vehicle_(vehicle),
      segment_(hinge_segment(vehicle, spec.choice("wire"))),
      open_from_deg_(spec.number("open_from")),
      open_to_deg_(spec.number("open_to")),
      closed_contact_(spec.number("closed_contact")),
      contact_ohm_(spec.number("contact_resistance")),
      rng_(static_cast<std::uint32_t>(spec.number("seed"))) {
  if (open_to_deg_ < open_from_deg_)
    throw std::invalid_argument("open_to (" + std::to_string(open_to_deg_) + " deg) is below open_from (" +
                                std::to_string(open_from_deg_) + " deg)");
  SC_HAS_PROCESS(HingeWireIntermittent);
  SC_METHOD(on_angle);
  sensitive << vehicle.hatch_lock.angle().value_changed_event();
  dont_initialize();
  SC_METHOD(on_flex);
  sensitive << vehicle.hinge_loom_flexed();
  dont_initialize();
}

void HingeWireIntermittent::begin() {
  started_ = true;
  was_shut_ = vehicle_.hatch_lock.angle_deg() <= 0.0;
  if (was_shut_) settle_shut();
  on_angle();
}

void HingeWireIntermittent::settle_shut() {
  ++shut_count_;
  settle();
}

void HingeWireIntermittent::settle() {
  touching_when_shut_ = std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < closed_contact_;
}

void HingeWireIntermittent::on_angle() {
  if (!started_) return;
  const double angle = vehicle_.hatch_lock.angle_deg();
  const bool shut = angle <= 0.0;
  if (shut && !was_shut_) settle_shut();
  was_shut_ = shut;
  // Shut, the draw decides (unless the band itself covers 0 deg, with a band starting above 0);
  // open, the band does.
  const bool in_band = angle >= open_from_deg_ && angle <= open_to_deg_ && !(shut && open_from_deg_ > 0.0);
  apply(shut ? touching_when_shut_ && !in_band : !in_band);
}

void HingeWireIntermittent::on_flex() {
  if (!started_ || !was_shut_) return;  // open, the lid's angle holds the ends where they are
  ++flex_count_;
  settle();
  on_angle();
}

void HingeWireIntermittent::apply(bool conducting) {
  conducting_ = conducting;
  vehicle_.harness.set_broken(segment_, !conducting);
  if (conducting) vehicle_.harness.set_extra_resistance(segment_, contact_ohm_);
}

}  // namespace bcmhil::faults
