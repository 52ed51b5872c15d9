#pragma once
// Water in the passenger footwell reaching the BC1 board (clogged sunroof drains running down
// the A-pillar). A cause, not a flag: water reaches one board region at the onset and keeps
// coming for `wet_for` (0: it never stops), again every `rain_every` if set. While water comes,
// the region's moisture grows to saturation over `wetting_time`; when it stops, the region dries
// with the time constant `drying_time`. While wet:
// - a water film leaks between each of the region's output pins and the module ground beside it;
// - electrochemical corrosion eats the region's high-side drivers' bond wires and pads, adding
//   resistance until the output is dead (burnt MC33286 switches were found on failed boards,
//   NAM 317426). Corrosion does not heal when the board dries: a module that dried out works
//   again only as long as its drivers had not yet died.
// Salt conducts and corrodes faster, and once a wet region has dried it leaves a residue that
// keeps the dry film from returning to a full 1 MΩ.
//
// When the drivers die (water that keeps coming): the corrosion dose grows with the moisture,
// (1 + 2 salt) / corrosion_time per second fully wet, and a driver fails open at a dose of 1, so
// at onset + corrosion_time / (1 + 2 salt) + wetting_time / 2 (if that is after wetting_time),
// to within one of the fault's 100 ms steps. Defaults: 40 s / 1.4 + 15 s = 43.6 s after the onset. Under
// the hatch lock motor's load its pin sags below the module's 6 V readback threshold well
// before, at a dose of ~0.4.
//
// Regions (chosen; the board layout is not public): `tailgate_driver` (the DOP_BOOT_RELEASE
// switch by connector X330), `indicator_drivers` (both DOP_*_INDICATOR_LGT switches: the
// owners' "no turn signals").
//
// No source gives figures for the R50: the leakage range 10 kΩ - 1 MΩ is the domain notes'
// estimate; the corrosion law (resistance growing exponentially with the corrosion dose), the
// exponential drying and the residue are modelling choices.
#include "fault.h"

#include <vector>

namespace bcmhil::faults {

class WaterIngress : public Fault {
 public:
  // Throws std::invalid_argument for an unknown region.
  WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  double moisture() const { return moisture_; }
  double corrosion() const { return corrosion_; }
  bool water_coming(double since_onset_s) const;

  static constexpr double kDryLeakOhm = 1e6;
  static constexpr double kWetLeakOhm = 10e3;
  static constexpr double kFreshDriverOhm = 0.1;  // scale of the corrosion resistance
  static constexpr double kCorrosionGrowth = 9.0;  // exponent at a dose of 1
  static constexpr double kResidueFactor = 10.0;   // dry film after drying: 1 MΩ / (1 + 10 salt)
  static constexpr double kDryBelow = 1e-3;        // moisture under which the region counts as dry

 private:
  void begin() override;
  bool progress(sc_core::sc_time since_onset) override;

  model::Vehicle& vehicle_;
  std::vector<model::HighSideDriver*> drivers_;
  std::vector<electrical::BranchId> leaks_;
  double wetting_s_;
  double corrosion_s_;
  double salt_;
  double wet_for_s_;
  double rain_every_s_;
  double drying_s_;
  double moisture_ = 0.0;
  double corrosion_ = 0.0;
  double last_s_ = 0.0;
  bool was_coming_ = false;
  double rain_start_s_ = 0.0;
  double moisture_at_rain_start_ = 0.0;
  bool has_dried_ = false;  // the water stopped at least once: salt residue left behind
  trace::SignalId moisture_signal_;
};

std::vector<ParamSpec> water_ingress_params();

}  // namespace bcmhil::faults
