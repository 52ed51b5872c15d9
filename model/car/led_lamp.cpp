#include "led_lamp.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

LedLamp::LedLamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
                 LedLampSpec spec)
    : sc_module(name),
      circuit_(circuit),
      spec_(spec),
      feed_(feed),
      branch_(circuit.network().add_resistor(std::string(basename()) + ".leds", feed, electrical::kGround,
                                             spec.blocking_ohm)) {
  circuit.add_correction([this](electrical::Network& net) { return correct(net); });
  SC_HAS_PROCESS(LedLamp);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  const std::string base = basename();
  watch_signal(glowing_, recorder, base + ".glowing", trace::Kind::bit, "", "the LED lamp shows light (even dimly)");
  watch_signal(lit_, recorder, base + ".lit", trace::Kind::bit, "", "the LED lamp is fully lit");
}

bool LedLamp::correct(electrical::Network& net) {
  // Conducting while current flows forward; blocking until the feed rises above the forward voltage.
  const bool conduct = conducting_ ? net.current(branch_) > 0.0 : net.voltage(feed_) > spec_.forward_volts;
  if (conduct == conducting_) return false;
  conducting_ = conduct;
  net.set_resistance(branch_, conduct ? spec_.series_ohm() : spec_.blocking_ohm);
  net.set_emf(branch_, conduct ? spec_.forward_volts : 0.0);
  return true;
}

double LedLamp::amps() const { return conducting_ ? circuit_.network().current(branch_) : 0.0; }

void LedLamp::on_solved() {
  const double amps = this->amps();
  if ((amps > spec_.glow_amps) != glowing_.read()) glowing_.write(amps > spec_.glow_amps);
  const bool lit = amps > spec_.lit_fraction * spec_.rated_amps;
  if (lit != lit_.read()) lit_.write(lit);
}

}  // namespace bcmhil::model
