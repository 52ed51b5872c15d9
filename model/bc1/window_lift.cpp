#include "window_lift.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

namespace {
sc_core::sc_time seconds(double s) { return sc_core::sc_time(s, sc_core::SC_SEC); }
}  // namespace

WindowLift::WindowLift(sc_core::sc_module_name name, Circuit& circuit, FaultMemory& faults, Codes codes, Sense sense,
                       LockRelay& up_relay, LockRelay& down_relay)
    : sc_module(name),
      circuit_(circuit),
      faults_(faults),
      codes_(codes),
      sense_(std::move(sense)),
      up_relay_(up_relay),
      down_relay_(down_relay) {
  SC_HAS_PROCESS(WindowLift);
  SC_METHOD(on_switch);
  sensitive << up_switch << down_switch;
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_relay_settled);
  sensitive << settled_;
  dont_initialize();
  SC_METHOD(on_blank_end);
  sensitive << blank_end_;
  dont_initialize();
  SC_METHOD(on_stall);
  sensitive << stall_;
  dont_initialize();
  SC_METHOD(on_run_end);
  sensitive << run_end_;
  dont_initialize();
  SC_METHOD(judge_at_rest);
  sensitive << judge_;
  dont_initialize();
  SC_METHOD(on_leak);
  sensitive << leak_;
  dont_initialize();
  SC_METHOD(on_monitor);
  sensitive << up_monitor << down_monitor;
  dont_initialize();
  SC_METHOD(write_outputs);
  sensitive << outputs_changed_;
  dont_initialize();
  SC_METHOD(drive_relays);
  sensitive << up_cmd_ << down_cmd_ << powered;
  dont_initialize();
}

void WindowLift::on_switch() {
  if (!powered.read()) return;
  const bool up = up_switch.read();
  const bool down = down_switch.read();
  const bool automatic = run_ != Dir::none && mode_ != Mode::manual;
  if (up && down) {  // a rocker cannot do both: a fault or a leak; do nothing rather than guess
    if (run_ != Dir::none) stop();
    return;
  }
  const bool up_pressed = up_switch.event() && up;
  const bool down_pressed = down_switch.event() && down;
  if (up_pressed || down_pressed) {
    if (automatic) {  // a tap stops a one-touch or convenience run
      stop();
      return;
    }
    if (!sense_.ignition()) return;
    pressed_ = sc_core::sc_time_stamp();
    start(up_pressed ? Dir::up : Dir::down, Mode::manual);
    return;
  }
  // A release: a short tap becomes a one-touch run, a longer hold ends the run.
  if (run_ == Dir::none || mode_ != Mode::manual) return;
  const bool released = (run_ == Dir::up && !up) || (run_ == Dir::down && !down);
  if (!released) return;
  if ((sc_core::sc_time_stamp() - pressed_).to_seconds() < kTapS) {
    mode_ = Mode::one_touch;
    // Past the inrush already: the anti-trap starts from the current of the run as it is.
    if (run_ == Dir::up && sc_core::sc_time_stamp() - started_ >= seconds(kBlankS)) arm_anti_trap(sense_.motor_amps());
  } else {
    stop();
  }
}

void WindowLift::convenience(Dir dir) {
  if (!powered.read()) return;
  if (dir == Dir::none) {
    if (run_ != Dir::none && mode_ == Mode::convenience) stop();
    return;
  }
  start(dir, Mode::convenience);
}

void WindowLift::start(Dir dir, Mode mode) {
  run_ = dir;
  mode_ = mode;
  started_ = last_solve_ = sc_core::sc_time_stamp();
  armed_ = false;
  est_speed_ = 0.0;
  // The run takes the relays over; the judgement at rest afterwards restores any hold.
  hold_up_ = hold_down_ = false;
  for (auto* e : {&settled_, &blank_end_, &stall_, &run_end_, &judge_, &leak_}) e->cancel();
  stall_pending_ = leak_pending_ = false;
  settled_.notify(seconds(kReadbackSettleS));
  blank_end_.notify(seconds(kBlankS));
  run_end_.notify(seconds(mode == Mode::reverse ? kReverseS : kMaxRunS));
  outputs_changed_.notify(sc_core::SC_ZERO_TIME);
}

