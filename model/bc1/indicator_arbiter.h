#pragma once
// Who drives the two indicator outputs (DOP_LH_INDICATOR_LGT / DOP_RH_INDICATOR_LGT). Four
// functions want them: the controller's acknowledge flashes (fob lock/unlock/trunk), the hazard
// switch, the alarm and the indicator stalk (exterior_lights.h: left or right, ignition on). The
// arbiter decides (CHOSEN):
//
//   alarm or hazard  >  acknowledge  >  indicator stalk
//
// One cadence serves them all (flash_on / flash_off from the coding, 320 ms / 320 ms: 94 flashes
// a minute, inside ECE R6/R48's 90 +/- 30): it runs while the hazard lights, the alarm or the
// stalk want flashing. Hazard and alarm flash both sides on it, and an acknowledge pattern that
// arrives meanwhile is swallowed: a driver could not tell it apart inside the flashing anyway,
// and two patterns interleaved on one lamp would be neither. The stalk flashes its side only,
// and an acknowledge pattern wins over it while the pattern runs (from its first flash until
// one flash_off after its last): the fob's answer is not lost in a turn signal. Whoever joins or
// leaves, the cadence keeps the phase it started with (no restart, no double rate). When the
// cadence ends, the outputs fall back to whatever the acknowledge asks at that moment. The
// module has no lamp-current sense (the readback is the pin's voltage), so an open bulb does not
// double the rate here.
//
// The readback faults 0xAA / 0xAC are judged here, for every flash whoever asked for it: each
// time the arbiter switches a side on, that side's pin readback is checked after the settling
// time (or when the flash ends, if sooner). A pin that came up marks the entry inactive, one that
// did not logs it active (see controller.h for the reading of the code texts).
#include "coding.h"
#include "fault_memory.h"

#include <systemc>

namespace bcmhil::model {

class IndicatorArbiter : public sc_core::sc_module {
 public:
  IndicatorArbiter(sc_core::sc_module_name name, const Bc1Coding& coding, FaultMemory& faults);

  sc_core::sc_in<bool> ack_lh{"ack_lh"};  // the controller's acknowledge pattern, left
  sc_core::sc_in<bool> ack_rh{"ack_rh"};  // and right
  sc_core::sc_in<bool> hazard{"hazard"};  // the hazard lights are switched on
  sc_core::sc_in<bool> alarm{"alarm"};    // the alarm wants the indicators flashing
  sc_core::sc_in<bool> turn_lh{"turn_lh"};  // the indicator stalk is left (ignition on)
  sc_core::sc_in<bool> turn_rh{"turn_rh"};  // and right
  sc_core::sc_in<bool> lh_monitor{"lh_monitor"};  // readback of the left indicator pin
  sc_core::sc_in<bool> rh_monitor{"rh_monitor"};  // readback of the right indicator pin

  sc_core::sc_out<bool> lh{"lh"};  // DOP_LH_INDICATOR_LGT
  sc_core::sc_out<bool> rh{"rh"};  // DOP_RH_INDICATOR_LGT

  bool flashing() const { return cadence_running_; }

  // Time after switching a side on before its readback is judged (estimate, as for the release).
  static constexpr double kMonitorSettleS = 0.05;

 private:
  void cadence_thread();
  void drive();
  void judge_lh();
  void judge_rh();
  bool both_sides_wanted() const { return hazard.read() || alarm.read(); }
  bool flashing_wanted() const { return both_sides_wanted() || turn_lh.read() || turn_rh.read(); }
  bool acknowledge_running() const;
  void on_acknowledge();
  struct Side {
    bool on = false;
    bool judge_pending = false;
  };
  void set_side(Side& side, sc_core::sc_out<bool>& out, sc_core::sc_in<bool>& monitor, sc_core::sc_event& judge,
                std::uint8_t code, bool on);
  void judge(Side& side, sc_core::sc_in<bool>& monitor, std::uint8_t code);

  const Bc1Coding& coding_;
  FaultMemory& faults_;
  bool cadence_running_ = false;
  bool cadence_on_ = false;
  sc_core::sc_time acknowledge_end_;  // one flash_off after the acknowledge's last flash ended
  Side left_, right_;
  sc_core::sc_event cadence_changed_;
  sc_core::sc_event acknowledge_ended_;
  sc_core::sc_event judge_lh_, judge_rh_;
};

}  // namespace bcmhil::model
