#include "heated_screens.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

HeatedScreens::HeatedScreens(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                             const HeatedScreenPins& pins)
    : sc_module(name),
      circuit_(circuit),
      recorder_(recorder),
      pins_(pins),
      rear_relay_driver_(circuit, "bc1.heated_rr_win_rly_driver", pins.supply, pins.rear_relay),
      front_relay_driver_(circuit, "bc1.heated_ft_win_rly_driver", pins.supply, pins.front_relay),
      rear_led_driver_(circuit, "bc1.ht_rr_win_led_driver", pins.supply, pins.rear_led),
      front_led_driver_(circuit, "bc1.ht_ft_win_led_driver", pins.supply, pins.front_led),
      shed_signal_(recorder.declare("bc1.load_shed", trace::Kind::bit, "",
                                    "low-voltage load shedding active (heated screens held off)", 0.0)) {
  SC_HAS_PROCESS(HeatedScreens);
  SC_METHOD(on_rear_press);
  sensitive << rear_switch.pos();
  dont_initialize();
  SC_METHOD(on_front_press);
  sensitive << front_switch.pos();
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_settled);
  sensitive << settled_;
  dont_initialize();
  SC_METHOD(write_outputs);
  sensitive << changed_;
  dont_initialize();

  using trace::Kind;
  watch_signal(rear_relay_, recorder, "DOP_HEATED_RR_WIN_RLY", Kind::bit, "", "heated rear window relay coil commanded");
  watch_signal(front_relay_, recorder, "DOP_HEATED_FT_WIN_RLY", Kind::bit, "", "heated front screen relay coil commanded");
  watch_signal(rear_led_, recorder, "DOP_HT_RR_WIN_LED", Kind::bit, "", "heated rear window switch LED");
  watch_signal(front_led_, recorder, "DOP_HT_FT_WIN_LED", Kind::bit, "", "heated front screen switch LED");
}

void HeatedScreens::on_rear_press() {
  if (!powered.read() || !ignition_) return;
  rear_request_ = !rear_request_;
  apply();
}

void HeatedScreens::on_front_press() {
  if (!powered.read() || !ignition_) return;
  front_request_ = !front_request_;
  apply();
}

void HeatedScreens::on_power() {
  // A brown-out reset loses the requests (RAM); the shed state is re-measured from scratch.
  if (!powered.read()) reset();
  apply();
}

void HeatedScreens::reset() {
  rear_request_ = false;
  front_request_ = false;
  apply();
}

void HeatedScreens::on_solved() {
  const auto& net = circuit_.network();
  const bool ignition = net.voltage(pins_.kl15) > kIgnitionOnV;
  if (ignition != ignition_) {
    ignition_ = ignition;
    if (!ignition_) rear_request_ = front_request_ = false;
    apply();
  }
  // Hysteresis: shed below 11.8 V, restore above 12.2 V, each level held for the settle time.
  const double volts = net.voltage(pins_.measure);
  const bool want_shed = shed_ ? !(volts > kRestoreAboveV) : volts < kShedBelowV;
  if (want_shed == shed_) {
    if (settling_) settled_.cancel();
    settling_ = false;
  } else if (!settling_) {
    settling_ = true;
    settled_.notify(sc_core::sc_time(kSettleS, sc_core::SC_SEC));
  }
}

void HeatedScreens::on_settled() {
  settling_ = false;
  shed_ = !shed_;
  recorder_.record(shed_signal_, now_ps(), shed_ ? 1.0 : 0.0);
  apply();
}

void HeatedScreens::apply() { changed_.notify(sc_core::SC_ZERO_TIME); }

void HeatedScreens::write_outputs() {
  const bool run = powered.read() && ignition_ && !shed_;
  const bool rear = run && rear_request_;
  const bool front = run && front_request_;
  rear_relay_.write(rear);
  front_relay_.write(front);
  rear_led_.write(rear);
  front_led_.write(front);
  rear_relay_driver_.command(rear);
  front_relay_driver_.command(front);
  rear_led_driver_.command(rear);
  front_led_driver_.command(front);
}

std::optional<bool> HeatedScreens::signal(std::string_view name) const {
  if (name == "DOP_HEATED_RR_WIN_RLY") return rear_relay_.read();
  if (name == "DOP_HEATED_FT_WIN_RLY") return front_relay_.read();
  if (name == "DOP_HT_RR_WIN_LED") return rear_led_.read();
  if (name == "DOP_HT_FT_WIN_LED") return front_led_.read();
  return std::nullopt;
}

}  // namespace bcmhil::model
