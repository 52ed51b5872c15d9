#include "relay_faults.h"

#include "growth_law.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::faults {

namespace {
// Fine enough that each lock command sees the film as it is at that moment.
const sc_core::sc_time kStep{100, sc_core::SC_MS};
}  // namespace

model::LockRelay& lock_relay_named(model::Vehicle& vehicle, const std::string& relay) {
  using R = model::CentralLocking::Relay;
  // The window relays (model/bc1/power_windows.h), in the same order as their choice names.
  const auto& windows = window_relay_choices();
  for (std::size_t i = 0; i < windows.size(); ++i)
    if (relay == windows[i]) return vehicle.bc1.power_windows().relay(i);
  if (relay == "common") return vehicle.bc1.lock_relay(R::common);
  if (relay == "rest") return vehicle.bc1.lock_relay(R::rest);
  if (relay == "super") return vehicle.bc1.lock_relay(R::super);
  return vehicle.bc1.lock_relay(R::drv);
}

const std::vector<std::string>& window_relay_choices() {
  static const std::vector<std::string> names{"driver_window_up", "driver_window_down", "passenger_window_up",
                                              "passenger_window_down"};
  return names;
}

ParamSpec relay_choice_param() {
  std::vector<std::string> choices{"driver", "common", "rest", "super"};
  for (const auto& w : window_relay_choices()) choices.push_back(w);
  return {"relay", ParamKind::choice, "driver",
          "which relay: the lock relays driver (DOP_DRV_LOCK_RLY), common (DOP_COMMON_LOCK_RLY), rest "
          "(DOP_REST_LOCK_RLY: passenger door and fuel flap), super (DOP_SUPER_LOCK_RLY: deadlock); the window "
          "relays driver_window_up (DOP_DRV_WIN_UP), driver_window_down, passenger_window_up, passenger_window_down",
          choices};
}

std::vector<ParamSpec> relay_contact_corrosion_params() {
  return {relay_choice_param(),
          {"resistance", ParamKind::resistance_ohm, "1 Mohm",
           "film resistance once grown (the default is as good as open)", {}, 1e-3, 1e12},
          {"growth_time", ParamKind::duration_s, "20 s", "time from onset until it reaches that resistance (from 1 mohm)",
           {}, 0.0, 1e9}};
}

std::vector<ParamSpec> relay_welded_params() {
  return {relay_choice_param(),
          {"side", ParamKind::choice, "no",
           "no: welded pulled in (the motor is fed all the time); nc: welded at rest (the relay never switches)",
           {"no", "nc"}}};
}

std::vector<ParamSpec> relay_coil_open_params() { return {relay_choice_param()}; }

RelayContactCorrosion::RelayContactCorrosion(sc_core::sc_module_name name, const FaultSpec& spec,
                                             model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      relay_(lock_relay_named(vehicle, spec.choice("relay"))),
      end_ohm_(spec.number("resistance")),
      growth_s_(spec.number("growth_time")) {}

bool RelayContactCorrosion::progress(sc_core::sc_time since_onset) {
  // Geometric growth (the film's resistance is exponential in its thickness): mohm, then ohms.
  const GrowthLaw law{kCleanFilmOhm, end_ohm_, growth_s_};
  const double t = since_onset.to_seconds();
  relay_.set_contact_film(law.ohm_at(t));
  return !law.grown(t);
}

RelayWelded::RelayWelded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      relay_(lock_relay_named(vehicle, spec.choice("relay"))),
      side_(spec.choice("side") == "nc" ? model::LockRelay::Side::nc : model::LockRelay::Side::no) {}

void RelayWelded::begin() { relay_.set_welded(side_); }

RelayCoilOpen::RelayCoilOpen(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME), relay_(lock_relay_named(vehicle, spec.choice("relay"))) {}

void RelayCoilOpen::begin() { relay_.set_coil_open(true); }

}  // namespace bcmhil::faults
