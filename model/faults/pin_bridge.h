#pragma once
// A bridge between two neighbouring pins of the BC1's connectors: water with dissolved copper
// and salt growing a dendrite (electrochemical migration) across the gap, or a corrosion crust.
// Its resistance falls geometrically from 1 MΩ (a dry gap) to `resistance` over `growth_time`
// (default 50 Ω after 10 s: estimates, no source gives R50 figures; the domain notes report
// bridging "within minutes" under condensation). Only pins next to each other on the connector
// map (model/bc1/connector_map.csv, a CHOSEN assignment) can be bridged, and both must be pins
// the model implements.
//
// Not modelled (left out): intermittency, i.e. a dendrite burning open under current and
// regrowing.
#include "fault.h"

namespace bcmhil::faults {

class PinBridge : public Fault {
 public:
  // Throws std::invalid_argument if a pin is unknown or unmodelled, or the two are not adjacent.
  PinBridge(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  double resistance() const;  // the bridge now
  electrical::BranchId branch() const { return bridge_; }

  static constexpr double kDryOhm = 1e6;

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;

  model::Vehicle& vehicle_;
  electrical::BranchId bridge_;
  double end_ohm_;
  double growth_s_;
};

std::vector<ParamSpec> pin_bridge_params();

}  // namespace bcmhil::faults
