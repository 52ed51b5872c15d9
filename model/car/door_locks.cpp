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
      deadlock("deadlock", "door_lock.deadlock", circuit, recorder, false),  // parked, not deadlocked
      circuit_(circuit) {
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
  const std::array<std::pair<electrical::NodeId, const char*>, kContacts> inputs{{
      {bc1.drv_key_lock_in, "door_lock.driver.key_lock"},
      {bc1.drv_key_unlock_in, "door_lock.driver.key_unlock"},
      {bc1.pass_key_lock_in, "door_lock.passenger.key_lock"},
      {bc1.pass_key_unlock_in, "door_lock.passenger.key_unlock"},
      {bc1.master_lock_in, "master_button.lock"},
      {bc1.master_unlock_in, "master_button.unlock"},
  }};
  for (std::size_t i = 0; i < kContacts; ++i) {
    const std::string name = inputs[i].second;
    const auto node = net.add_node(name);
    const bool in_door = i < master_lock;
    harness.add_segment("harness." + name, inputs[i].first, node, in_door ? 3.0 : 1.0, 0.35);
    contact_[i] = net.add_resistor(name + ".contact", node, electrical::kGround, electrical::kOpen);
  }

  SC_HAS_PROCESS(DoorLocks);
  SC_METHOD(release_due);
  sensitive << release_;
  dont_initialize();
}

void DoorLocks::turn_key(Door door, bool lock, sc_core::sc_time duration) {
  if (door == Door::driver)
    close(lock ? drv_lock : drv_unlock, duration);
  else
    close(lock ? pass_lock : pass_unlock, duration);
}

void DoorLocks::press_lock_button(bool lock, sc_core::sc_time duration) {
  close(lock ? master_lock : master_unlock, duration);
}

void DoorLocks::close(Contact contact, sc_core::sc_time duration) {
  closed_[contact] = true;
  release_at_[contact] = sc_core::sc_time_stamp() + duration;
  circuit_.network().set_resistance(contact_[contact], kContactClosedOhm);
  circuit_.request_solve();
  release_.notify(duration);  // an earlier pending release stays; release_due re-arms for the rest
}

void DoorLocks::release_due() {
  const auto now = sc_core::sc_time_stamp();
  bool changed = false;
  sc_core::sc_time next = sc_core::SC_ZERO_TIME;
  for (std::size_t i = 0; i < kContacts; ++i) {
    if (!closed_[i]) continue;
    if (release_at_[i] <= now) {
      closed_[i] = false;
      circuit_.network().set_resistance(contact_[i], electrical::kOpen);
      changed = true;
    } else if (next == sc_core::SC_ZERO_TIME || release_at_[i] - now < next) {
      next = release_at_[i] - now;
    }
  }
  if (changed) circuit_.request_solve();
  if (next != sc_core::SC_ZERO_TIME) release_.notify(next);
}

}  // namespace bcmhil::model
