#include "door_locks.h"

namespace bcmhil::model {

namespace {
using R = CentralLocking::Relay;
}  // namespace

DoorLocks::DoorLocks(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, Harness& harness,
                     const CentralLockingPins& bc1, bool initially_locked)
    : sc_module(name),
      driver("driver", "door_lock.driver", circuit, recorder, initially_locked),
      passenger("passenger", "door_lock.passenger", circuit, recorder, initially_locked),
      fuel_flap("fuel_flap", "door_lock.fuel_flap", circuit, recorder, initially_locked),
      deadlock("deadlock", "door_lock.deadlock", circuit, recorder, false) {  // parked, not deadlocked
  auto& net = circuit.network();
  // Lock feeds: each motor's pin 1 on its relay's pin (REST feeds two motors through a splice).
  harness.add_segment("harness.drv_lock.body", bc1.relay_out[R::drv], driver.pin(1), 3.0, 1.0);
  const auto rest_splice = net.add_node("harness.rest_lock.splice");
  harness.add_segment("harness.rest_lock.body", bc1.relay_out[R::rest], rest_splice, 1.0, 1.5);
  harness.add_segment("harness.rest_lock.passenger", rest_splice, passenger.pin(1), 2.0, 1.0);
  harness.add_segment("harness.rest_lock.fuel_flap", rest_splice, fuel_flap.pin(1), 3.0, 0.75);
  harness.add_segment("harness.super_lock.body", bc1.relay_out[R::super], deadlock.pin(1), 3.0, 0.75);
  // The common return: every motor's pin 2 on the COMMON relay's pin through one splice.
  const auto common_splice = net.add_node("harness.common_lock.splice");
  harness.add_segment("harness.common_lock.body", bc1.relay_out[R::common], common_splice, 1.0, 1.5);
  harness.add_segment("harness.common_lock.driver", common_splice, driver.pin(2), 3.0, 1.0);
  harness.add_segment("harness.common_lock.passenger", common_splice, passenger.pin(2), 2.0, 1.0);
  harness.add_segment("harness.common_lock.fuel_flap", common_splice, fuel_flap.pin(2), 3.0, 0.75);
  harness.add_segment("harness.common_lock.deadlock", common_splice, deadlock.pin(2), 3.0, 0.75);

  // Switch contacts: BC1 input -> body loom -> contact -> ground at the door or console.
  struct Input {
    electrical::NodeId pin;
    const char* module;  // SystemC name (no dots)
    const char* net;     // name of its nodes, branches and signal
    const char* what;
  };
  const std::array<Input, kContacts> inputs{{
      {bc1.drv_key_lock_in, "driver_key_lock", "door_lock.driver.key_lock", "the driver's key is turned to lock"},
      {bc1.drv_key_unlock_in, "driver_key_unlock", "door_lock.driver.key_unlock", "the driver's key is turned to unlock"},
      {bc1.pass_key_lock_in, "passenger_key_lock", "door_lock.passenger.key_lock", "the passenger's key is turned to lock"},
      {bc1.pass_key_unlock_in, "passenger_key_unlock", "door_lock.passenger.key_unlock",
       "the passenger's key is turned to unlock"},
      {bc1.master_lock_in, "master_lock", "master_button.lock", "the centre lock button is pressed"},
      {bc1.master_unlock_in, "master_unlock", "master_button.unlock", "the centre unlock button is pressed"},
  }};
  for (std::size_t i = 0; i < kContacts; ++i) {
    const auto& in = inputs[i];
    contact_[i] = std::make_unique<ContactSwitch>(in.module, circuit, recorder, electrical::kGround, in.what, in.net);
    const bool in_door = i < master_lock;
    harness.add_segment(std::string("harness.") + in.net, in.pin, contact_[i]->terminal(), in_door ? 3.0 : 1.0, 0.35);
  }
}

void DoorLocks::turn_key(Door door, bool lock, sc_core::sc_time duration) {
  if (door == Door::driver)
    contact_[lock ? drv_lock : drv_unlock]->press(duration);
  else
    contact_[lock ? pass_lock : pass_unlock]->press(duration);
}

void DoorLocks::press_lock_button(bool lock, sc_core::sc_time duration) {
  contact_[lock ? master_lock : master_unlock]->press(duration);
}

}  // namespace bcmhil::model
