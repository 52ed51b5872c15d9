#pragma once
// A changeover relay in the car's relay box whose coil the BC1 drives from an output pin (coil from
// the pin to ground): the wiper relays and the headlamp washer relay. COM sits on NC at rest and
// on NO while the armature is pulled in.
//
// Figures as every relay of the model (../shared/domain/r50-bc1.md "typical relay", OEN
// 40-12-2CE class, representative, not confirmed): coil 260 ohm, pick-up 7.2 V, drop-out 1.2 V,
// operate 3 ms, release 2 ms, contact 3 mohm.
//
// Recorded: "<net>.operated" (the armature pulled in: the click a person hears).
#include "model/bc1/relay_armature.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct ChangeoverRelaySpec {
  double coil_ohm = 260.0;
  double pick_up_v = 7.2;
  double drop_out_v = 1.2;
  sc_core::sc_time operate{3, sc_core::SC_MS};
  sc_core::sc_time release{2, sc_core::SC_MS};
  double contact_ohm = 0.003;
};

class ChangeoverRelay : public sc_core::sc_module {
 public:
  ChangeoverRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                  trace::Recorder& recorder, electrical::NodeId coil_in, electrical::NodeId com,
                  electrical::NodeId no, electrical::NodeId nc, ChangeoverRelaySpec spec = {});

  bool operated() const { return armature_.operated(); }
  electrical::BranchId coil() const { return coil_; }
  electrical::BranchId no_contact() const { return no_contact_; }
  electrical::BranchId nc_contact() const { return nc_contact_; }

 private:
  void on_solved();
  void on_moved(bool operated);

  Circuit& circuit_;
  ChangeoverRelaySpec spec_;
  electrical::BranchId coil_;
  electrical::BranchId no_contact_;
  electrical::BranchId nc_contact_;
  RelayArmature armature_;
};

}  // namespace bcmhil::model
