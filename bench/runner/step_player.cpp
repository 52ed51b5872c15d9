#include "step_player.h"

namespace bcmhil::runner {

using scenario::Action;

StepPlayer::StepPlayer(sc_core::sc_module_name name, model::Vehicle& vehicle, const std::vector<scenario::Step>& steps)
    : sc_module(name), vehicle_(vehicle), steps_(steps) {
  SC_HAS_PROCESS(StepPlayer);
  SC_THREAD(play);
}

void StepPlayer::play() {
  for (const auto& step : steps_) {  // sorted by time by the parser
    if (step.at > sc_core::sc_time_stamp()) wait(step.at - sc_core::sc_time_stamp());
    apply_step(vehicle_, step);
  }
}

void apply_step(model::Vehicle& vehicle, const scenario::Step& step) {
  switch (step.action) {
    case Action::press_fob: vehicle.press_fob(step.key, step.button); break;
    case Action::press_lid_handle: vehicle.press_lid_handle(step.duration); break;
    case Action::close_hatch: vehicle.close_hatch(); break;
    case Action::hold_hatch: vehicle.hatch_lock.hold_at(step.angle_deg); break;  // a latched lid does not move
    case Action::set_battery: vehicle.set_battery_volts(step.volts); break;
    case Action::set_ignition: vehicle.set_ignition(step.on); break;
    case Action::turn_key: vehicle.turn_key(step.door, step.lock, step.duration); break;
    case Action::press_lock_button: vehicle.press_lock_button(step.lock, step.duration); break;
    case Action::press_switch: vehicle.press_switch(step.target, step.duration); break;
    case Action::set_control: vehicle.set_control(step.target, step.position); break;
    case Action::open: vehicle.open(*model::body_opening_from_string(step.what)); break;
    case Action::close:
      if (step.what == "hatch")
        vehicle.close_hatch();
      else
        vehicle.close(*model::body_opening_from_string(step.what));
      break;
    case Action::press_hazard: vehicle.press_hazard(step.duration); break;
    case Action::tilt: vehicle.set_tilted(step.on); break;
    case Action::obstruct_window: vehicle.obstruct_window(step.window, step.gap_mm, step.duration); break;
    case Action::diagnose: break;  // a tester outside the kernel runs these (runner/diagnostic_session)
  }
}

}  // namespace bcmhil::runner
