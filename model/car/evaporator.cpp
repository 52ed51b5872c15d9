#include "evaporator.h"

#include "model/circuit/watch.h"

#include <cmath>

namespace bcmhil::model {

Evaporator::Evaporator(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
                       trace::Recorder& recorder, electrical::NodeId sensor, electrical::BranchId clutch,
                       EvaporatorSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      clutch_(clutch),
      temperature_c_(spec.ambient_c),
      temperature_sig_("temperature", spec.ambient_c) {
  ntc_ = circuit.network().add_resistor(net_name + ".ntc", sensor, electrical::kGround, ntc_ohm(temperature_c_));
  SC_HAS_PROCESS(Evaporator);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_step);
  sensitive << step_;
  dont_initialize();
  watch_signal(temperature_sig_, recorder, net_name + ".temperature", trace::Kind::real, "degC",
               "evaporator temperature (a thermometer in the fins)");
}

double Evaporator::ntc_ohm(double celsius) const {
  return spec_.ntc_r25_ohm * std::exp(spec_.ntc_beta_k * (1.0 / (celsius + 273.15) - 1.0 / 298.15));
}

double Evaporator::temperature_c() const {
  const double dt = static_cast<double>(now_ps() - since_ps_) * 1e-12;
  const double tau = cooling_ ? spec_.cooling_time_s : spec_.warming_time_s;
  return target_c() + (temperature_c_ - target_c()) * std::exp(-dt / tau);
}

void Evaporator::catch_up() {
  temperature_c_ = temperature_c();
  since_ps_ = now_ps();
}

bool Evaporator::settled() const { return std::fabs(temperature_c_ - target_c()) < 0.05; }

void Evaporator::on_solved() {
  const bool cooling = std::fabs(circuit_.network().current(clutch_)) > spec_.clutch_engaged_a;
  if (cooling == cooling_) return;
  catch_up();
  cooling_ = cooling;
  if (!stepping_ && !settled()) {
    stepping_ = true;
    step_.notify(spec_.step);
  }
}

void Evaporator::on_step() {
  catch_up();
  temperature_sig_.write(temperature_c_);
  circuit_.network().set_resistance(ntc_, ntc_ohm(temperature_c_));
  circuit_.request_solve();
  stepping_ = !settled();
  if (stepping_) step_.notify(spec_.step);
}

}  // namespace bcmhil::model
