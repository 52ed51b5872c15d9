#include "driver_failure.h"

namespace bcmhil::faults {

namespace {
model::HighSideDriver& driver_named(model::Vehicle& vehicle, const std::string& output) {
  if (output == "indicator_lh") return vehicle.bc1.indicator_driver_lh();
  if (output == "indicator_rh") return vehicle.bc1.indicator_driver_rh();
  using W = model::Wipers;
  if (output == "front_wiper_run") return vehicle.bc1.wipers().driver(W::ft_run);
  if (output == "front_wiper_speed") return vehicle.bc1.wipers().driver(W::ft_speed);
  if (output == "rear_wiper") return vehicle.bc1.wipers().driver(W::rr_run);
  if (output == "power_wash") return vehicle.bc1.wipers().driver(W::power_wash);
  if (output == "heated_rear_window") return vehicle.bc1.heated_screens().rear_relay_driver();
  if (output == "heated_front_screen") return vehicle.bc1.heated_screens().front_relay_driver();
  if (output == "blower_enable") return vehicle.bc1.climate().blower_driver();
  if (output == "siren") return vehicle.bc1.siren_driver();
  if (output == "bbs_arm") return vehicle.bc1.alarm_outputs().bbs_driver();
  return vehicle.bc1.tailgate_driver();
}
}  // namespace

std::vector<ParamSpec> driver_failure_params() {
  return {{"mode", ParamKind::choice, "open", "open: the output never comes up; shorted: the output is always on",
           {"open", "shorted"}},
          {"output", ParamKind::choice, "tailgate",
           "which driver: tailgate (DOP_BOOT_RELEASE), indicator_lh, indicator_rh, the relay coils "
           "front_wiper_run (DOP_FT_WIPER_PARK_RUN), front_wiper_speed (DOP_FT_WIPER_SLOW_FAST), rear_wiper "
           "(DOP_RR_WIPER_RLY), power_wash (DOP_PWR_WASH_RLY), heated_rear_window (DOP_HEATED_RR_WIN_RLY), "
           "heated_front_screen (DOP_HEATED_FT_WIN_RLY), blower_enable (DOP_BLOWER_ENABLE), the siren unit's lines "
           "siren (DOP_SOUND_ALARM) and bbs_arm (DOP_BBS_ARM_DISARM)",
           {"tailgate", "indicator_lh", "indicator_rh", "front_wiper_run", "front_wiper_speed", "rear_wiper",
            "power_wash", "heated_rear_window", "heated_front_screen", "blower_enable", "siren", "bbs_arm"}}};
}

DriverFailure::DriverFailure(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, sc_core::SC_ZERO_TIME),
      driver_(driver_named(vehicle, spec.choice("output"))),
      health_(spec.choice("mode") == "shorted" ? model::HighSideDriver::Health::failed_short
                                                : model::HighSideDriver::Health::failed_open) {}

void DriverFailure::begin() { driver_.set_health(health_); }

}  // namespace bcmhil::faults
