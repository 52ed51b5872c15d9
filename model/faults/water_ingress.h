#pragma once
// Water in the passenger footwell reaching the BC1 board (clogged sunroof drains running down
// the A-pillar). A cause, not a flag: moisture on a board region grows from the onset until the
// board is saturated; while wet, a water film leaks between the driver's output pin and the
// module ground next to it, and electrochemical corrosion eats the high-side driver's bond
// wires and pads, adding resistance until the output is dead (burnt MC33286 switches were found
// on failed boards, NAM 317426).
//
// No source gives figures for the R50: the leakage range 10 kΩ - 1 MΩ is the domain notes'
// estimate, the corrosion law (resistance growing exponentially with the corrosion dose) is
// a modelling choice.
#include "fault.h"

namespace bcmhil::faults {

class WaterIngress : public Fault {
 public:
  WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  double moisture() const { return moisture_; }
  double corrosion() const { return corrosion_; }

  static constexpr double kDryLeakOhm = 1e6;
  static constexpr double kWetLeakOhm = 10e3;
  static constexpr double kFreshDriverOhm = 0.1;  // scale of the corrosion resistance
  static constexpr double kCorrosionGrowth = 9.0;  // exponent at a dose of 1

 private:
  void begin() override;
  bool progress(sc_core::sc_time since_onset) override;

  model::Vehicle& vehicle_;
  model::HighSideDriver& driver_;
  electrical::BranchId leak_;
  double wetting_s_;
  double corrosion_s_;
  double salt_;
  double moisture_ = 0.0;
  double corrosion_ = 0.0;
  double last_s_ = 0.0;
};

std::vector<ParamSpec> water_ingress_params();

}  // namespace bcmhil::faults
