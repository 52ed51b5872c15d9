#include "window_motor.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

WindowMotor::WindowMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                         trace::Recorder& recorder, double position, WindowMotorSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      position_(std::clamp(position, 0.0, 1.0)),
      closed_("closed", position_ >= spec.closed_at),
      position_sig_("position", position_),
      force_sig_("pinch_force", 0.0) {
  auto& net = circuit.network();
  pin_a_ = net.add_node(net_name + ".pin1");
  pin_b_ = net.add_node(net_name + ".pin2");
  motor_ = net.add_resistor(net_name + ".motor", pin_a_, pin_b_, spec_.winding_ohm);

  SC_HAS_PROCESS(WindowMotor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();

  watch_signal(position_sig_, recorder, net_name + ".position", trace::Kind::real, "",
               "window glass position, 0 = fully open (bottom end stop), 1 = shut (top of the seal)");
  watch_signal(closed_, recorder, net_name + ".closed", trace::Kind::bit, "", "the window is shut (glass in the seal)");
  watch_signal(force_sig_, recorder, net_name + ".pinch_force", trace::Kind::real, "N",
               "force the glass presses on an obstacle in the opening (a test rod's reading)");
}

double WindowMotor::current() const { return circuit_.network().current(motor_); }

double WindowMotor::pinch_force_n() const {
  if (!obstacle_at_ || position_ <= *obstacle_at_) return 0.0;
  return spec_.obstacle_n_per_mm * (position_ - *obstacle_at_) * spec_.travel_mm;
}

double WindowMotor::static_load_a(double x) const {
  double load = spec_.weight_a;
  if (x > spec_.seal_start) load += spec_.seal_load_a * (x - spec_.seal_start) / (1.0 - spec_.seal_start);
  if (obstacle_at_ && x > *obstacle_at_)
    load += spec_.obstacle_n_per_mm * (x - *obstacle_at_) * spec_.travel_mm / spec_.newton_per_amp;
  return load;
}

bool WindowMotor::can_start(double amps) const {
  if (speed_ != 0.0) return true;
  // The self-locking worm: only the motor moves the glass (its current that way), and only past
  // friction; the seal, the weight or a squeezed obstacle never back-drive it.
  if (std::fabs(amps) < kMinDriveA) return false;
  const double drive = amps - static_load_a(position_);
  if (amps > 0.0 && drive > friction_a()) return position_ < 1.0;
  if (amps < 0.0 && drive < -friction_a()) return position_ > 0.0;
  return false;
}

void WindowMotor::on_solved() {
  if (stepping_ || !can_start(current())) return;
  stepping_ = true;
  step_.notify(spec_.step);
}

void WindowMotor::on_step() {
  const double dt = spec_.step.to_seconds();
  const double amps = current();
  // Torque against the loads, both as currents: acceleration per amp of excess current follows
  // from the chosen mechanical time constant at the nominal winding.
  const double accel_per_amp = spec_.winding_ohm / (spec_.mechanical_time_constant_s * spec_.back_emf_v_per_travel_s);
  double speed = speed_;
  if (speed_ != 0.0 || can_start(amps)) {
    const double direction = speed_ != 0.0 ? std::copysign(1.0, speed_) : std::copysign(1.0, amps);
    speed = speed_ + accel_per_amp * (amps - static_load_a(position_) - direction * friction_a()) * dt;
    // Friction and the self-locking gear stop the glass; nothing drives it backwards but the
    // motor, and a motor no longer driving that way (braked, reversed) lets the worm lock it.
    if (std::copysign(1.0, speed) != direction || amps * direction < kMinDriveA) speed = 0.0;
  }
  position_ += speed * dt;
  if (position_ >= 1.0 || position_ <= 0.0) {
    position_ = std::clamp(position_, 0.0, 1.0);
    speed = 0.0;  // an end stop
  }
  speed_ = speed;
  publish();
  circuit_.network().set_emf(motor_, spec_.back_emf_v_per_travel_s * speed_);
  circuit_.request_solve();
  // Keep integrating while the glass moves; at rest wait for the next solve to push it.
  stepping_ = speed_ != 0.0;
  if (stepping_) step_.notify(spec_.step);
}

void WindowMotor::publish() {
  position_sig_.write(position_);
  if (closed() != closed_.read()) closed_.write(closed());
  force_sig_.write(pinch_force_n());
}

void WindowMotor::set_obstacle(std::optional<double> gap_mm) {
  // Nothing fits where the glass already is: an obstacle above the edge rests on it.
  if (gap_mm)
    obstacle_at_ = std::max(position_, 1.0 - std::clamp(*gap_mm, 0.0, spec_.travel_mm) / spec_.travel_mm);
  else
    obstacle_at_.reset();
  publish();
}

void WindowMotor::set_extra_friction(double amps) { extra_friction_a_ = std::max(0.0, amps); }

void WindowMotor::set_winding_open(bool open) {
  circuit_.network().set_resistance(motor_, open ? electrical::kOpen : spec_.winding_ohm);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