void WindowLift::stop() {
  run_ = Dir::none;
  armed_ = false;
  // A relay known to be stuck gets its companion back at once, not only after the judgement.
  hold_down_ = stuck_up_ && !stuck_down_;
  hold_up_ = stuck_down_ && !stuck_up_;
  for (auto* e : {&settled_, &blank_end_, &stall_, &run_end_, &leak_}) e->cancel();
  stall_pending_ = leak_pending_ = false;
  judge_.cancel();
  judge_.notify(seconds(kReadbackSettleS));
  outputs_changed_.notify(sc_core::SC_ZERO_TIME);
}

void WindowLift::arm_anti_trap(double amps) {
  armed_ = true;
  reference_a_ = amps;
}

void WindowLift::on_power() {
  if (powered.read()) {  // booted: learn a stuck relay anew
    judge_.cancel();
    judge_.notify(seconds(kReadbackSettleS));
    return;
  }
  // Reset: the software forgets the run; the relays drop with the pins (drive_relays).
  run_ = Dir::none;
  armed_ = false;
  hold_up_ = hold_down_ = false;
  for (auto* e : {&settled_, &blank_end_, &stall_, &run_end_, &judge_, &leak_}) e->cancel();
  stall_pending_ = leak_pending_ = false;
  outputs_changed_.notify(sc_core::SC_ZERO_TIME);
}

void WindowLift::on_relay_settled() {
  if (run_ == Dir::none) return;
  const bool up = run_ == Dir::up;
  const bool high = up ? up_monitor.read() : down_monitor.read();
  const std::uint8_t code = up ? codes_.up_nc : codes_.down_nc;
  if (high) {
    faults_.report_absent(code);
    return;
  }
  faults_.report_present(code, now_ps());
  stop();  // the relay did not switch: nothing to drive
}

void WindowLift::on_blank_end() {
  if (run_ == Dir::none) return;
  const double amps = sense_.motor_amps();
  const bool relay_up = run_ == Dir::up ? up_monitor.read() : down_monitor.read();
  const bool other_up = run_ == Dir::up ? down_monitor.read() : up_monitor.read();
  const std::uint8_t code = codes_.output_off;
  if (relay_up && other_up && amps < kNoCurrentA) {
    // Both pins high: the other relay is stuck on NO, not the motor circuit open.
    (run_ == Dir::up ? stuck_down_ : stuck_up_) = true;
    faults_.report_present(run_ == Dir::up ? codes_.down_no : codes_.up_no, now_ps());
    stop();
    return;
  }
  if (relay_up && amps < kNoCurrentA) {
    faults_.report_present(code, now_ps());
    stop();
    return;
  }
  if (amps >= kNoCurrentA) faults_.report_absent(code);
  if (run_ == Dir::up && (mode_ == Mode::one_touch || mode_ == Mode::convenience)) arm_anti_trap(amps);
  if (amps > kStallA && !stall_pending_) {  // already against the end stop at the start
    stall_pending_ = true;
    stall_.notify(seconds(kStallS));
  }
}

double WindowLift::integrate_position(double amps) {
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const double dt = (now - last_solve_).to_seconds();
  last_solve_ = now;
  const double sign = run_ == Dir::up ? 1.0 : -1.0;
  est_position_ = std::clamp(est_position_ + sign * est_speed_ * dt, 0.0, 1.0);
  // The speed from here to the next solve: what the back-EMF says.
  est_speed_ = std::max(0.0, (sense_.feed_volts() - amps * kPathOhm) / kEmfVPerTravelS);
  return dt;
}

