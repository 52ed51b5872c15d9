#include "power_window_doors.h"

namespace bcmhil::model {

const std::vector<std::string>& PowerWindowDoors::switch_names() {
  static const std::vector<std::string> names{"driver_window_up", "driver_window_down", "passenger_window_up",
                                              "passenger_window_down"};
  return names;
}

PowerWindowDoors::PowerWindowDoors(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder,
                                   Harness& harness, PowerSupply& power, const PowerWindowPins& pins)
    : sc_module(name),
      driver("driver_window", "window.driver", circuit, recorder),
      passenger("passenger_window", "window.passenger", circuit, recorder) {
  power.add_fused_feed("fuse.30DW", "30DW", 20.0, pins.kl30_dw);
  power.add_fused_feed("fuse.30PW", "30PW", 20.0, pins.kl30_pw);
  harness.add_segment("harness.window_ground", pins.ground, electrical::kGround, 0.5, 2.5);
  // Up relay pin -> door loom -> motor pin 1; down relay pin -> motor pin 2.
  harness.add_segment("harness.driver_window_up", pins.drv_up_out, driver.pin(1), 3.0, 1.5);
  harness.add_segment("harness.driver_window_down", pins.drv_down_out, driver.pin(2), 3.0, 1.5);
  harness.add_segment("harness.passenger_window_up", pins.pass_up_out, passenger.pin(1), 3.0, 1.5);
  harness.add_segment("harness.passenger_window_down", pins.pass_down_out, passenger.pin(2), 3.0, 1.5);
  // Console rockers: BC1 input -> console loom -> contact -> ground.
  const std::array<electrical::NodeId, kWindowRelays> inputs{pins.drv_up_sw_in, pins.drv_down_sw_in, pins.pass_up_sw_in,
                                                            pins.pass_down_sw_in};
  const auto& names = switch_names();
  for (std::size_t i = 0; i < kWindowRelays; ++i) {
    const std::string net_name = "window_switch." + names[i];
    switches_[i] = std::make_unique<ContactSwitch>(names[i].c_str(), circuit, recorder, electrical::kGround,
                                                   "the " + names[i] + " rocker contact is held", net_name);
    harness.add_segment("harness." + net_name, inputs[i], switches_[i]->terminal(), 1.0, 0.35);
  }
  SC_HAS_PROCESS(PowerWindowDoors);
  SC_METHOD(clear_driver);
  sensitive << cleared_[PowerWindows::driver];
  dont_initialize();
  SC_METHOD(clear_passenger);
  sensitive << cleared_[PowerWindows::passenger];
  dont_initialize();
}

void PowerWindowDoors::obstruct(PowerWindows::Door door, double gap_mm, sc_core::sc_time duration) {
  motor(door).set_obstacle(gap_mm);
  cleared_[door].cancel();
  cleared_[door].notify(duration);
}

ContactSwitch* PowerWindowDoors::find_switch(const std::string& name) {
  const auto& names = switch_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return switches_[i].get();
  return nullptr;
}

}  // namespace bcmhil::model
