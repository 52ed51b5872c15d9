// Central locking end to end in a Vehicle: the fob, the door key switches and the master button
// through the input stage and the RTL debouncer, the four relays as physics, the door motors
// with their back-EMF. The relay on-time follows the battery (MINI TIS 2003 table), measured on
// the relays' commands and on the motor current; a second lock within 3 s deadlocks; a relay
// that does not do what it is told is logged (NC / NO FEHLER) and a welded one has its motors
// stopped by the companion relay.
#include "model/bc1/central_locking.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::CentralLocking;
using bcmhil::model::DoorLocks;
using bcmhil::model::FobButton;
using bcmhil::model::LockRelay;
namespace fault_code = bcmhil::model::fault_code;

constexpr std::uint64_t kPress = 1 * kS;

// Time the telegram of a press at now() is decoded and acted on.
std::uint64_t press_fob(CarUnderTest& t, FobButton button) {
  const std::uint64_t at = now();
  auto copy = t.car().fob(1);
  const std::uint64_t telegram = *copy.press(button);
  t.car().press_fob(1, button);
  return telegram_last_fall(at, telegram) + kRfDecodeLatency;
}

bcmhil::model::VehicleConfig parked(bool locked, double battery = 12.6) {
  bcmhil::model::VehicleConfig c;
  c.locked = locked;
  c.battery_volts = battery;
  return c;
}

// Length of the (single) pulse of a recorded bit, in ps.
std::uint64_t pulse_length(const bcmhil::trace::Signal& s) {
  const auto up = rises(s);
  const auto down = falls(s);
  if (up.size() != 1 || down.size() != 1) return 0;
  return down[0] - up[0];
}

TEST(CentralLocking, OnTimeFollowsTheTisTable) {
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(8.9), 1.0);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(9.0), 0.85);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(10.5), 0.7);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(11.99), 0.6);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(12.6), 0.5);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(13.5), 0.45);
  EXPECT_DOUBLE_EQ(CentralLocking::on_time_s(14.0), 0.4);
}

TEST(CentralLocking, FobUnlockDrivesCommonForHalfASecondAtTwelveSixAndUnlocksEveryMotor) {
  CarUnderTest t(parked(true));
  t.elaborate();
  t.run_until(kPress);
  const auto acts = press_fob(t, FobButton::unlock);
  t.run_until(acts + 2 * kS);

  EXPECT_EQ(rises(t.sig("DOP_COMMON_LOCK_RLY")), std::vector<std::uint64_t>{acts});
  EXPECT_EQ(pulse_length(t.sig("DOP_COMMON_LOCK_RLY")), 500 * kMs);
  EXPECT_TRUE(rises(t.sig("DOP_DRV_LOCK_RLY")).empty());
  EXPECT_EQ(falls(t.sig("bc1.locked")), std::vector<std::uint64_t>{acts});
  EXPECT_NEAR(t.vehicle->bc1.central_locking().last_command_volts(), 12.6, 0.1);
  for (const char* door : {"door_lock.driver.locked", "door_lock.passenger.locked", "door_lock.fuel_flap.locked"})
    EXPECT_EQ(t.sig(door).samples.back().value, 0.0) << door;

  // The motor current (pin 1 to pin 2, negative = unlocking) flows from the relay's pull-in
  // (3 ms) to its drop-out 2 ms after the command ends: the measured on-time.
  const auto& amps = t.sig("I(door_lock.driver.motor)");
  EXPECT_NEAR(amps.value_at(acts + 2 * kMs), 0.0, 1e-3);
  EXPECT_LT(amps.value_at(acts + 4 * kMs), -4.0);   // inrush
  EXPECT_LT(amps.value_at(acts + 400 * kMs), -4.0);  // stalled at the end stop, still fed
  EXPECT_LT(amps.value_at(acts + 501 * kMs), -4.0);
  EXPECT_NEAR(amps.value_at(acts + 503 * kMs), 0.0, 1e-3);
  EXPECT_TRUE(t.vehicle->bc1.fault_memory().entries().empty());
}

// A brown-out reset in the middle of a pulse aborts it: after the boot no relay comes back on
// (before the fix the pulse thread resumed and drove COMMON again once the supply returned).
TEST(CentralLocking, ABrownOutDuringAPulseAbortsIt) {
  CarUnderTest t(parked(true));
  t.elaborate();
  t.run_until(kPress);
  const auto acts = press_fob(t, FobButton::unlock);
  t.run_until(acts + 100 * kMs);
  EXPECT_TRUE(t.vehicle->bc1.signal("DOP_COMMON_LOCK_RLY").value());
  t.vehicle->set_battery_volts(4.0);  // below the 6 V reset for well over the 1 ms hold-up
  t.run_until(acts + 150 * kMs);
  EXPECT_FALSE(t.vehicle->bc1.powered());
  t.vehicle->set_battery_volts(12.6);
  t.run_until(acts + 2 * kS);
  EXPECT_TRUE(t.vehicle->bc1.powered());
  const auto& common = t.sig("DOP_COMMON_LOCK_RLY");
  EXPECT_EQ(rises(common).size(), 1u) << "no second pulse after the boot";
  EXPECT_EQ(common.samples.back().value, 0.0);
  EXPECT_LT(falls(common).at(0), acts + 150 * kMs);
}

