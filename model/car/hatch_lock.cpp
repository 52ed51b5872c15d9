#include "hatch_lock.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bcmhil::model {

HatchLock::HatchLock(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                     HatchLockSpec spec)
    : sc_module(name), circuit_(circuit), spec_(spec) {
  auto& net = circuit.network();
  const std::string base = basename();
  for (int i = 0; i < 4; ++i) pins_[i] = net.add_node(base + ".pin" + std::to_string(i + 1));
  motor_ = net.add_resistor(base + ".motor", pin(2), pin(1), spec_.motor_ohm);
  contact_ = net.add_resistor(base + ".contact_switch", pin(3), pin(4), electrical::kOpen);

  SC_HAS_PROCESS(HatchLock);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();
  SC_METHOD(on_hatch_changed);
  sensitive << hatch_open_;
  dont_initialize();
  SC_METHOD(lift_step);
  sensitive << lift_;
  dont_initialize();

  watch_signal(latch_released_, recorder, base + ".latch_released", trace::Kind::bit, "",
               "pawl pulled clear by the motor");
  watch_signal(hatch_open_, recorder, "hatch.open", trace::Kind::bit, "", "the tailgate is open");
  watch_signal(angle_, recorder, "hatch.angle", trace::Kind::real, "deg",
               "lid angle (0 = shut); the hinge loom flexes with it");
}

double HatchLock::current() const { return circuit_.network().current(motor_); }

double HatchLock::drive_current() const {
  const auto& net = circuit_.network();
  const double ohms = net.resistance(motor_);
  if (ohms == electrical::kOpen) return 0.0;
  return (net.voltage(pin(2)) - net.voltage(pin(1))) / ohms;
}

void HatchLock::on_solved() {
  // Changed again since this solve (by a part that heard it first, or from outside the kernel):
  // the solve that follows decides, on the network as it is.
  if (circuit_.network().dirty()) {
    circuit_.request_solve();
    return;
  }
  if (!driven_) {
    if (drive_current() <= spec_.load_current_a) {
      if (position_ > 0.0) release_pawl();
      return;
    }
    if (seized_ || position_ >= 1.0) return;  // jammed, or against the end stop
    driven_ = true;
    next_step_at_ = sc_core::sc_time_stamp() + spec_.step;
    plan(circuit_.network().thevenin(motor_));
    return;
  }
  // Moving: up to now along the motion the network has just overturned (or confirmed: a step's
  // solve), and the drive judged at the present speed (the network holds the back-EMF of the
  // last step).
  catch_up();
  const auto source = circuit_.network().thevenin(motor_);
  if (drive_current(source) <= spec_.load_current_a) {
    release_pawl();
    return;
  }
  plan(source);
}

void HatchLock::release_pawl() {
  step_.cancel();
  driven_ = false;
  position_ = 0.0;
  speed_ = 0.0;
  tell_network_speed();
  if (latch_released_.read()) latch_released_.write(false);
}

void HatchLock::tell_network_speed() {
  auto& net = circuit_.network();
  net.set_emf(motor_, spec_.back_emf_v_per_travel_s * speed_);
  if (net.dirty()) circuit_.request_solve();
}

double HatchLock::seconds_into_motion() const {
  return std::min((sc_core::sc_time_stamp() - motion_start_).to_seconds(), motion_stops_after_);
}

void HatchLock::catch_up() {
  const double t = seconds_into_motion();
  speed_ = std::max(0.0, motion_.speed_at(t));
  position_ = std::min(1.0, motion_.position_at(t));
}

double HatchLock::pawl_position() const {
  return driven_ ? std::min(1.0, motion_.position_at(seconds_into_motion())) : position_;
}

double HatchLock::drive_current(const electrical::Network::Thevenin& source) const {
  const double winding = circuit_.network().resistance(motor_);
  if (winding == electrical::kOpen) return 0.0;
  const double emf = spec_.back_emf_v_per_travel_s * speed_;
  const double amps = (source.volts - emf) / (source.ohms + winding);
  return (emf + amps * winding) / winding;  // the terminal voltage over the winding
}

