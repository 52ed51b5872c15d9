#pragma once
// The BC1's software for one power window (driver's or passenger's): what it does with the
// window switch, its two relays' COM readbacks and the motor current its shunt measures.
// The relays and pins are in power_windows.h; the motor and glass in model/car/window_motor.h.
//
// Behaviour (every figure CHOSEN unless marked; model/bc1/README.md "Power windows"):
//   - a switch press moves the window with the ignition on; released within kTapS it becomes a
//     one-touch run to the end stop, held longer it stops at the release; a new press stops a
//     one-touch or convenience run; both directions at once stop it;
//   - convenience (the driver's key held in the lock, power_windows.h) runs it like one-touch,
//     for as long as the key is held, with the ignition off too;
//   - end stop: the motor current above kStallA for kStallS (after the kBlankS inrush) ends the
//     run; a run never lasts longer than kMaxRunS;
//   - anti-trap (one-touch and convenience closing only: a held switch is the person's own
//     responsibility, as FMVSS 118 / 74/60/EEC allow): a current above the run's running average
//     plus kTrapMarginA reverses the window for kReverseS and logs EINKLEMMSCHUTZ FEHLER (0xC5 /
//     0xC6: the frequency counter counts the reversals; the entry goes inactive after the next
//     automatic close reaches the top). The top kTrapMaskFrom of the travel, the seal, is masked;
//     the module knows where the glass is from the back-EMF: it integrates the speed
//     (feed volts - current x kPathOhm) / kEmfVPerTravelS, re-learnt at each end stop;
//   - readback (like the central locking): kReadbackSettleS after a relay is switched on its COM
//     must be high, else RELAIS NC FEHLER and the run ends; at rest a COM that is high is RELAIS NO
//     FEHLER and the module holds the companion relay on, so both motor ends sit on the feed and
//     the glass stops (it can still be moved the stuck relay's way);
//   - AUSGANG AUS FEHLER (0x82 / 0x83): a run whose relay came up draws less than kNoCurrentA after
//     kBlankS while the other relay's pin is low: the motor circuit is open (motor, wire,
//     connector); the run ends (both pins high: the other relay is stuck, its NO FEHLER);
//   - AUSGANG EIN FEHLER (0x80 / 0x81): no relay on, yet more than kLeakA flows in the motor
//     circuit for kLeakS (a motor wire shorted to a feed drives current through the NC contact).
// A brown-out reset stops a run and forgets it.
#include "body_function.h"
#include "fault_memory.h"
#include "lock_relay.h"
#include "model/circuit/circuit.h"

#include <systemc>

#include <cstdint>
#include <functional>

namespace bcmhil::model {

class WindowLift : public sc_core::sc_module {
 public:
  enum class Dir { none, up, down };
  enum class Mode { manual, one_touch, convenience, reverse };

  struct Codes {
    std::uint8_t up_nc, up_no, down_nc, down_no, output_on, output_off, anti_trap;
  };
  // What the software measures: the motor current through the door's shunt (return to ground,
  // positive whichever way the motor runs), the feed volts, the ignition.
  struct Sense {
    std::function<double()> motor_amps;
    std::function<double()> feed_volts;
    std::function<bool()> ignition;
  };

  WindowLift(sc_core::sc_module_name name, Circuit& circuit, FaultMemory& faults, Codes codes, Sense sense,
             LockRelay& up_relay, LockRelay& down_relay);

  sc_core::sc_in<bool> up_switch{"up_switch"};      // DIP_*_WIN_UP_SW, debounced
  sc_core::sc_in<bool> down_switch{"down_switch"};  // DIP_*_WIN_DOWN_SW, debounced
  sc_core::sc_in<bool> up_monitor{"up_monitor"};    // the up relay's COM pin is high
  sc_core::sc_in<bool> down_monitor{"down_monitor"};
  sc_core::sc_in<bool> powered{"powered"};

  // Convenience opening/closing from the key: start (up/down) or end (none) such a run.
  void convenience(Dir dir);
  // The relay coil commands DOP_*_WIN_UP / DOP_*_WIN_DOWN; a tester may force them (the module
  // does, under its time limit); the software's next decision writes them again.
  const sc_core::sc_signal_in_if<bool>& up_relay() const { return up_cmd_; }
  const sc_core::sc_signal_in_if<bool>& down_relay() const { return down_cmd_; }
  ForcibleOutput& forcible(bool up) { return up ? up_cmd_ : down_cmd_; }
  Dir running() const { return run_; }
  double estimated_position() const { return est_position_; }
  // The anti-trap's trip current while it is armed, 0 otherwise (AIP_*_WIN_ANTITRAP).
  double trap_threshold_a() const { return armed_ ? reference_a_ + kTrapMarginA : 0.0; }

  static constexpr double kTapS = 0.4;
  static constexpr double kBlankS = 0.3;
  static constexpr double kStallA = 12.0;
  static constexpr double kStallS = 0.15;
  static constexpr double kMaxRunS = 8.0;
  static constexpr double kTrapMarginA = 1.5;
  static constexpr double kReferenceTauS = 1.0;
  static constexpr double kTrapMaskFrom = 0.96;
  static constexpr double kReverseS = 1.0;
  static constexpr double kReadbackSettleS = 0.05;
  static constexpr double kNoCurrentA = 0.5;
  static constexpr double kLeakA = 1.0;
  static constexpr double kLeakS = 0.2;
  // The module's calibration of the regulator it is coded for (chosen to match model/car's).
  static constexpr double kPathOhm = 0.68;
  static constexpr double kEmfVPerTravelS = 32.0;

 private:
  void on_switch();
  void on_power();
  void on_solved();
  void on_relay_settled();
  void on_blank_end();
  void on_stall();
  void on_run_end();
  void judge_at_rest();
  void on_leak();
  void on_monitor();
  void drive_relays();

  void start(Dir dir, Mode mode);
  void stop();
  void arm_anti_trap(double amps);
  double integrate_position(double amps);  // seconds since the last solve
  void write_outputs();

  Circuit& circuit_;
  FaultMemory& faults_;
  Codes codes_;
  Sense sense_;
  LockRelay& up_relay_;
  LockRelay& down_relay_;

  Dir run_ = Dir::none;
  Mode mode_ = Mode::manual;
  sc_core::sc_time started_;
  sc_core::sc_time pressed_;
  bool armed_ = false;
  double reference_a_ = 0.0;
  double est_position_ = 1.0;  // the parked car's windows are shut (chosen; the real estimate is in EEPROM)
  double est_speed_ = 0.0;
  sc_core::sc_time last_solve_;
  bool stall_pending_ = false;
  bool leak_pending_ = false;
  bool leak_present_ = false;
  bool stuck_up_ = false;  // last judged at rest
  bool stuck_down_ = false;
  bool hold_up_ = false;
  bool hold_down_ = false;
  sc_core::sc_event settled_;
  sc_core::sc_event blank_end_;
  sc_core::sc_event stall_;
  sc_core::sc_event run_end_;
  sc_core::sc_event judge_;
  sc_core::sc_event leak_;
  sc_core::sc_event outputs_changed_;
  ForcibleOutput up_cmd_{"up_cmd"};
  ForcibleOutput down_cmd_{"down_cmd"};
};

}  // namespace bcmhil::model