TEST(CentralLocking, AtTenFiveVoltsTheLockPulseLastsSevenTenths) {
  CarUnderTest t(parked(false, 10.5));
  t.elaborate();
  t.run_until(kPress);
  const auto acts = press_fob(t, FobButton::lock);
  t.run_until(acts + 2 * kS);
  EXPECT_EQ(pulse_length(t.sig("DOP_DRV_LOCK_RLY")), 700 * kMs);
  EXPECT_EQ(pulse_length(t.sig("DOP_REST_LOCK_RLY")), 700 * kMs);
  EXPECT_TRUE(rises(t.sig("DOP_COMMON_LOCK_RLY")).empty());
  for (const char* door : {"door_lock.driver.locked", "door_lock.passenger.locked", "door_lock.fuel_flap.locked"})
    EXPECT_EQ(t.sig(door).samples.back().value, 1.0) << door;
  EXPECT_EQ(t.sig("door_lock.deadlock.locked").samples.back().value, 0.0);
  const auto& amps = t.sig("I(door_lock.passenger.motor)");
  EXPECT_GT(amps.value_at(acts + 600 * kMs), 3.0);  // stalled, locking direction
  EXPECT_NEAR(amps.value_at(acts + 710 * kMs), 0.0, 1e-3);
}

TEST(CentralLocking, LockTwiceWithinTheWindowDeadlocksAndUnlockUndoesIt) {
  CarUnderTest t(parked(false));
  t.elaborate();
  t.run_until(kPress);
  press_fob(t, FobButton::lock);
  t.run_until(kPress + 1500 * kMs);
  const auto second = press_fob(t, FobButton::lock);
  t.run_until(second + 1 * kS);
  EXPECT_EQ(rises(t.sig("DOP_SUPER_LOCK_RLY")), std::vector<std::uint64_t>{second});
  EXPECT_EQ(t.sig("door_lock.deadlock.locked").samples.back().value, 1.0);
  EXPECT_TRUE(t.vehicle->bc1.central_locking().is_super_locked());
  EXPECT_EQ(t.sig("bc1.super_locked").samples.back().value, 1.0);

  const auto unlock = press_fob(t, FobButton::unlock);
  t.run_until(unlock + 1 * kS);
  EXPECT_EQ(t.sig("door_lock.deadlock.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 0.0);
  EXPECT_FALSE(t.vehicle->bc1.central_locking().is_super_locked());
}

TEST(CentralLocking, LocksFarApartDoNotDeadlock) {
  CarUnderTest t(parked(false));
  t.elaborate();
  t.run_until(kPress);
  press_fob(t, FobButton::lock);
  t.run_until(kPress + 5 * kS);
  press_fob(t, FobButton::lock);
  t.run_until(kPress + 7 * kS);
  EXPECT_TRUE(rises(t.sig("DOP_SUPER_LOCK_RLY")).empty());
  EXPECT_EQ(rises(t.sig("DOP_DRV_LOCK_RLY")).size(), 2u);
}

TEST(CentralLocking, DoorKeysAndTheMasterButtonLockAndUnlock) {
  CarUnderTest t(parked(true));
  t.elaborate();
  t.run_until(kPress);
  t.car().turn_key(DoorLocks::Door::driver, false, sc_core::sc_time(500, sc_core::SC_MS));
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("DIP_DRV_KEY_SW_UNLK").samples.back().value, 0.0);  // released again
  EXPECT_EQ(rises(t.sig("DIP_DRV_KEY_SW_UNLK")).size(), 1u);

  t.car().turn_key(DoorLocks::Door::passenger, true, sc_core::sc_time(500, sc_core::SC_MS));
  t.run_until(kPress + 4 * kS);
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 1.0);

  t.car().press_lock_button(false, sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 6 * kS);
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 0.0);

  // Two master-button locks in quick succession never deadlock (somebody is inside).
  t.car().press_lock_button(true, sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 7 * kS);
  t.car().press_lock_button(true, sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 9 * kS);
  EXPECT_TRUE(rises(t.sig("DOP_SUPER_LOCK_RLY")).empty());
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 1.0);

  // The fob after the keys: one lock state, whoever commands it (no second driver of bc1.locked).
  const auto acts = press_fob(t, FobButton::unlock);
  t.run_until(acts + 1 * kS);
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 0.0);
}

