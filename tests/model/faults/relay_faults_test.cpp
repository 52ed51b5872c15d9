// The central-locking relay faults in a parked car: a contact film that grows until the door no
// longer locks (and the module logs NC FEHLER), a relay welded on NO (logged, the other relays
// hold every motor still) or on NC, an open coil. Measured as a technician would: the voltage at
// the BC1's relay pin and at the door, the motor current, the fault memory.
#include "model/faults/relay_faults.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;
namespace fault_code = bcmhil::model::fault_code;

bcmhil::model::VehicleConfig unlocked() {
  bcmhil::model::VehicleConfig c;
  c.locked = false;
  return c;
}

// Presses lock on fob 1 at `at` and returns when the module acts on it.
std::uint64_t lock_at(FaultyCar& t, std::uint64_t at) {
  t.run_until(at);
  auto copy = t.car().fob(1);
  const std::uint64_t telegram = *copy.press(FobButton::lock);
  t.car().press_fob(1, FobButton::lock);
  return telegram_last_fall(at, telegram) + kRfDecodeLatency;
}

const bcmhil::model::FaultEntry* entry(FaultyCar& t, std::uint8_t code) {
  return t.vehicle->bc1.fault_memory().find(code);
}

TEST(RelayContactCorrosion, AThinFilmOnlySlowsTheDoor) {
  FaultyCar t(default_spec("relay_contact_corrosion", sc_core::SC_ZERO_TIME, {{"resistance", 0.5}, {"growth_time", 1.0}}),
              unlocked());
  const auto acts = lock_at(t, 2 * kS);
  t.run_until(acts + 1 * kS);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 1.0);
  EXPECT_EQ(entry(t, fault_code::kDriverRelayNc), nullptr);
  // Stalled at the end stop: ~12 V over 2 ohm of winding + 0.5 ohm of film + wiring.
  const double stall = t.sig("I(door_lock.driver.motor)").value_at(acts + 400 * kMs);
  EXPECT_GT(stall, 4.0);
  EXPECT_LT(stall, 5.0);
}

TEST(RelayContactCorrosion, AGrownFilmStopsTheDoorAndLogsNcFehler) {
  FaultyCar t(default_spec("relay_contact_corrosion", sc_core::SC_ZERO_TIME, {{"resistance", 10.0}, {"growth_time", 1.0}}),
              unlocked());
  const auto acts = lock_at(t, 2 * kS);
  t.run_until(acts + 1 * kS);
  // ~12 V / 12 ohm = 1 A: below the 1.5 A the rod needs to move at all.
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 1.0);
  const double amps = t.sig("I(door_lock.driver.motor)").value_at(acts + 200 * kMs);
  EXPECT_GT(amps, 0.8);
  EXPECT_LT(amps, 1.2);
  // The telling measurement: 30CDL at the module, ~2 V at its driver-lock pin, the rest
  // dropped across the relay contact inside.
  EXPECT_GT(t.sig("V(bc1.kl30_cdl)").value_at(acts + 200 * kMs), 12.0);
  EXPECT_LT(t.sig("V(bc1.drv_lock_out)").value_at(acts + 200 * kMs), 2.5);
  const auto* e = entry(t, fault_code::kDriverRelayNc);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
}

TEST(RelayWelded, WeldedOnNoIsLoggedAndTheMotorsAreHeldStill) {
  FaultyCar t(default_spec("relay_welded", sc_core::sc_time(1, sc_core::SC_SEC)), unlocked());
  t.run_until(3 * kS);
  const auto* e = entry(t, fault_code::kDriverRelayNo);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  // Battery voltage on the driver's relay pin with DOP_DRV_LOCK_RLY off...
  EXPECT_EQ(t.sig("DOP_DRV_LOCK_RLY").samples.back().value, 0.0);
  EXPECT_GT(t.volts("bc1.drv_lock_out"), 12.0);
  // ...the motor ran for the ~53 ms the module took to judge and switch the others on.
  EXPECT_GT(t.sig("I(door_lock.driver.motor)").value_at(1 * kS + 20 * kMs), 1.5);
  EXPECT_NEAR(t.amps("door_lock.driver.motor"), 0.0, 0.01);
  EXPECT_EQ(t.sig("DOP_COMMON_LOCK_RLY").samples.back().value, 1.0);
}

TEST(RelayWelded, WeldedOnNcNeverFeedsItsMotors) {
  FaultyCar t(default_spec("relay_welded", sc_core::SC_ZERO_TIME, {}, {{"relay", "rest"}, {"side", "nc"}}),
              unlocked());
  const auto acts = lock_at(t, 1 * kS);
  t.run_until(acts + 1 * kS);
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 1.0);
  EXPECT_EQ(t.sig("door_lock.passenger.locked").samples.back().value, 0.0);
  EXPECT_EQ(t.sig("door_lock.fuel_flap.locked").samples.back().value, 0.0);
  ASSERT_NE(entry(t, fault_code::kRestRelayNc), nullptr);
  EXPECT_TRUE(entry(t, fault_code::kRestRelayNc)->active);
  EXPECT_EQ(entry(t, fault_code::kDriverRelayNc), nullptr);
}

TEST(RelayCoilOpen, TheRelayNeverPullsInAndTheCarStaysLocked) {
  bcmhil::model::VehicleConfig config;  // parked locked
  FaultyCar t(default_spec("relay_coil_open", sc_core::SC_ZERO_TIME, {}, {{"relay", "common"}}), config);
  t.run_until(1 * kS);
  auto copy = t.car().fob(1);
  const std::uint64_t telegram = *copy.press(FobButton::unlock);
  t.car().press_fob(1, FobButton::unlock);
  const auto acts = telegram_last_fall(1 * kS, telegram) + kRfDecodeLatency;
  t.run_until(acts + 1 * kS);
  EXPECT_EQ(rises(t.sig("DOP_COMMON_LOCK_RLY")), std::vector<std::uint64_t>{acts});  // commanded
  EXPECT_TRUE(rises(t.sig("bc1.common_lock_relay.operated")).empty());             // never pulled in
  EXPECT_EQ(t.sig("door_lock.driver.locked").samples.back().value, 1.0);
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 0.0);  // the module believes it unlocked
  ASSERT_NE(entry(t, fault_code::kCommonRelayNc), nullptr);
  EXPECT_TRUE(entry(t, fault_code::kCommonRelayNc)->active);
}

}  // namespace
