#pragma once
// The car's central-locking actuators and the switches that command them: the driver's and
// passenger's door lock motors, the fuel flap motor and the deadlock (super-lock) motor (one
// lumped actuator for both doors, chosen), wired to the BC1's relay pins as central_locking.h
// describes; the lock cylinders' key contacts in both doors and the master button in the
// centre console, each a contact to ground on a BC1 input.
//
// Harness lengths and cross-sections are estimates for a small car's body loom.
#include "contact_switch.h"
#include "door_lock_motor.h"
#include "harness.h"
#include "model/bc1/lock_relay_bank.h"

#include <systemc>

#include <array>
#include <memory>

namespace bcmhil::model {

class DoorLocks : public sc_core::sc_module {
 public:
  enum class Door { driver, passenger };

  DoorLocks(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, Harness& harness,
            const CentralLockingPins& bc1, bool initially_locked);

  // What a person does (from a simulation process).
  void turn_key(Door door, bool lock, sc_core::sc_time duration);
  void press_lock_button(bool lock, sc_core::sc_time duration);

  DoorLockMotor driver;     // "door_lock.driver": between DRV and COMMON
  DoorLockMotor passenger;  // "door_lock.passenger": between REST and COMMON
  DoorLockMotor fuel_flap;  // "door_lock.fuel_flap": between REST and COMMON
  DoorLockMotor deadlock;   // "door_lock.deadlock": between SUPER and COMMON

 private:
  enum Contact { drv_lock, drv_unlock, pass_lock, pass_unlock, master_lock, master_unlock, kContacts };

  std::array<std::unique_ptr<ContactSwitch>, kContacts> contact_;
};

}  // namespace bcmhil::model
