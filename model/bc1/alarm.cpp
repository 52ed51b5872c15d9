#include "alarm.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

namespace {
// Per zone: its mislock code (none for tilt: a car standing tilted is no mislock in the table) and
// its trigger code.
constexpr int kNoCode = -1;
constexpr int kMislock[] = {info_code::kMislockDriverDoor, info_code::kMislockPassengerDoor, info_code::kMislockBonnet,
                            info_code::kMislockTailgate, kNoCode};
constexpr int kTrigger[] = {info_code::kTriggerDriverDoor, info_code::kTriggerPassengerDoor, info_code::kTriggerBonnet,
                            info_code::kTriggerTailgate, info_code::kTriggerTilt};
}  // namespace

Alarm::Alarm(sc_core::sc_module_name name, const Bc1Coding& coding, const BodyCoding& body, InfoMemory& info)
    : sc_module(name), coding_(coding), body_(body), info_(info) {
  SC_HAS_PROCESS(Alarm);
  // One method for every cause, so each output has a single writer.
  SC_METHOD(update);
  sensitive << locked << powered << driver_door << passenger_door << bonnet << tailgate << tilt << boot_release
            << siren_timer_ << flash_timer_ << led_timer_;
  dont_initialize();
}

bool Alarm::zone(int z) const {
  switch (z) {
    case kDriverDoor: return driver_door.read();
    case kPassengerDoor: return passenger_door.read();
    case kBonnet: return bonnet.read();
    case kTailgate: return tailgate.read();
    default: return tilt.read();
  }
}

void Alarm::sound(sc_core::sc_time now) {
  if (siren_on_) return;  // a trigger while sounding is counted, not lengthened
  siren_on_ = flash_on_ = true;
  siren_end_ = flash_end_ = now + body_.alarm_time;
  siren_timer_.cancel();
  flash_timer_.cancel();
  siren_timer_.notify(body_.alarm_time);
  flash_timer_.notify(body_.alarm_time);
}

void Alarm::update() {
  const auto now = sc_core::sc_time_stamp();
  bool is[kZoneCount];
  for (int z = 0; z < kZoneCount; ++z) is[z] = zone(z);
  const bool is_locked = locked.read() && powered.read();

  if (siren_on_ && now >= siren_end_) siren_on_ = false;
  if (flash_on_ && now >= flash_end_) flash_on_ = false;

  if (boot_release.read() && armed_) tailgate_suspended_ = true;
  if (tailgate_suspended_ && was_[kTailgate] && !is[kTailgate]) tailgate_suspended_ = false;  // lid shut again

  if (is_locked && !was_locked_) {
    armed_ = true;
    tailgate_suspended_ = false;
    led_end_ = now + sc_core::sc_time(kLedConfirmS, sc_core::SC_SEC);
    led_timer_.cancel();
    led_timer_.notify(sc_core::sc_time(kLedConfirmS, sc_core::SC_SEC));
    int mislocks = 0;
    for (int z = 0; z < kZoneCount; ++z)
      if (is[z] && kMislock[z] != kNoCode) {
        info_.record(static_cast<std::uint8_t>(kMislock[z]), now.value());
        ++mislocks;
      }
    if (mislocks > 0 && body_.mislock_flashes > 0) {
      // N whole flashes of the indicator cadence: the request ends as the last flash goes dark.
      flash_on_ = true;
      flash_end_ = now + (coding_.flash_on + coding_.flash_off) * (body_.mislock_flashes - 1) + coding_.flash_on;
      flash_timer_.cancel();
      flash_timer_.notify(flash_end_ - now);
    }
  } else if (!is_locked && was_locked_) {
    armed_ = siren_on_ = flash_on_ = tailgate_suspended_ = false;
    siren_timer_.cancel();
    flash_timer_.cancel();
    led_timer_.cancel();
  } else if (armed_) {
    for (int z = 0; z < kZoneCount; ++z) {
      if (!is[z] || was_[z]) continue;
      if (z == kTailgate && tailgate_suspended_) continue;
      info_.record(static_cast<std::uint8_t>(kTrigger[z]), now.value());
      sound(now);
    }
  }
  was_locked_ = is_locked;
  for (int z = 0; z < kZoneCount; ++z) was_[z] = is[z];

  armed.write(armed_);
  led.write(armed_ && (now < led_end_ || siren_on_));
  siren.write(siren_on_);
  flash.write(flash_on_);
}

}  // namespace bcmhil::model