void HatchLock::plan(const electrical::Network::Thevenin& source) {
  auto& net = circuit_.network();
  const auto now = sc_core::sc_time_stamp();
  const double total_ohms = source.ohms + net.resistance(motor_);
  // Motor torque against the spring, both as currents: acceleration per amp of excess current
  // from the chosen mechanical time constant at the nominal winding (door_lock_motor.cpp).
  const double accel_per_amp =
      spec_.motor_ohm / (spec_.mechanical_time_constant_s * spec_.back_emf_v_per_travel_s);
  motion_ = FirstOrderMotion::of_motor(speed_, position_, source.volts, total_ohms, spec_.back_emf_v_per_travel_s,
                                       accel_per_amp, spec_.load_current_a);
  motion_start_ = now;
  const auto stops = motion_.time_to_stop();
  motion_stops_after_ = stops ? *stops : std::numeric_limits<double>::infinity();
  step_.cancel();
  if (stops && *stops == 0.0) return;  // at rest, and the drive cannot move it: it waits for the network

  if (next_step_at_ <= now) next_step_at_ = now + spec_.step;  // moving again after a rest
  double next = (next_step_at_ - now).to_seconds();
  next_ = Next::step;
  if (motion_stops_after_ <= next) {
    next = motion_stops_after_;
    next_ = Next::rest;
  }
  if (const auto reached = motion_.time_to_reach(1.0, next)) {
    next = *reached;
    next_ = Next::end_stop;
  }
  step_.notify(next_ == Next::step ? next_step_at_ - now : sc_core::sc_time(next, sc_core::SC_SEC));
}

void HatchLock::on_step() {
  catch_up();
  switch (next_) {
    case Next::step:
      next_step_at_ += spec_.step;
      break;
    case Next::rest:
      speed_ = 0.0;
      break;
    case Next::end_stop:
      position_ = 1.0;
      speed_ = 0.0;  // the end stop: the motor stalls
      driven_ = false;
      latch_released_.write(true);
      hatch_open_.write(true);  // the struts lift the lid as soon as the pawl lets go
      break;
  }
  tell_network_speed();
  circuit_.request_solve();  // a step that moved nothing still plans the next from this instant
}

void HatchLock::set_seized(bool seized) {
  seized_ = seized;
  if (seized) {  // a pawl that jams mid-travel never lets go, and stops the motor dead
    if (driven_) catch_up();
    step_.cancel();
    driven_ = false;
    speed_ = 0.0;
    tell_network_speed();
    circuit_.request_solve();
  }
}

void HatchLock::on_hatch_changed() {
  circuit_.network().set_resistance(contact_, hatch_open_.read() ? spec_.contact_closed_ohm : electrical::kOpen);
  circuit_.request_solve();
  if (hatch_open_.read()) {
    held_ = false;
    lift_.notify(sc_core::SC_ZERO_TIME);  // the struts start lifting at once
  }
}

void HatchLock::lift_step() {
  if (!hatch_open_.read() || held_) return;
  const double next = std::min(spec_.full_open_deg, angle_.read() + spec_.lift_step_deg);
  angle_.write(next);
  if (next < spec_.full_open_deg)
    lift_.notify(spec_.lift_time * (spec_.lift_step_deg / spec_.full_open_deg));
}

void HatchLock::close_hatch() {
  // With the pawl held open by a running motor the lid bounces back up: it stays open.
  if (latch_released_.read()) return;
  lift_.cancel();
  hatch_open_.write(false);
  angle_.write(0.0);
}

bool HatchLock::hold_at(double degrees) {
  if (!hatch_open_.read()) return false;
  if (degrees <= 0.0) {
    close_hatch();
    return true;
  }
  held_ = true;
  lift_.cancel();
  angle_.write(std::min(degrees, spec_.full_open_deg));
  return true;
}

void HatchLock::set_motor_ohm(double ohms) {
  circuit_.network().set_resistance(motor_, ohms);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
