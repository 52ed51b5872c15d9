#pragma once
// A heated screen in the car: a relay whose coil the BC1 drives (coil from the module's output
// pin to ground) and whose contact feeds the heating element from its own fused KL30 feed.
//
// Relay figures as the central-locking relays (../shared/domain/r50-bc1.md, "typical relay",
// OEN 40-12-2CE class, representative, not confirmed): coil 260 ohm, pick-up <= 7.2 V,
// drop-out >= 1.2 V (taken at the limits, chosen), operate 3 ms / release 2 ms, contact 3 mohm.
// Element power at 13.5 V: rear window ~150 W, front screen ~500 W (estimates; no source gives
// the MINI's figures), a fixed resistance (a heating grid's resistance changes little with
// temperature; chosen).
//
// Recorded: "<name>.heating" (1 while the contact is closed and the element draws more than
// half its nominal current at the battery voltage present: what a hand on the glass would feel).
#include "model/bc1/relay_armature.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct HeaterRelaySpec {
  double element_watts = 150.0;  // estimate
  double rated_volts = 13.5;
  double coil_ohm = 260.0;
  double pick_up_v = 7.2;
  double drop_out_v = 1.2;
  sc_core::sc_time operate{3, sc_core::SC_MS};
  sc_core::sc_time release{2, sc_core::SC_MS};
  double contact_ohm = 0.003;
};

class HeaterRelay : public sc_core::sc_module {
 public:
  // `coil_in`: the module's output pin side of the coil (via the harness); `feed`: the fused
  // KL30 supply the contact switches onto the element.
  HeaterRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
              trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId feed,
              HeaterRelaySpec spec = {});

  bool operated() const { return armature_.operated(); }
  bool heating() const { return heating_.read(); }
  electrical::BranchId element() const { return element_; }
  electrical::BranchId contact() const { return contact_; }
  double element_ohm() const { return element_ohm_; }

 private:
  void on_solved();
  void on_moved(bool operated);

  Circuit& circuit_;
  HeaterRelaySpec spec_;
  double element_ohm_;
  electrical::BranchId coil_;
  electrical::BranchId contact_;
  electrical::BranchId element_;
  RelayArmature armature_;
  sc_core::sc_signal<bool> heating_{"heating"};
};

}  // namespace bcmhil::model