void WindowLift::on_solved() {
  const double amps = sense_.motor_amps();
  if (run_ == Dir::none) {
    // At rest no current may flow in the motor circuit (unless the companion hold makes both ends
    // equal, when none does either).
    const bool leaking = amps > kLeakA;
    if (leaking && !leak_pending_ && !leak_present_) {
      leak_pending_ = true;
      leak_.notify(seconds(kLeakS));
    } else if (!leaking && (leak_pending_ || leak_present_)) {
      leak_.cancel();
      leak_pending_ = false;
      if (leak_present_) faults_.report_absent(codes_.output_on);
      leak_present_ = false;
    }
    return;
  }
  const double dt = integrate_position(amps);
  const bool past_inrush = sc_core::sc_time_stamp() - started_ >= seconds(kBlankS);
  if (!past_inrush) return;
  if (armed_ && run_ == Dir::up && est_position_ < kTrapMaskFrom && amps > reference_a_ + kTrapMarginA) {
    // Something is in the way: back off and say so.
    faults_.report_present(codes_.anti_trap, now_ps());
    start(Dir::down, Mode::reverse);
    return;
  }
  // The reference follows the run's current slowly: a trapped hand makes it climb faster.
  if (armed_) reference_a_ += (amps - reference_a_) * (1.0 - std::exp(-dt / kReferenceTauS));
  if (amps > kStallA && !stall_pending_) {
    stall_pending_ = true;
    stall_.notify(seconds(kStallS));
  } else if (amps <= kStallA && stall_pending_) {
    stall_pending_ = false;
    stall_.cancel();
  }
}

void WindowLift::on_stall() {
  stall_pending_ = false;
  if (run_ == Dir::none || sense_.motor_amps() <= kStallA) return;
  // At an end stop: the estimate learns where the glass is. A stall far from the top is an
  // obstacle the person held the switch against, not the top.
  if (run_ == Dir::up && est_position_ > 0.8) {
    est_position_ = 1.0;
    if (mode_ == Mode::one_touch || mode_ == Mode::convenience) faults_.report_absent(codes_.anti_trap);
  } else if (run_ == Dir::down && est_position_ < 0.2) {
    est_position_ = 0.0;
  }
  stop();
}

void WindowLift::on_run_end() {
  if (run_ != Dir::none) stop();
}

void WindowLift::on_monitor() {
  if (run_ != Dir::none) return;  // a run judges its own relay
  judge_.cancel();
  judge_.notify(seconds(kReadbackSettleS));
}

void WindowLift::judge_at_rest() {
  if (run_ != Dir::none || !powered.read()) return;
  // A relay the module holds or a tester forces is on by command: nothing to learn from it.
  if (!up_cmd_.read()) {
    stuck_up_ = up_monitor.read();
    if (stuck_up_) faults_.report_present(codes_.up_no, now_ps());
    else faults_.report_absent(codes_.up_no);
  }
  if (!down_cmd_.read()) {
    stuck_down_ = down_monitor.read();
    if (stuck_down_) faults_.report_present(codes_.down_no, now_ps());
    else faults_.report_absent(codes_.down_no);
  }
  // A relay stuck on NO feeds one motor end: the companion puts the feed on the other end too.
  const bool hold_down = stuck_up_ && !stuck_down_;
  const bool hold_up = stuck_down_ && !stuck_up_;
  if (hold_up == hold_up_ && hold_down == hold_down_) return;
  hold_up_ = hold_up;
  hold_down_ = hold_down;
  outputs_changed_.notify(sc_core::SC_ZERO_TIME);
}

void WindowLift::on_leak() {
  leak_pending_ = false;
  if (run_ != Dir::none || sense_.motor_amps() <= kLeakA) return;
  leak_present_ = true;
  faults_.report_present(codes_.output_on, now_ps());
}

void WindowLift::write_outputs() {
  up_cmd_.write(run_ == Dir::up || hold_up_);
  down_cmd_.write(run_ == Dir::down || hold_down_);
}

void WindowLift::drive_relays() {
  // A module in reset switches no coil.
  const bool on = powered.read();
  up_relay_.command(on && up_cmd_.read());
  down_relay_.command(on && down_cmd_.read());
}

}  // namespace bcmhil::model