TEST(CentralLocking, ARelayThatDoesNotPullInLogsItsNcFault) {
  CarUnderTest t(parked(false));
  t.elaborate();
  t.car().bc1.lock_relay(CentralLocking::drv).set_coil_open(true);
  t.run_until(kPress);
  const auto acts = press_fob(t, FobButton::lock);
  t.run_until(acts + 1 * kS);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kDriverRelayNc);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 1);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 0.0);  // no feed
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 1.0);
  EXPECT_EQ(t.vehicle->bc1.fault_memory().find(fault_code::kRestRelayNc), nullptr);
  // The driver's relay pin never rose: 0 V at it during the pulse.
  EXPECT_LT(t.sig("V(bc1.drv_lock_out)").value_at(acts + 200 * kMs), 0.1);
}

TEST(CentralLocking, AWeldedRelayIsLoggedAndTheOthersStopTheMotors) {
  CarUnderTest t(parked(true));
  t.elaborate();
  // Welded on NO at t = 0: the driver's motor is fed into its locked end stop (stall current)
  // until the module has judged the readback at rest and switched the other relays on.
  t.car().bc1.lock_relay(CentralLocking::drv).set_welded(LockRelay::Side::no);
  t.run_until(kPress);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kDriverRelayNo);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 1);
  for (const char* rly : {"DOP_COMMON_LOCK_RLY", "DOP_REST_LOCK_RLY", "DOP_SUPER_LOCK_RLY"})
    EXPECT_EQ(t.sig(rly).samples.back().value, 1.0) << rly;
  EXPECT_EQ(t.sig("DOP_DRV_LOCK_RLY").samples.back().value, 0.0);
  EXPECT_GT(t.sig("I(door_lock.driver.motor)").value_at(10 * kMs), 4.0);
  EXPECT_LT(t.sig("I(door_lock.driver.motor)").value_at(10 * kMs), 7.0);
  for (const char* m : {"door_lock.driver.motor", "door_lock.passenger.motor", "door_lock.fuel_flap.motor",
                        "door_lock.deadlock.motor"})
    EXPECT_NEAR(t.amps(m), 0.0, 0.01) << m;  // 30CDL on both ends of every motor
  EXPECT_GT(t.volts("door_lock.driver.pin1"), 11.5);
  EXPECT_GT(t.volts("door_lock.driver.pin2"), 11.5);

  // Unlock: COMMON is energised, but the driver's other end is welded high: the driver's door
  // stays locked, the passenger's opens.
  const auto acts = press_fob(t, FobButton::unlock);
  t.run_until(acts + 1 * kS);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 1.0);
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 0.0);
  EXPECT_TRUE(t.vehicle->bc1.fault_memory().find(fault_code::kDriverRelayNo)->active);
  EXPECT_NEAR(t.amps("door_lock.passenger.motor"), 0.0, 0.01);  // held again after the pulse
}

TEST(CentralLocking, ADozenCommandsInQuickSuccessionTripTheThermalCutOff) {
  CarUnderTest t(parked(false));
  t.elaborate();
  // Key lock / unlock alternately once a second: 0.5 s of on-time each at 12.6 V. The heat
  // (on-time cooling with 60 s) passes the 6 s budget after the 14th command
  // (0.5 (1 - e^(-14/60)) / (1 - e^(-1/60)) = 6.3 s); the 15th and 16th are refused.
  for (int i = 0; i < 16; ++i) {
    t.run_until(kPress + i * kS);
    t.car().turn_key(DoorLocks::Door::driver, i % 2 == 0, sc_core::sc_time(100, sc_core::SC_MS));
  }
  t.run_until(kPress + 17 * kS);
  const auto pulses = rises(t.sig("DOP_DRV_LOCK_RLY")).size() + rises(t.sig("DOP_COMMON_LOCK_RLY")).size();
  EXPECT_EQ(pulses, 14u);
  EXPECT_TRUE(t.vehicle->bc1.central_locking().overheated());
  EXPECT_GT(t.vehicle->bc1.central_locking().heat_s(), 3.0);
  // The refusal is kept where IS_LESEN reads it: one cut-off, one record, however many refusals.
  EXPECT_EQ(t.vehicle->bc1.info_memory().count(bcmhil::model::info_code::kMislockLockingOverheated), 1u);
  // Cooled to half the budget after 60 s ln(6.3 / 3) = ~44.5 s past the first refusal (15 s).
  t.run_until(kPress + 55 * kS);
  EXPECT_TRUE(t.vehicle->bc1.central_locking().overheated());
  t.run_until(kPress + 62 * kS);
  EXPECT_FALSE(t.vehicle->bc1.central_locking().overheated());
  t.car().turn_key(DoorLocks::Door::driver, true, sc_core::sc_time(100, sc_core::SC_MS));
  t.run_until(kPress + 64 * kS);
  EXPECT_EQ(rises(t.sig("DOP_DRV_LOCK_RLY")).size(), 8u);  // 7 before the cut-off, this one
}

}  // namespace
