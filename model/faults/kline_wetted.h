#pragma once
// Water bridging the BC1's K-line pin to ground: the owners of flooded modules found the K-line
// reading 0 Ω to ground and no tester could reach the module. The film's resistance falls from
// dry (1 MΩ) to `wet_resistance` over the wetting time; once it pulls the idle line below the
// receiver's threshold, DS2 is silent: the tester reports no answer.
#include "fault.h"

namespace bcmhil::faults {

class KlineWetted : public Fault {
 public:
  KlineWetted(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  model::Vehicle& vehicle_;
  electrical::BranchId film_;
  double wetting_s_;
  double wet_ohm_;
};

std::vector<ParamSpec> kline_wetted_params();

}  // namespace bcmhil::faults
