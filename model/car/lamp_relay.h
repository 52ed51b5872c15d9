#pragma once
// A lamp relay in the car (the front fog lamps', the auxiliary lamps'): the BC1 drives its coil
// (module output pin to ground through the coil), its contact switches a fused KL30 feed onto the
// lamp line. The lamps hang on that line (model/car/lamp.h); the BC1 reads the line back on one of
// its pins, which is how it tells a relay that does not switch (its "AUS FEHLER") from one that
// switches by itself (its "EIN FEHLER").
//
// Relay figures as the heater relays (../shared/domain/r50-bc1.md "typical relay", OEN 40-12-2CE
// class, representative): coil 260 ohm, pick-up 7.2 V, drop-out 1.2 V, operate 3 ms, release 2 ms,
// contact 3 mohm.
//
// Fault hooks (model/faults/lamp_relay_failed): the coil burnt open (never pulls in) or the contact
// welded (the lamps stay on whatever the coil does).
#include "model/bc1/relay_armature.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

struct LampRelaySpec {
  double coil_ohm = 260.0;
  double pick_up_v = 7.2;
  double drop_out_v = 1.2;
  sc_core::sc_time operate{3, sc_core::SC_MS};
  sc_core::sc_time release{2, sc_core::SC_MS};
  double contact_ohm = 0.003;
};

class LampRelay : public sc_core::sc_module {
 public:
  // `coil_in`: the coil's end on the module's output (via the harness); `feed`: the fused KL30
  // supply; `line`: the lamp line the contact feeds.
  LampRelay(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId coil_in, electrical::NodeId feed,
            electrical::NodeId line, LampRelaySpec spec = {});

  bool operated() const { return armature_.operated(); }
  electrical::BranchId coil() const { return coil_; }
  electrical::BranchId contact() const { return contact_; }
  void set_coil_open(bool open);  // the winding burnt through
  void set_welded(bool welded);   // the contact fused shut

 private:
  void on_solved();
  void on_moved(bool operated);

  Circuit& circuit_;
  LampRelaySpec spec_;
  electrical::BranchId coil_;
  electrical::BranchId contact_;
  RelayArmature armature_;
  bool welded_ = false;
};

}  // namespace bcmhil::model
