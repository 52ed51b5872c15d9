#pragma once
// The BC1's anti-theft alarm: it arms when the car is locked (bc1.locked rises) and disarms when it
// is unlocked.
//
// At arming every zone input already ON is a mislock: recorded in the info memory (0x30 driver
// door, 0x31 passenger door, 0x32 bonnet, 0x33 tailgate) and shown to the person walking away by
// the indicators: `mislock_flashes` flashes instead of the lock acknowledge (the arbiter lets the
// alarm win). A zone that was ON at arming is not ignored for good: once it goes OFF, its next
// OFF->ON is a trigger like any other.
//
// While armed, a zone going ON is a trigger: recorded (0x42 driver door, 0x43 passenger door, 0x45
// tilt, 0x46 bonnet, 0x47 tailgate), the siren (DOP_SOUND_ALARM) sounds and the indicators flash
// for alarm_time. Each further trigger is counted; one that comes while the siren sounds does not
// lengthen it (chosen). The alarm stays armed after the siren stops.
//
// The fob's trunk button releases the tailgate with the doors locked (owner report): a release the
// module commanded itself (DOP_BOOT_RELEASE) suspends the tailgate zone until the lid has been
// opened and closed again, so the owner taking shopping out of the boot sets nothing off.
//
// DOP_ALARM_LED confirms arming: lit for kLedConfirmS after the lock and while the siren sounds,
// dark otherwise (chosen: the real LED blinks while armed at a rate no source we have gives; a
// steady LED would be a parasitic drain on the parked car and keep the module awake).
#include "body_coding.h"
#include "coding.h"
#include "info_memory.h"

#include <systemc>

namespace bcmhil::model {

class Alarm : public sc_core::sc_module {
 public:
  // `coding` gives the indicator cadence, `body` the mislock pattern and the alarm time.
  Alarm(sc_core::sc_module_name name, const Bc1Coding& coding, const BodyCoding& body, InfoMemory& info);

  sc_core::sc_in<bool> locked{"locked"};
  sc_core::sc_in<bool> powered{"powered"};
  // Zone inputs, debounced, 1 = open / tilted.
  sc_core::sc_in<bool> driver_door{"driver_door"};        // DIP_DRV_DOOR_OPEN
  sc_core::sc_in<bool> passenger_door{"passenger_door"};  // DIP_PASS_DOOR_OPEN
  sc_core::sc_in<bool> bonnet{"bonnet"};                  // DIP_BONNET_SW
  sc_core::sc_in<bool> tailgate{"tailgate"};              // DIP_BOOT_OPEN_SW
  sc_core::sc_in<bool> tilt{"tilt"};                      // DIP_ALARM_TILT_SW
  sc_core::sc_in<bool> boot_release{"boot_release"};      // DOP_BOOT_RELEASE, as commanded

  sc_core::sc_out<bool> armed{"armed"};    // bc1.alarm_armed
  sc_core::sc_out<bool> siren{"siren"};    // DOP_SOUND_ALARM
  sc_core::sc_out<bool> led{"led"};        // DOP_ALARM_LED
  sc_core::sc_out<bool> flash{"flash"};    // to the indicator arbiter: flash both sides

  static constexpr double kLedConfirmS = 10.0;  // chosen, see above

 private:
  enum Zone { kDriverDoor, kPassengerDoor, kBonnet, kTailgate, kTilt, kZoneCount };
  void update();
  bool zone(int z) const;
  void sound(sc_core::sc_time now);

  const Bc1Coding& coding_;
  const BodyCoding& body_;
  InfoMemory& info_;
  bool armed_ = false;
  bool was_locked_ = false;
  bool was_[kZoneCount] = {};
  bool tailgate_suspended_ = false;
  bool siren_on_ = false, flash_on_ = false;
  sc_core::sc_time siren_end_, flash_end_, led_end_;
  sc_core::sc_event siren_timer_, flash_timer_, led_timer_;
};

}  // namespace bcmhil::model
