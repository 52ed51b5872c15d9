#pragma once
// The power windows in the car: both doors' window motors (window_motor.h), the four rocker
// contacts in the centre console that the BC1 reads (DIP_DRV_WIN_UP_SW ...), the windows' fused
// feeds 30DW and 30PW, and the harness between them and the BC1's pins.
//
// Chosen (no source gives the MINI's figures): fuses 30DW / 30PW 20 A (the motor stalls at ~19 A);
// motor wires 3 m of 1.5 mm2 through the door hinge, the console switches 1 m of 0.35 mm2, the
// windows' power ground 0.5 m of 2.5 mm2 to the body. The R50's window switches are toggles in the
// centre console, one per window; each closes its up or down contact to ground.
#include "contact_switch.h"
#include "harness.h"
#include "power_supply.h"
#include "window_motor.h"
#include "model/bc1/power_windows.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::model {

class PowerWindowDoors : public sc_core::sc_module {
 public:
  PowerWindowDoors(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, Harness& harness,
                   PowerSupply& power, const PowerWindowPins& pins);

  // The console switches by Vehicle::press_switch name: driver_window_up, driver_window_down,
  // passenger_window_up, passenger_window_down.
  static const std::vector<std::string>& switch_names();
  ContactSwitch* find_switch(const std::string& name);

  WindowMotor driver;     // window.driver.*
  WindowMotor passenger;  // window.passenger.*
  WindowMotor& motor(PowerWindows::Door door) { return door == PowerWindows::driver ? driver : passenger; }
  // Someone holds a test rod (or a hand) in the window's opening, its top `gap_mm` below the
  // frame, for `duration`; then takes it away.
  void obstruct(PowerWindows::Door door, double gap_mm, sc_core::sc_time duration);

 private:
  void clear_driver() { driver.set_obstacle(std::nullopt); }
  void clear_passenger() { passenger.set_obstacle(std::nullopt); }
  std::array<sc_core::sc_event, 2> cleared_;
  std::array<std::unique_ptr<ContactSwitch>, kWindowRelays> switches_;  // by relay index
};

}  // namespace bcmhil::model
