#pragma once
// A relay in the car whose coil a BC1 output drives (coil from the module's pin to ground) and
// whose make contact switches a fused KL30 feed onto a load the caller connects to `output()`:
// the blower relay (DOP_BLOWER_ENABLE) and the A/C compressor clutch relay.
//
// Relay figures as model/car/heater_relay (OEN 40-12-2CE class, "typical relay" in the domain
// notes, representative, not confirmed): coil 260 ohm, pick-up 7.2 V, drop-out 1.2 V, operate
// 3 ms, release 2 ms, contact 3 mohm.
//
// Recorded: "<net_name>.operated" (the armature has pulled in: the click a hand on the relay feels).
#include "model/bc1/relay_armature.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct SwitchingRelaySpec {
  double coil_ohm = 260.0;
  double pick_up_v = 7.2;
  double drop_out_v = 1.2;
  sc_core::sc_time operate{3, sc_core::SC_MS};
  sc_core::sc_time release{2, sc_core::SC_MS};
  double contact_ohm = 0.003;
};

class SwitchingRelay : public sc_core::sc_module {
 public:
  // Adds the node "<net_name>.output" (the contact's load side) and the branches
  // "<net_name>.coil" (coil_in to ground) and "<net_name>.contact" (feed to output).
  SwitchingRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                 trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId feed,
                 SwitchingRelaySpec spec = {});

  electrical::NodeId output() const { return output_; }
  electrical::BranchId coil() const { return coil_; }
  electrical::BranchId contact() const { return contact_; }
  bool operated() const { return armature_.operated(); }
  // A fault: the contact welded shut, whatever the coil does.
  void weld();

 private:
  void on_solved();
  void on_moved(bool operated);

  Circuit& circuit_;
  SwitchingRelaySpec spec_;
  electrical::NodeId output_;
  electrical::BranchId coil_;
  electrical::BranchId contact_;
  bool welded_ = false;
  RelayArmature armature_;
};

}  // namespace bcmhil::model
