#pragma once
// A wire in the hinge loom whose copper has fatigued through inside intact insulation: the
// broken ends touch or part as the lid moves. It is the look-alike that sends technicians
// home with "no fault found": with the lid propped open for testing, the ends may touch and
// every measurement is fine; shut, the loom settles differently each time.
//
// Parameters (estimates; no source gives figures):
// - `open_from`..`open_to` (degrees of lid angle): the band where the ends are pulled apart;
// - `closed_contact`: the chance that the ends settle touching each time the lid is shut, drawn
//   from a generator seeded by `seed`, so a run is reproducible;
// - `contact_resistance`: broken strands touching conduct poorly.
// Flexing the loom by hand (Vehicle::flex_loom, a wiggle test) with the lid shut moves the ends
// as shutting it does: they settle anew, touching with the same chance. With the lid open the
// angle band decides, as before.
#include "fault.h"

#include <cstdint>
#include <random>

namespace bcmhil::faults {

class HingeWireIntermittent : public Fault {
 public:
  // Throws std::invalid_argument for an unknown wire or an empty angle band.
  HingeWireIntermittent(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  bool conducting() const { return conducting_; }
  int lid_shut_count() const { return shut_count_; }
  int flex_count() const { return flex_count_; }  // flexes felt with the lid shut

 private:
  void begin() override;
  void on_angle();
  void on_flex();      // someone flexed the loom (a wiggle test)
  void settle_shut();  // the lid was shut: draw how the ends came to rest
  void settle();       // draw whether the ends touch
  void apply(bool conducting);

  model::Vehicle& vehicle_;
  model::WireSegment& segment_;
  double open_from_deg_;
  double open_to_deg_;
  double closed_contact_;
  double contact_ohm_;
  std::mt19937 rng_;
  bool started_ = false;
  bool touching_when_shut_ = true;
  bool conducting_ = true;
  bool was_shut_ = true;
  int shut_count_ = 0;
  int flex_count_ = 0;
};

std::vector<ParamSpec> hinge_wire_intermittent_params();

}  // namespace bcmhil::faults
