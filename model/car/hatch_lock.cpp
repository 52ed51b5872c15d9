#include "hatch_lock.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

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
  if (drive_current() <= spec_.load_current_a) {
    if (position_ > 0.0 || stepping_) release_pawl();
    return;
  }
  if (stepping_ || seized_ || position_ >= 1.0) return;  // moving, jammed, or against the end stop
  stepping_ = true;
  step_.notify(spec_.step);
}

void HatchLock::release_pawl() {
  step_.cancel();
  stepping_ = false;
  position_ = 0.0;
  if (speed_ != 0.0) {
    speed_ = 0.0;
    circuit_.network().set_emf(motor_, 0.0);
    circuit_.request_solve();
  }
  if (latch_released_.read()) latch_released_.write(false);
}

void HatchLock::on_step() {
  const double dt = spec_.step.to_seconds();
  // Motor torque against the spring, both as currents: acceleration per amp of excess current
  // from the chosen mechanical time constant at the nominal winding (door_lock_motor.cpp).
  const double accel_per_amp = spec_.motor_ohm / (spec_.mechanical_time_constant_s * spec_.back_emf_v_per_travel_s);
  const double amps = std::fabs(current());
  speed_ = std::max(0.0, speed_ + accel_per_amp * (amps - spec_.load_current_a) * dt);
  position_ += speed_ * dt;
  if (position_ >= 1.0) {
    position_ = 1.0;
    speed_ = 0.0;  // the end stop: the motor stalls
    latch_released_.write(true);
    hatch_open_.write(true);  // the struts lift the lid as soon as the pawl lets go
  }
  circuit_.network().set_emf(motor_, spec_.back_emf_v_per_travel_s * speed_);
  circuit_.request_solve();
  stepping_ = speed_ > 0.0 || position_ < 1.0;
  if (stepping_) step_.notify(spec_.step);
}

void HatchLock::set_seized(bool seized) {
  seized_ = seized;
  if (seized) {  // a pawl that jams mid-travel never lets go, and stops the motor dead
    step_.cancel();
    stepping_ = false;
    speed_ = 0.0;
    circuit_.network().set_emf(motor_, 0.0);
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
