#pragma once
// A contact switch in the body, closing its signal wire to ground when actuated: a door or bonnet
// contact (closed = open door), the hazard push-button, the alarm's tilt switch. The BC1 input
// behind it has a pull-up, so an actuated switch pulls the pin to ~0 V and an idle one leaves it at
// the input's open-circuit voltage (~6 V, see model/bc1/input_stage.h).
//
// The contact is a branch "<name>.contact" between the switch's terminal node "<name>.terminal"
// and its ground node; faults that weld or burn it act on that branch (switch_failed). <name> is
// the module's name unless a dotted net name is given ("door_lock.driver.key_lock").
// Push-buttons and key contacts are pressed for a while and spring back: press(duration).
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <string>

namespace bcmhil::model {

class ContactSwitch : public sc_core::sc_module {
 public:
  // `what` describes the actuated state for the trace, e.g. "the driver's door is open".
  ContactSwitch(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId ground,
                const std::string& what, const std::string& net_name = "");

  // The person's action: the door opened / shut, the button pressed / let go.
  void set_actuated(bool actuated);
  // Held for `duration`, then let go; a new press while held restarts the duration.
  void press(sc_core::sc_time duration);
  bool actuated() const { return actuated_.read(); }

  electrical::NodeId terminal() const { return terminal_; }  // the harness connects here
  electrical::BranchId contact() const { return contact_; }

  static constexpr double kClosedOhm = 0.05;  // a clean silver contact (estimate, as the hatch's)

 private:
  void release() { set_actuated(false); }

  Circuit& circuit_;
  sc_core::sc_event release_;
  electrical::NodeId terminal_;
  electrical::BranchId contact_;
  // Written by a person (a step) and by timed releases (a button let go).
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> actuated_{"actuated"};
};

}  // namespace bcmhil::model
