#pragma once
// A bridge between two neighbouring pins of the BC1's connectors: water with dissolved copper
// and salt growing a dendrite (electrochemical migration) across the gap, or a corrosion crust.
// Its resistance falls geometrically from 1 MΩ (a dry gap) to `resistance` over `growth_time`
// (default 50 Ω after 10 s: estimates, no source gives R50 figures; the domain notes report
// bridging "within minutes" under condensation). Only pins next to each other on the connector
// map (model/bc1/connector_map.csv, a CHOSEN assignment) can be bridged, and both must be pins
// the model implements.
//
// Two laws (`law`): `timed` (default) is the bridge as found, already known to grow over
// `growth_time` whatever the pins carry (a corrosion crust, or a dendrite whose growth the
// scenario states). `migration` is electrochemical migration by MigrationLaw
// (model/faults/growth_law.h): the gap is wet and the dendrite grows only while the two pins sit
// at different potentials, faster with `salt` and voltage; `growth_time` is then the time to
// bridge at 12 V in fresh water. Two pins held at the same potential (two grounds) never bridge.
//
// Intermittent (`intermittent: yes`): a dendrite is a whisker of metal; when it carries more
// than kBurnCurrentA it melts open within milliseconds (delay drawn from a generator seeded by
// `seed`, so a run is reproducible), then regrows from 1 MΩ over growth_time x 0.5..1.5 (drawn
// too). Threshold and delays are estimates.
#include "fault.h"

#include <cstdint>
#include <random>

namespace bcmhil::faults {

class PinBridge : public Fault {
 public:
  // Throws std::invalid_argument if a pin is unknown or unmodelled, or the two are not adjacent.
  PinBridge(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  double resistance() const;  // the bridge now
  electrical::BranchId branch() const { return bridge_; }

  int burn_count() const { return burns_; }

  static constexpr double kDryOhm = 1e6;
  static constexpr double kBurnCurrentA = 0.5;
  static constexpr double kBurnMinS = 1e-3;   // melting delay, drawn in [min, max]
  static constexpr double kBurnMaxS = 50e-3;

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  bool migrate(double since_onset_s);
  void watch_current();
  void burn_open();
  double uniform();  // [0, 1), from the seeded generator

  model::Vehicle& vehicle_;
  electrical::BranchId bridge_;
  double end_ohm_;
  double growth_s_;
  bool migration_;
  double salt_;
  electrical::NodeId a_;
  electrical::NodeId b_;
  double dose_ = 0.0;    // migration: how far the present dendrite has grown, 0..1
  double last_s_ = 0.0;  // migration: since onset, at the last step
  bool intermittent_;
  std::mt19937 rng_;
  sc_core::sc_time onset_;
  double regrow_from_s_ = 0.0;  // since onset: when the present growth started
  double growth_now_s_;         // how long the present growth takes
  bool burning_ = false;
  bool started_ = false;
  int burns_ = 0;
  sc_core::sc_event burn_;
};

std::vector<ParamSpec> pin_bridge_params();

}  // namespace bcmhil::faults
