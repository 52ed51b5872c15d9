#include "wiper_system.h"

#include <stdexcept>

namespace bcmhil::model {

namespace {
// A node made once and shared by the members' constructors (they run before the body).
electrical::NodeId node(Circuit& circuit, const std::string& name) {
  auto& net = circuit.network();
  for (electrical::NodeId n = 0; n < static_cast<electrical::NodeId>(net.node_count()); ++n)
    if (net.node_name(n) == name) return n;
  return net.add_node(name);
}
}  // namespace

// Front motor (ESTIMATES, no source gives the R50's): ~3 A at 45 wipes/min on the slow brush, ~4.4 A
// at 65/min on the fast one, ~16 A stalled at 13 V; park sector 36 deg of the crank.
BrushMotorSpec WiperSystem::front_motor_spec() { return BrushMotorSpec{}; }

// Rear motor (estimates): one brush, ~1.2 A at ~40 wipes/min, ~6.5 A stalled.
BrushMotorSpec WiperSystem::rear_motor_spec() {
  BrushMotorSpec s;
  s.slow_winding_ohm = 2.0;
  s.slow_emf_per_rev_s = 15.9;
  s.two_speed = false;
  s.load_current_a = 1.2;
  s.mechanical_time_constant_s = 0.04;
  return s;
}

// A washer pump (estimates): a small motor at ~3000 /min pushing water, no park cam.
BrushMotorSpec WiperSystem::pump_spec(double winding_ohm, double load_a) {
  BrushMotorSpec s;
  s.slow_winding_ohm = winding_ohm;
  s.slow_emf_per_rev_s = 0.16;
  s.two_speed = false;
  s.park_cam = false;
  s.load_current_a = load_a;
  s.mechanical_time_constant_s = 0.03;
  s.steady_rev_s = 1e-3;  // as the wipers', scaled to its ~50 turns/s
  return s;
}

WiperSystem::WiperSystem(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                         PowerSupply& power, Harness& harness, const WiperPins& bc1)
    : sc_module(name),
      front_motor("front_motor", "front_wiper", circuit, recorder, node(circuit, "wiper.feed"), front_motor_spec()),
      rear_motor("rear_motor", "rear_wiper", circuit, recorder, node(circuit, "wiper.feed"), rear_motor_spec()),
      front_washer("front_washer", "front_washer", circuit, recorder, electrical::kGround, pump_spec(2.0, 2.5)),
      rear_washer("rear_washer", "rear_washer", circuit, recorder, electrical::kGround, pump_spec(2.0, 2.5)),
      headlamp_washer("headlamp_washer", "headlamp_washer", circuit, recorder, electrical::kGround,
                      pump_spec(1.0, 5.0)),
      run_relay("run_relay", "wiper_relay.run", circuit, recorder, node(circuit, "wiper_relay.run.coil_in"),
                node(circuit, "front_wiper.supply"), node(circuit, "wiper.feed"), front_motor.park()),
      speed_relay("speed_relay", "wiper_relay.speed", circuit, recorder, node(circuit, "wiper_relay.speed.coil_in"),
                  node(circuit, "front_wiper.supply"), front_motor.fast(), front_motor.slow()),
      rear_relay("rear_relay", "wiper_relay.rear", circuit, recorder, node(circuit, "wiper_relay.rear.coil_in"),
                 rear_motor.slow(), node(circuit, "wiper.feed"), rear_motor.park()),
      power_wash_relay("power_wash_relay", "wiper_relay.power_wash", circuit, recorder,
                       node(circuit, "wiper_relay.power_wash.coil_in"), headlamp_washer.slow(),
                       node(circuit, "wiper.feed"), electrical::kGround),
      stalk_sw1("stalk_sw1", circuit, recorder, electrical::kGround, "the wiper stalk's contact 1 is closed",
                "wiper_stalk.sw1"),
      stalk_sw2("stalk_sw2", circuit, recorder, electrical::kGround, "the wiper stalk's contact 2 is closed",
                "wiper_stalk.sw2"),
      stalk_rear("stalk_rear", circuit, recorder, electrical::kGround, "the rear wiper is switched on",
                 "wiper_stalk.rear"),
      stalk_front_wash("stalk_front_wash", circuit, recorder, node(circuit, "wiper.feed"),
                       "the stalk is pulled for the front washer", "wiper_stalk.front_wash"),
      stalk_rear_wash("stalk_rear_wash", circuit, recorder, node(circuit, "wiper.feed"),
                      "the stalk is pushed for the rear washer", "wiper_stalk.rear_wash") {
  auto& net = circuit.network();
  power.add_fused_kl15_feed("fuse.WIPER", "15WI", 30.0, net.node("wiper.feed"));
  // BC1 coil outputs -> relay box; park contacts and the speed sense -> motors; stalk -> BC1.
  // Lengths and cross-sections are estimates.
  harness.add_segment("harness.ft_wiper_run_rly", bc1.ft_run_rly_out, net.node("wiper_relay.run.coil_in"), 1.0, 0.35);
  harness.add_segment("harness.ft_wiper_speed_rly", bc1.ft_speed_rly_out, net.node("wiper_relay.speed.coil_in"), 1.0,
                      0.35);
  harness.add_segment("harness.rr_wiper_rly", bc1.rr_rly_out, net.node("wiper_relay.rear.coil_in"), 1.0, 0.35);
  harness.add_segment("harness.power_wash_rly", bc1.wash_rly_out, net.node("wiper_relay.power_wash.coil_in"), 1.0,
                      0.35);
  harness.add_segment("harness.ft_wiper_park", bc1.ft_park_in, front_motor.park(), 2.5, 0.35);
  harness.add_segment("harness.rr_wiper_park", bc1.rr_park_in, rear_motor.park(), 4.5, 0.35);
  harness.add_segment("harness.ft_wiper_sense", bc1.ft_sense_in, front_motor.fast(), 2.5, 0.35);
  harness.add_segment("harness.col_sw_1", bc1.col_sw_1_in, stalk_sw1.terminal(), 1.0, 0.35);
  harness.add_segment("harness.col_sw_2", bc1.col_sw_2_in, stalk_sw2.terminal(), 1.0, 0.35);
  harness.add_segment("harness.rr_wiper_sw", bc1.rr_wiper_sw_in, stalk_rear.terminal(), 1.0, 0.35);
  harness.add_segment("harness.front_washer_feed", stalk_front_wash.terminal(), front_washer.slow(), 2.0, 0.75);
  harness.add_segment("harness.rear_washer_feed", stalk_rear_wash.terminal(), rear_washer.slow(), 4.5, 0.75);
  harness.add_segment("harness.ft_wash_pump", bc1.ft_wash_in, front_washer.slow(), 1.5, 0.35);
  harness.add_segment("harness.rr_wash_pump", bc1.rr_wash_in, rear_washer.slow(), 4.5, 0.35);
}

const std::vector<std::string>& WiperSystem::stalk_positions() {
  static const std::vector<std::string> names{"wiper_intermittent", "wiper_slow", "wiper_fast",
                                              "rear_wiper",         "front_wash", "rear_wash"};
  return names;
}

// The stalk's coding (chosen): intermittent closes contact 1, slow contact 2, fast both.
void WiperSystem::hold(const std::string& position, sc_core::sc_time duration) {
  if (position == "wiper_intermittent") {
    stalk_sw1.press(duration);
  } else if (position == "wiper_slow") {
    stalk_sw2.press(duration);
  } else if (position == "wiper_fast") {
    stalk_sw1.press(duration);
    stalk_sw2.press(duration);
  } else if (position == "rear_wiper") {
    stalk_rear.press(duration);
  } else if (position == "front_wash") {
    stalk_front_wash.press(duration);
  } else if (position == "rear_wash") {
    stalk_rear_wash.press(duration);
  } else {
    throw std::invalid_argument("no switch " + position);
  }
}

}  // namespace bcmhil::model
