#pragma once
// A momentary push-button from a module input to ground (dashboard buttons: heated rear window,
// heated front screen): closed while held, open otherwise.
#include "model/circuit/circuit.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

class MomentarySwitch : public sc_core::sc_module {
 public:
  // Contact between `a` and `b` (usually the input wire and ground).
  MomentarySwitch(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                  electrical::NodeId a, electrical::NodeId b);

  // Held for `duration`, then released (call from a simulation process).
  void press(sc_core::sc_time duration);
  bool held() const { return held_; }
  electrical::BranchId contact() const { return contact_; }

  static constexpr double kClosedOhm = 0.05;  // a clean switch contact, estimate

 private:
  void release();
  Circuit& circuit_;
  electrical::BranchId contact_;
  bool held_ = false;
  sc_core::sc_event release_;
};

}  // namespace bcmhil::model
