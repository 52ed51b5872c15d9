// The remote-key memory (model/bc1/remote_keys.h) driven end to end through a car: fob telegrams
// on the data line, the ignition on the KL15 pin, the doors and indicators as a person sees them.
// The re-sync procedure is the domain notes' "ignition on, off, then within 10 s unlock and lock".
#include "model/bc1/remote_keys.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

using model::FobButton;
using model::KeySlot;
using model::RfVerdict;

// Fob 1 pressed 5000 times out of range: far outside the 32-step window.
constexpr std::uint16_t kLostCounter = 5000;

struct FobCar {
  FobCar() {
    car.car().fob(1).counter = kLostCounter;
    car.elaborate();
    car.run_until(500 * kMs);
  }
  // Presses and lets the telegram (~50 ms) and the module's reaction settle.
  void press(int key, FobButton button, std::uint64_t settle = 1 * kS) {
    car.car().press_fob(key, button);
    car.run_for(settle);
  }
  void ignition(bool on) {
    car.car().set_ignition(on);
    car.run_for(500 * kMs);
  }
  bool locked() const { return car.sig("bc1.locked").samples.back().value != 0.0; }
  bool door_locked() const { return car.sig("door_lock.driver.locked").samples.back().value != 0.0; }
  RfVerdict verdict() { return car.car().bc1.controller().last_rf_verdict(); }
  std::size_t flashes() const { return rises(car.sig("indicator_lh.lit")).size(); }
  CarUnderTest car;
};

TEST(RemoteKeys, AnOutOfSyncFobDoesNothing) {
  FobCar f;
  f.press(1, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_TRUE(f.locked());
  EXPECT_TRUE(f.door_locked());
  EXPECT_EQ(f.flashes(), 0u);
}

TEST(RemoteKeys, IgnitionOnOffThenUnlockAndLockBringsTheFobBack) {
  FobCar f;
  f.ignition(true);
  f.ignition(false);
  EXPECT_TRUE(f.car.car().bc1.remote_keys().resync_window_open());
  f.press(1, FobButton::unlock);  // remembered, nothing moves yet
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_TRUE(f.door_locked());
  f.press(1, FobButton::lock);  // completes the procedure: accepted, locks and flashes once
  EXPECT_EQ(f.verdict(), RfVerdict::ok);
  EXPECT_EQ(f.car.car().bc1.remote_keys().slot(0).window_code, kLostCounter + 2u);
  EXPECT_FALSE(f.car.car().bc1.remote_keys().resync_window_open()) << "the window closes with the re-sync";
  EXPECT_EQ(f.flashes(), 1u) << "the lock acknowledge (US coding: lock = 1 flash)";
  // From now on the fob works as before it was lost.
  f.press(1, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::ok);
  EXPECT_FALSE(f.locked());
  EXPECT_FALSE(f.door_locked());
}

TEST(RemoteKeys, WithoutTheIgnitionCycleUnlockAndLockDoNothing) {
  FobCar f;
  f.press(1, FobButton::unlock);
  f.press(1, FobButton::lock);
  f.press(1, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_TRUE(f.door_locked());
  EXPECT_EQ(f.flashes(), 0u);
}

TEST(RemoteKeys, TheWindowClosesTenSecondsAfterIgnitionOff) {
  FobCar f;
  f.ignition(true);
  f.car.car().set_ignition(false);
  f.car.run_for(10 * kS + 1 * kMs);
  EXPECT_FALSE(f.car.car().bc1.remote_keys().resync_window_open());
  f.press(1, FobButton::unlock);
  f.press(1, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_EQ(f.flashes(), 0u);
}

TEST(RemoteKeys, LockWithoutTheUnlockFirstDoesNotResync) {
  FobCar f;
  f.ignition(true);
  f.ignition(false);
  f.press(1, FobButton::lock);
  f.press(1, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  // The unlock must come from the same fob: key 2's unlock (in sync) works by itself, but does
  // not let key 1's lock through.
  f.press(1, FobButton::unlock);
  f.car.car().fob(1).counter += 5;  // key 1's lock now 6 behind its unlock: more than one lost press
  f.press(1, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_EQ(f.flashes(), 0u);
}

TEST(RemoteKeys, IgnitionOnAgainClosesTheWindow) {
  FobCar f;
  f.ignition(true);
  f.ignition(false);
  f.press(1, FobButton::unlock);
  f.ignition(true);
  f.press(1, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
}

TEST(RemoteKeys, APowerOnForgetsAnOpenWindowButKeepsTheSlots) {
  FobCar f;
  f.ignition(true);
  f.ignition(false);
  f.car.car().bc1.restart();  // SG_RESET: RAM lost, EEPROM kept
  f.car.run_for(100 * kMs);
  EXPECT_FALSE(f.car.car().bc1.remote_keys().resync_window_open());
  f.press(1, FobButton::unlock);
  f.press(1, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::rolling_code_out_of_sync);
  // Key 2 is still paired, its window code still counts.
  f.press(2, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::ok);
  EXPECT_FALSE(f.door_locked());
}

TEST(RemoteKeys, AFobOfAnotherCarIsAWrongRemote) {
  FobCar f;
  f.car.car().fob(3).id = 0x7B2003;
  f.press(3, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::unknown_remote);
  EXPECT_EQ(f.car.car().bc1.controller().last_rf_slot(), -1);
  EXPECT_TRUE(f.door_locked());
  // The re-sync procedure cannot teach a module a stranger.
  f.ignition(true);
  f.ignition(false);
  f.press(3, FobButton::unlock);
  f.press(3, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::unknown_remote);
  EXPECT_TRUE(f.door_locked());
}

TEST(RemoteKeys, APairedSlotMakesANewFobWorkAndADisabledOneStops) {
  FobCar f;
  f.car.car().fob(3).id = 0x7B2003;
  f.car.car().bc1.remote_keys().write_slot(2, KeySlot{0x7B2003, 0, 0x0123456789ABCDEF, true});
  f.press(3, FobButton::unlock);
  EXPECT_EQ(f.verdict(), RfVerdict::ok);
  EXPECT_EQ(f.car.car().bc1.controller().last_rf_slot(), 2);
  EXPECT_FALSE(f.door_locked());
  // Disabling key 2's slot shuts key 2 out.
  auto slot = f.car.car().bc1.remote_keys().slot(1);
  slot.enabled = false;
  f.car.car().bc1.remote_keys().write_slot(1, slot);
  f.press(2, FobButton::lock);
  EXPECT_EQ(f.verdict(), RfVerdict::unknown_remote);
  EXPECT_FALSE(f.door_locked());
}

}  // namespace
}  // namespace bcmhil::testing
