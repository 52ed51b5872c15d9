#include "brush_motor.h"

#include "model/circuit/watch.h"

#include <cmath>

namespace bcmhil::model {

BrushMotor::BrushMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                       trace::Recorder& recorder, electrical::NodeId park_feed, BrushMotorSpec spec)
    : sc_module(name), circuit_(circuit), spec_(spec), position_(spec.initial_position) {
  auto& net = circuit.network();
  slow_ = net.add_node(net_name + ".slow");
  slow_winding_ = net.add_resistor(net_name + ".slow_winding", slow_, electrical::kGround, spec_.slow_winding_ohm);
  if (spec_.two_speed) {
    fast_ = net.add_node(net_name + ".fast");
    fast_winding_ = net.add_resistor(net_name + ".fast_winding", fast_, electrical::kGround, spec_.fast_winding_ohm);
  }
  if (spec_.park_cam) {
    park_ = net.add_node(net_name + ".park");
    contact_parked_ = parked();
    park_to_ground_ = net.add_resistor(net_name + ".park_contact_ground", park_, electrical::kGround,
                                       contact_parked_ ? spec_.park_contact_ohm : electrical::kOpen);
    park_to_feed_ = net.add_resistor(net_name + ".park_contact_feed", park_, park_feed,
                                     contact_parked_ ? electrical::kOpen : spec_.park_contact_ohm);
    parked_sig_.write(contact_parked_);
  }

  SC_HAS_PROCESS(BrushMotor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();
  SC_METHOD(on_cam_edge);
  sensitive << cam_edge_;
  dont_initialize();

  using trace::Kind;
  watch_signal(moving_, recorder, net_name + ".moving", Kind::bit, "", "the motor's output shaft turns (what a person sees)");
  watch_signal(speed_sig_, recorder, net_name + ".speed", Kind::real, "/min", "output shaft turns per minute (wipes per minute)");
  if (spec_.park_cam)
    watch_signal(parked_sig_, recorder, net_name + ".parked", Kind::bit, "",
                 "the park cam is in its park sector (blades at rest position)");
}

bool BrushMotor::parked() const { return spec_.park_cam && position_ - std::floor(position_) < spec_.park_sector; }

double BrushMotor::torque_a() const {
  const auto& net = circuit_.network();
  double amps = net.current(slow_winding_);
  if (spec_.two_speed) amps += net.current(fast_winding_) * spec_.fast_emf_per_rev_s / spec_.slow_emf_per_rev_s;
  return amps;
}

double BrushMotor::acceleration() const {
  if (jammed_) return 0.0;
  // Torque and friction as slow-brush currents; the acceleration per amp follows from the chosen
  // mechanical time constant at the slow winding (as model/car/door_lock_motor).
  const double per_amp = spec_.slow_winding_ohm / (spec_.mechanical_time_constant_s * spec_.slow_emf_per_rev_s);
  const double torque = torque_a();
  if (speed_ > 0.0) return per_amp * (torque - spec_.load_current_a);
  // At rest friction holds it until the torque exceeds the load; it never turns backwards.
  return torque > spec_.load_current_a ? per_amp * (torque - spec_.load_current_a) : 0.0;
}

bool BrushMotor::steady() const { return std::fabs(acceleration()) * spec_.step.to_seconds() < spec_.steady_rev_s; }

void BrushMotor::advance_to_now() {
  const auto now = now_ps();
  position_ += speed_ * static_cast<double>(now - since_ps_) * 1e-12;
  since_ps_ = now;
}

// The blades' position (recorded) and the park contact the cam, or a stuck contact, sets.
void BrushMotor::apply_cam() {
  if (!spec_.park_cam) return;
  parked_sig_.write(parked());
  const bool contact = stuck_park_.value_or(parked());
  if (contact == contact_parked_) return;
  contact_parked_ = contact;
  auto& net = circuit_.network();
  net.set_resistance(park_to_ground_, contact_parked_ ? spec_.park_contact_ohm : electrical::kOpen);
  net.set_resistance(park_to_feed_, contact_parked_ ? electrical::kOpen : spec_.park_contact_ohm);
  circuit_.request_solve();
}

void BrushMotor::set_park_contact_stuck(std::optional<bool> parked) {
  advance_to_now();
  stuck_park_ = parked;
  apply_cam();
}

void BrushMotor::set_speed(double rev_s) {
  speed_ = rev_s;
  auto& net = circuit_.network();
  net.set_emf(slow_winding_, spec_.slow_emf_per_rev_s * speed_);
  if (spec_.two_speed) net.set_emf(fast_winding_, spec_.fast_emf_per_rev_s * speed_);
  speed_sig_.write(60.0 * speed_);
  moving_.write(speed_ > 0.0);
  circuit_.request_solve();
}

void BrushMotor::start_stepping() {
  cam_edge_.cancel();
  stepping_ = true;
  step_.notify(spec_.step);
}

// The next cam edge at the present steady speed, rounded up to whole microseconds (the module
// clock's unit) so stepped and skipped runs see it at the same instant.
void BrushMotor::schedule_cam_edge() {
  cam_edge_.cancel();
  if (!spec_.park_cam || speed_ <= 0.0) return;
  const double turn = position_ - std::floor(position_);
  const double to_edge = (turn < spec_.park_sector ? spec_.park_sector : 1.0) - turn;
  const double us = std::max(1.0, std::ceil(to_edge / speed_ * 1e6));
  cam_edge_.notify(sc_core::sc_time(us, sc_core::SC_US));
}

void BrushMotor::on_solved() {
  if (stepping_ || jammed_) return;
  advance_to_now();
  if (!steady()) start_stepping();
}

void BrushMotor::on_step() {
  advance_to_now();
  apply_cam();
  const double before = speed_;
  const double after = std::max(0.0, speed_ + acceleration() * spec_.step.to_seconds());
  set_speed(after);
  if (std::fabs(after - before) < spec_.steady_rev_s) {
    stepping_ = false;  // steady (or at rest): the next solve or cam edge takes over
    schedule_cam_edge();
  } else {
    step_.notify(spec_.step);
  }
}

void BrushMotor::on_cam_edge() {
  advance_to_now();
  apply_cam();
  schedule_cam_edge();
}

void BrushMotor::set_jammed(bool jammed) {
  advance_to_now();
  jammed_ = jammed;
  stepping_ = false;
  step_.cancel();
  cam_edge_.cancel();
  if (jammed) set_speed(0.0);
  circuit_.request_solve();
}

}  // namespace bcmhil::model
