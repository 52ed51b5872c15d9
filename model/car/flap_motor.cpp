#include "flap_motor.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::model {

FlapMotor::FlapMotor(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                     trace::Recorder& recorder, double initial_position, FlapMotorSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      position_(std::clamp(initial_position, 0.0, 1.0)),
      recirculating_("recirculating", position_ > 0.5),
      position_sig_("position", position_) {
  auto& net = circuit.network();
  for (int i = 0; i < 3; ++i) pins_[i] = net.add_node(net_name + ".pin" + std::to_string(i + 1));
  motor_ = net.add_resistor(net_name + ".motor", pins_[0], pins_[1], spec_.winding_ohm);
  contact_ = net.add_resistor(net_name + ".end_contact", pins_[2], electrical::kGround, electrical::kOpen);
  update_contact();

  SC_HAS_PROCESS(FlapMotor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();

  watch_signal(recirculating_, recorder, net_name + ".recirculating", trace::Kind::bit, "",
               "the air flap is past mid-travel towards recirculation");
  watch_signal(position_sig_, recorder, net_name + ".position", trace::Kind::real, "",
               "air flap position, 0 = fresh-air end stop, 1 = recirculation end stop");
}

electrical::NodeId FlapMotor::pin(int number) const {
  if (number < 1 || number > 3) throw std::out_of_range("flap motor pin " + std::to_string(number) + " (pins 1-3)");
  return pins_[number - 1];
}

double FlapMotor::current() const { return circuit_.network().current(motor_); }

void FlapMotor::set_seized(bool seized) {
  seized_ = seized;
  circuit_.request_solve();
}

void FlapMotor::set_winding_ohm(double ohms) {
  circuit_.network().set_resistance(motor_, ohms);
  circuit_.request_solve();
}

void FlapMotor::update_contact() {
  if (at_end() == contact_closed_) return;
  contact_closed_ = at_end();
  circuit_.network().set_resistance(contact_, contact_closed_ ? spec_.contact_ohm : electrical::kOpen);
  circuit_.request_solve();
}

bool FlapMotor::can_move(double amps) const {
  if (seized_) return false;
  if (speed_ != 0.0) return true;
  if (std::fabs(amps) <= spec_.load_current_a) return false;  // stiction holds it
  if (amps > 0.0 && position_ >= 1.0) return false;           // pushing into the stop it sits against
  if (amps < 0.0 && position_ <= 0.0) return false;
  return true;
}

void FlapMotor::on_solved() {
  if (stepping_ || !can_move(current())) return;
  stepping_ = true;
  step_.notify(spec_.step);
}

void FlapMotor::on_step() {
  const double dt = spec_.step.to_seconds();
  const double amps = current();
  double speed = 0.0;
  if (!seized_) {
    // Torque and friction as currents, as in door_lock_motor.
    const double accel_per_amp =
        spec_.winding_ohm / (spec_.mechanical_time_constant_s * spec_.back_emf_v_per_travel_s);
    const double direction = speed_ != 0.0 ? std::copysign(1.0, speed_) : std::copysign(1.0, amps);
    speed = speed_ + accel_per_amp * (amps - direction * spec_.load_current_a) * dt;
    if (speed_ != 0.0 && std::copysign(1.0, speed) != direction) speed = 0.0;  // friction never reverses it
    if (speed_ == 0.0 && std::fabs(amps) <= spec_.load_current_a) speed = 0.0;
  }
  position_ += speed * dt;
  if (position_ >= 1.0 || position_ <= 0.0) {
    position_ = std::clamp(position_, 0.0, 1.0);
    speed = 0.0;
  }
  speed_ = speed;
  position_sig_.write(position_);
  if ((position_ > 0.5) != recirculating_.read()) recirculating_.write(position_ > 0.5);
  update_contact();
  circuit_.network().set_emf(motor_, spec_.back_emf_v_per_travel_s * speed_);
  circuit_.request_solve();
  stepping_ = speed_ != 0.0;
  if (stepping_) step_.notify(spec_.step);
}

}  // namespace bcmhil::model
