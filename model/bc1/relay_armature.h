#pragma once
// The moving part of an electromechanical relay: it feels the coil voltage at every circuit
// solve and, with hysteresis, heads for its new position (pulls in at the pick-up voltage, lets go
// only below the drop-out voltage), arriving after the operate or release time. If the coil
// changes its mind before the armature gets there, it stays where it was.
//
// Shared by the BC1's lock relays (lock_relay.h) and the car's heater relays
// (model/car/heater_relay.h); each owns its contacts and is told when the armature has moved.
#include <systemc>

#include <functional>

namespace bcmhil::model {

struct ArmatureSpec {
  double pick_up_v;
  double drop_out_v;
  sc_core::sc_time operate;
  sc_core::sc_time release;
};

class RelayArmature : public sc_core::sc_module {
 public:
  // `moved(operated)` runs in the delta the armature arrives (or is forced) somewhere.
  RelayArmature(sc_core::sc_module_name name, ArmatureSpec spec, std::function<void(bool)> moved);

  void feel(double coil_volts);  // from a circuit solve
  void force(bool operated);     // a weld: there now, whatever the coil does (stop calling feel)

  bool operated() const { return position_; }
  const sc_core::sc_signal_in_if<bool>& position() const { return position_signal_; }

 private:
  void arrive();

  ArmatureSpec spec_;
  std::function<void(bool)> moved_;
  bool position_ = false;  // now (the signal follows a delta later)
  bool moving_ = false;    // an operate or release is under way
  bool target_ = false;    // where it is heading
  sc_core::sc_event due_;
  // Written by the timer and by a forced position.
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> position_signal_{"position"};
};

}  // namespace bcmhil::model
