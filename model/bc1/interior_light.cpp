#include "interior_light.h"

namespace bcmhil::model {

InteriorLight::InteriorLight(sc_core::sc_module_name name, const BodyCoding& coding)
    : sc_module(name), coding_(coding) {
  SC_HAS_PROCESS(InteriorLight);
  // One method for every cause, so the output has a single writer.
  SC_METHOD(update);
  sensitive << driver_door << passenger_door << locked << powered << timer_;
  dont_initialize();
}

void InteriorLight::update() {
  const auto now = sc_core::sc_time_stamp();
  const bool driver = driver_door.read(), passenger = passenger_door.read(), is_locked = locked.read();
  const bool door_opened = (driver && !was_driver_) || (passenger && !was_passenger_);
  const bool any_open = driver || passenger;
  const bool last_closed = !any_open && (was_driver_ || was_passenger_);
  const bool lock_edge = is_locked && !was_locked_;
  was_driver_ = driver, was_passenger_ = passenger, was_locked_ = is_locked;

  if (!powered.read()) {
    on_ = false, timing_ = false, cut_off_ = false;
    timer_.cancel();
    // A booting module knows nothing of earlier edges: a door found open counts as just opened.
    was_driver_ = was_passenger_ = false;
  } else if (door_opened) {
    on_ = true, cut_off_ = false, timing_ = true;
    deadline_ = now + coding_.interior_light_cutoff;
    timer_.cancel();
    timer_.notify(coding_.interior_light_cutoff);
  } else if (last_closed) {
    cut_off_ = false;
    timing_ = on_;  // a light the battery saver already cut stays off
    if (timing_) {
      deadline_ = now + coding_.interior_light_delay;
      timer_.cancel();
      timer_.notify(coding_.interior_light_delay);
    }
  } else if (timing_ && now >= deadline_) {
    timing_ = false;
    cut_off_ = any_open;  // the delay after closing ran out, or the battery saver with a door open
    on_ = false;
  }
  if (lock_edge && on_) {
    on_ = false, timing_ = false;
    timer_.cancel();
  }
  light.write(on_);
}

}  // namespace bcmhil::model
