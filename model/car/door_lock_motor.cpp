#include "door_lock_motor.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

DoorLockMotor::DoorLockMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                             trace::Recorder& recorder, bool initially_locked, DoorLockMotorSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      position_(initially_locked ? 1.0 : 0.0),
      locked_("locked", initially_locked),
      position_sig_("position", position_) {
  auto& net = circuit.network();
  pin_a_ = net.add_node(net_name + ".pin1");
  pin_b_ = net.add_node(net_name + ".pin2");
  motor_ = net.add_resistor(net_name + ".motor", pin_a_, pin_b_, spec_.winding_ohm);

  SC_HAS_PROCESS(DoorLockMotor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();

  watch_signal(locked_, recorder, net_name + ".locked", trace::Kind::bit, "",
               "the lock rod is past mid-travel towards locked");
  watch_signal(position_sig_, recorder, net_name + ".position", trace::Kind::real, "",
               "lock rod position, 0 = unlocked end stop, 1 = locked end stop");
}

double DoorLockMotor::current() const { return circuit_.network().current(motor_); }

bool DoorLockMotor::can_move(double amps) const {
  if (speed_ != 0.0) return true;
  if (std::fabs(amps) <= spec_.load_current_a) return false;  // stiction holds it
  // Pushing into the end stop it already sits against moves nothing.
  if (amps > 0.0 && position_ >= 1.0) return false;
  if (amps < 0.0 && position_ <= 0.0) return false;
  return true;
}

void DoorLockMotor::on_solved() {
  if (stepping_ || !can_move(current())) return;
  stepping_ = true;
  step_.notify(spec_.step);
}

void DoorLockMotor::on_step() {
  const double dt = spec_.step.to_seconds();
  const double amps = current();
  // Motor torque against friction, both as currents: acceleration per amp of excess current
  // follows from the chosen mechanical time constant at the nominal winding resistance.
  const double accel_per_amp = spec_.winding_ohm / (spec_.mechanical_time_constant_s * spec_.back_emf_v_per_travel_s);
  const double direction = speed_ != 0.0 ? std::copysign(1.0, speed_) : std::copysign(1.0, amps);
  double speed = speed_ + accel_per_amp * (amps - direction * spec_.load_current_a) * dt;
  // Friction stops a coasting rod; it never reverses it.
  if (speed_ != 0.0 && std::copysign(1.0, speed) != direction) speed = 0.0;
  if (speed_ == 0.0 && std::fabs(amps) <= spec_.load_current_a) speed = 0.0;
  position_ += speed * dt;
  if (position_ >= 1.0 || position_ <= 0.0) {
    position_ = std::clamp(position_, 0.0, 1.0);
    speed = 0.0;  // the end stop
  }
  speed_ = speed;
  position_sig_.write(position_);
  if ((position_ > 0.5) != locked_.read()) locked_.write(position_ > 0.5);

  circuit_.network().set_emf(motor_, spec_.back_emf_v_per_travel_s * speed_);
  circuit_.request_solve();
  // Keep integrating while it moves; a rod at rest waits for the next solve to push it.
  stepping_ = speed_ != 0.0;
  if (stepping_) step_.notify(spec_.step);
}

}  // namespace bcmhil::model
