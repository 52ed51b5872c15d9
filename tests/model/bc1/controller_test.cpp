// Controller, driven end to end through a Vehicle: the fob telegram on the data line, the RTL
// decoder, the controller's decisions, the output pins. Timings are exact: the model is
// deterministic at 1 us resolution (module clock 1 MHz).
#include "model/bc1/controller.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;
using bcmhil::model::HighSideDriver;
using bcmhil::model::RfVerdict;
using bcmhil::model::VehicleConfig;
namespace fault_code = bcmhil::model::fault_code;

constexpr std::uint64_t kPress = 1 * kS;  // settled well after reset and the first solve

// The telegram the fob in `slot` will send on its next press (the fob is data: copy it).
std::uint64_t next_telegram(bcmhil::model::Vehicle& car, int slot, FobButton button) {
  auto copy = car.fob(slot);
  return *copy.press(button);
}

// Presses at the current time and returns when the controller acts on the telegram.
std::uint64_t press_and_decode(CarUnderTest& t, int slot, FobButton button) {
  const std::uint64_t at = now();
  const std::uint64_t telegram = next_telegram(t.car(), slot, button);
  t.car().press_fob(slot, button);
  return telegram_last_fall(at, telegram) + kRfDecodeLatency;
}

TEST(Controller, TrunkButtonFlashesTwiceAndPulsesTheReleaseExactly) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 3 * kS);

  // The telegram's last fall on the line, as recorded.
  const auto rf_falls = falls(t.sig("DIP_RF_CODE_LOGIC"));
  ASSERT_EQ(rf_falls.size(), 49u) << "sync + 48 bits";
  EXPECT_EQ(rf_falls.back() + kRfDecodeLatency, acts);

  // Release pulse: rises when the frame is decoded, exactly tailgate_pulse (600 ms) long.
  const auto& release = t.sig("DOP_BOOT_RELEASE");
  ASSERT_EQ(rises(release), std::vector<std::uint64_t>{acts});
  ASSERT_EQ(falls(release), std::vector<std::uint64_t>{acts + 600 * kMs});

  // Two flashes of 320 ms on / 320 ms off, starting with the release, on both sides.
  const std::vector<std::uint64_t> on{acts, acts + 640 * kMs};
  const std::vector<std::uint64_t> off{acts + 320 * kMs, acts + 960 * kMs};
  for (const char* name : {"DOP_LH_INDICATOR_LGT", "DOP_RH_INDICATOR_LGT"}) {
    EXPECT_EQ(rises(t.sig(name)), on) << name;
    EXPECT_EQ(falls(t.sig(name)), off) << name;
  }
  // The lamps follow within their filament's warm-up (ms) and afterglow (~130 ms).
  for (const char* name : {"indicator_lh.lit", "indicator_rh.lit"}) {
    const auto lit = rises(t.sig(name)), dark = falls(t.sig(name));
    ASSERT_EQ(lit.size(), 2u) << name;
    ASSERT_EQ(dark.size(), 2u) << name;
    for (int i = 0; i < 2; ++i) {
      EXPECT_LT(lit[i] - on[i], 10 * kMs) << name;
      EXPECT_LT(dark[i] - off[i], 200 * kMs) << name;
      EXPECT_GT(dark[i] - off[i], 50 * kMs) << name;
    }
  }
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_slot(), 0);
  EXPECT_FALSE(t.vehicle->bc1.controller().last_rf_low_battery());
  EXPECT_EQ(t.sig("bc1.rf_frames").samples.back().value, 1.0);
  EXPECT_EQ(t.sig("bc1.rf_errors").samples.back().value, 0.0);
  // The trunk button works with the doors locked and leaves them locked.
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 1.0);
  // A healthy release: the readback came up, no fault stored.
  EXPECT_EQ(rises(t.sig("DIP_BOOT_RELEASE_MONITOR")), std::vector<std::uint64_t>{acts});
  EXPECT_EQ(t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff), nullptr);
  EXPECT_TRUE(t.vehicle->bc1.fault_memory().entries().empty());
}

TEST(Controller, CodedFlashCountAndTimingAreHonoured) {
  VehicleConfig config;
  config.coding.trunk_ack_flashes = 3;
  config.coding.flash_on = sc_core::sc_time(200, sc_core::SC_MS);
  config.coding.flash_off = sc_core::sc_time(100, sc_core::SC_MS);
  CarUnderTest t(config);
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 3 * kS);
  const std::vector<std::uint64_t> on{acts, acts + 300 * kMs, acts + 600 * kMs};
  const std::vector<std::uint64_t> off{acts + 200 * kMs, acts + 500 * kMs, acts + 800 * kMs};
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")), on);
  EXPECT_EQ(falls(t.sig("DOP_LH_INDICATOR_LGT")), off);
  EXPECT_EQ(rises(t.sig("DOP_RH_INDICATOR_LGT")), on);
}

class ReleasePulse : public ::testing::TestWithParam<int> {};

TEST_P(ReleasePulse, LengthEqualsTheCodedPulse) {
  VehicleConfig config;
  config.coding.tailgate_pulse = sc_core::sc_time(GetParam(), sc_core::SC_MS);
  CarUnderTest t(config);
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 3 * kS);
  const auto& release = t.sig("DOP_BOOT_RELEASE");
  ASSERT_EQ(rises(release).size(), 1u);
  ASSERT_EQ(falls(release).size(), 1u);
  EXPECT_EQ(rises(release)[0], acts);
  EXPECT_EQ(falls(release)[0] - rises(release)[0], static_cast<std::uint64_t>(GetParam()) * kMs);
  // The lock motor current lasts exactly as long as the command. A pulse shorter than the pawl's
  // ~150 ms travel leaves the motor coasting when it ends: its back-EMF then drives a fraction of
  // a milliamp back through the module's 47 kohm readback divider (no clamp reads that).
  const auto& motor = t.sig("I(hatch_lock.motor)");
  EXPECT_GT(motor.value_at(acts), 4.0);
  EXPECT_NEAR(motor.value_at(acts + GetParam() * kMs), 0.0, 1e-3);
}

// 30 ms is shorter than the 50 ms readback settle time (Controller::kMonitorSettleS).
INSTANTIATE_TEST_SUITE_P(Coding, ReleasePulse, ::testing::Values(30, 250, 600, 1000));

TEST(Controller, LidHandleIsIgnoredWhileLockedAndHonouredWhenUnlocked) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  t.car().press_lid_handle(sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 1 * kS);
  // The module saw the handle (debounced) but did nothing with it.
  ASSERT_EQ(rises(t.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());

  const std::uint64_t unlock_acts = press_and_decode(t, 1, FobButton::unlock);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(falls(t.sig("bc1.locked")), std::vector<std::uint64_t>{unlock_acts});
  EXPECT_TRUE(rises(t.sig("DOP_LH_INDICATOR_LGT")).empty()) << "unlock_ack_flashes = 0";

  const std::uint64_t handle_at = now();
  t.car().press_lid_handle(sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 4 * kS);
  const auto handle_rises = rises(t.sig("DIP_BOOT_HANDLE_SW"), handle_at);
  ASSERT_EQ(handle_rises.size(), 1u);
  // Debounced: 4 samples at the 1 ms sample enables (hw/README.md), so 3..5 ms after the press.
  EXPECT_GE(handle_rises[0], handle_at + 3 * kMs);
  EXPECT_LE(handle_rises[0], handle_at + 5 * kMs);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")), std::vector<std::uint64_t>{handle_rises[0]});
  EXPECT_EQ(falls(t.sig("DOP_BOOT_RELEASE")), std::vector<std::uint64_t>{handle_rises[0] + 600 * kMs});
  EXPECT_TRUE(rises(t.sig("DOP_LH_INDICATOR_LGT")).empty()) << "the handle does not flash";
}

TEST(Controller, StartsUnlockedWhenTheCarIsParkedUnlocked) {
  VehicleConfig config;
  config.locked = false;
  CarUnderTest t(config);
  t.elaborate();
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 0.0);
  t.run_until(kPress);
  t.car().press_lid_handle(sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 1 * kS);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u);
}

TEST(Controller, LockFlashesOnceAndLocks) {
  VehicleConfig config;
  config.locked = false;
  CarUnderTest t(config);
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 2, FobButton::lock);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(rises(t.sig("bc1.locked")), std::vector<std::uint64_t>{acts});
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")), std::vector<std::uint64_t>{acts});
  EXPECT_EQ(falls(t.sig("DOP_LH_INDICATOR_LGT")), std::vector<std::uint64_t>{acts + 320 * kMs});
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_slot(), 1);
}

TEST(Controller, UnknownFobIsIgnored) {
  CarUnderTest t;
  t.car().fob(3).id = 0x123456;  // slot 3 is not paired (key_ids[2] = 0)
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(3, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.sig("bc1.rf_frames").samples.back().value, 1.0) << "a well-formed telegram";
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::unknown_remote);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_slot(), -1);
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_TRUE(rises(t.sig("DOP_LH_INDICATOR_LGT")).empty());
}

TEST(Controller, AnEmptySlotsIdentityZeroIsNotAKey) {
  CarUnderTest t;  // fob 4 has id 0, like the empty key slot 4
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(4, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::unknown_remote);
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
}

TEST(Controller, AReplayedTelegramIsIgnored) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t recorded = next_telegram(t.car(), 1, FobButton::trunk);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  ASSERT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u);
  t.car().close_hatch();
  // A thief plays the recorded telegram back.
  t.car().receiver.transmit(recorded);
  t.run_until(kPress + 4 * kS);
  EXPECT_EQ(t.sig("bc1.rf_frames").samples.back().value, 2.0);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")).size(), 2u) << "only the first press flashed";
}

TEST(Controller, RollingCodeWindowIsOneToThirtyTwoAhead) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  // Last accepted counter 0; a press sends counter + 1. 32 ahead: accepted (rolling_window 32).
  t.car().fob(1).counter = 31;
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u);
  t.car().close_hatch();
  // Now last = 32; 33 ahead (counter 65) is out of the window.
  t.car().fob(1).counter = 64;
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 4 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::rolling_code_out_of_sync);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u);
  // The other key's counter is tracked separately.
  t.car().press_fob(2, FobButton::trunk);
  t.run_until(kPress + 6 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_slot(), 1);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 2u);
}

TEST(Controller, LowBatteryFlagIsPassedThrough) {
  CarUnderTest t;
  t.car().fob(1).battery_volts = 2.4;  // below KeyFob::kLowBatteryVolts 2.6, above dead 2.2
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  EXPECT_TRUE(t.vehicle->bc1.controller().last_rf_low_battery());
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")).size(), 1u) << "a low battery still works";
  t.car().fob(1).battery_volts = 3.0;
  t.car().press_fob(1, FobButton::lock);
  t.run_until(kPress + 4 * kS);
  EXPECT_FALSE(t.vehicle->bc1.controller().last_rf_low_battery());
}

TEST(Controller, AFobWithADeadBatterySendsNothing) {
  CarUnderTest t;
  t.car().fob(1).battery_volts = 2.1;  // below KeyFob::kDeadBatteryVolts 2.2
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_TRUE(rises(t.sig("DIP_RF_CODE_LOGIC")).empty());
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::none);
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_EQ(t.car().fob(1).counter, 1) << "the counter advances, heard or not";
}

// STAT_LAST_RF_CODE is "the last valid RF code": a telegram whose check nibble is wrong changes
// nothing, neither the car nor the status the last valid one left.
TEST(Controller, ACorruptTelegramLeavesTheLastValidStatus) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  // Well-formed on the line (the RTL counts it as a frame) but with a wrong check nibble.
  t.car().receiver.transmit(next_telegram(t.car(), 1, FobButton::trunk) ^ 0x1);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(t.sig("bc1.rf_frames").samples.back().value, 1.0);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::none);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_frame(), 0u);
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
  EXPECT_TRUE(rises(t.sig("DOP_LH_INDICATOR_LGT")).empty());
  // After a good telegram, a corrupt one leaves its verdict and code standing.
  const std::uint64_t good = next_telegram(t.car(), 2, FobButton::lock);
  t.car().press_fob(2, FobButton::lock);
  t.run_until(kPress + 4 * kS);
  t.car().receiver.transmit(next_telegram(t.car(), 3, FobButton::trunk) ^ 0x1);
  t.run_until(kPress + 6 * kS);
  EXPECT_EQ(t.sig("bc1.rf_frames").samples.back().value, 3.0);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_frame(), good);
}

TEST(Controller, LogsC4WhenTheReleaseOutputDoesNotComeUp) {
  CarUnderTest t;
  t.elaborate();
  t.car().bc1.tailgate_driver().set_health(HighSideDriver::Health::failed_open);
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  // The flashes do not depend on the output: two, as the owner saw.
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")).size(), 2u);
  EXPECT_EQ(rises(t.sig("DOP_BOOT_RELEASE")), std::vector<std::uint64_t>{acts});
  EXPECT_TRUE(rises(t.sig("DIP_BOOT_RELEASE_MONITOR")).empty());
  EXPECT_EQ(t.sig("hatch.open").samples.back().value, 0.0);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 1);
  // Judged kMonitorSettleS (50 ms) after switching on.
  EXPECT_EQ(e->first_seen_ps, acts + 50 * kMs);

  // Repaired: the next pulse reads back fine and the entry goes inactive but stays stored.
  t.car().bc1.tailgate_driver().set_health(HighSideDriver::Health::ok);
  press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 4 * kS);
  e = t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->active);
  EXPECT_EQ(e->frequency, 1);

  // Broken again: a second occurrence.
  t.car().close_hatch();
  t.car().bc1.tailgate_driver().set_health(HighSideDriver::Health::failed_open);
  press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 6 * kS);
  e = t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 2);
}

// The flash pattern reads its indicator pins back like the release: a side whose pin does not
// come up logs 0xAA (left) / 0xAC (right), the other side stays clean.
TEST(Controller, LogsAAWhenTheLeftIndicatorOutputDoesNotComeUp) {
  CarUnderTest t;
  t.elaborate();
  t.car().bc1.indicator_driver_lh().set_health(HighSideDriver::Health::failed_open);
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")).size(), 2u) << "the software still flashes";
  EXPECT_TRUE(rises(t.sig("indicator_lh.lit")).empty());
  EXPECT_EQ(rises(t.sig("indicator_rh.lit")).size(), 2u);
  EXPECT_TRUE(rises(t.sig("bc1.indicator_lh_monitor")).empty());
  EXPECT_EQ(rises(t.sig("bc1.indicator_rh_monitor")).size(), 2u);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kLeftIndicatorOff);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 1) << "one occurrence, however many flashes fail";
  EXPECT_EQ(e->first_seen_ps, acts + 50 * kMs);
  EXPECT_EQ(e->last_seen_ps, acts + 640 * kMs + 50 * kMs) << "judged on every flash";
  EXPECT_EQ(t.vehicle->bc1.fault_memory().find(fault_code::kRightIndicatorOff), nullptr);
  EXPECT_EQ(t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff), nullptr);

  // Repaired: the next flash reads back fine, the entry stays stored but inactive.
  t.car().bc1.indicator_driver_lh().set_health(HighSideDriver::Health::ok);
  press_and_decode(t, 1, FobButton::lock);
  t.run_until(kPress + 4 * kS);
  e = t.vehicle->bc1.fault_memory().find(fault_code::kLeftIndicatorOff);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->active);
}

TEST(Controller, LogsACWhenTheRightIndicatorOutputDoesNotComeUp) {
  CarUnderTest t;
  t.elaborate();
  t.car().bc1.indicator_driver_rh().set_health(HighSideDriver::Health::failed_open);
  t.run_until(kPress);
  press_and_decode(t, 1, FobButton::lock);
  t.run_until(kPress + 2 * kS);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kRightIndicatorOff);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(t.vehicle->bc1.fault_memory().find(fault_code::kLeftIndicatorOff), nullptr);
}

TEST(Controller, HealthyIndicatorsLogNothing) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(rises(t.sig("bc1.indicator_lh_monitor")).size(), 2u);
  EXPECT_TRUE(t.vehicle->bc1.fault_memory().entries().empty());
}

TEST(Controller, APulseShorterThanTheSettleTimeIsJudgedAtItsEnd) {
  VehicleConfig config;
  config.coding.tailgate_pulse = sc_core::sc_time(20, sc_core::SC_MS);
  CarUnderTest t(config);
  t.elaborate();
  t.car().bc1.tailgate_driver().set_health(HighSideDriver::Health::failed_open);
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  const auto* e = t.vehicle->bc1.fault_memory().find(fault_code::kLuggageReleaseOff);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->first_seen_ps, acts + 20 * kMs);
  EXPECT_EQ(falls(t.sig("DOP_BOOT_RELEASE")), std::vector<std::uint64_t>{acts + 20 * kMs});
}

TEST(Controller, ModuleSignalsByReferenceName) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t acts = press_and_decode(t, 1, FobButton::trunk);
  t.run_until(acts + 10 * kMs);
  const auto& bc1 = t.vehicle->bc1;
  EXPECT_EQ(bc1.signal("DOP_BOOT_RELEASE"), true);
  EXPECT_EQ(bc1.signal("DIP_BOOT_RELEASE_MONITOR"), true);
  EXPECT_EQ(bc1.signal("DOP_LH_INDICATOR_LGT"), true);
  EXPECT_EQ(bc1.signal("DOP_RH_INDICATOR_LGT"), true);
  EXPECT_EQ(bc1.signal("DIP_BOOT_REL_STATUS"), false) << "a healthy motor is not in current limit";
  EXPECT_EQ(bc1.signal("DIP_BOOT_HANDLE_SW"), false);
  EXPECT_EQ(bc1.signal("DIP_RF_CODE_LOGIC"), false);
  EXPECT_EQ(bc1.signal("DIP_NOT_A_SIGNAL"), std::nullopt);
}

TEST(Controller, AFlashRequestDuringARunningPatternIsDropped) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  const std::uint64_t trunk_acts = press_and_decode(t, 1, FobButton::trunk);
  // The lock telegram queues behind the trunk one: on air 55.7 ms after it (50.7 ms frame +
  // 5 ms quiet, model/car/key_fob.cpp), decoded while the first flash is still on.
  const std::uint64_t lock_telegram = next_telegram(t.car(), 1, FobButton::lock);
  t.car().press_fob(1, FobButton::lock);
  const std::uint64_t lock_acts = telegram_last_fall(kPress + 55'700 * kUs, lock_telegram) + kRfDecodeLatency;
  ASSERT_LT(lock_acts, trunk_acts + 320 * kMs);
  t.run_until(kPress + 3 * kS);
  EXPECT_EQ(t.vehicle->bc1.controller().last_rf_verdict(), RfVerdict::ok);
  const auto& frames = t.sig("bc1.rf_frames");
  ASSERT_EQ(frames.samples.back().value, 2.0);
  EXPECT_EQ(frames.samples.back().time_ps, lock_acts);
  // Still the trunk pattern's two flashes: the lock's one flash is dropped, not appended.
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")), (std::vector<std::uint64_t>{trunk_acts, trunk_acts + 640 * kMs}));
  EXPECT_EQ(t.sig("bc1.locked").samples.back().value, 1.0);
}

TEST(Controller, AHandleTapShorterThanTheDebounceIsNotSeen) {
  VehicleConfig config;
  config.locked = false;
  CarUnderTest t(config);
  t.elaborate();
  t.run_until(kPress);
  // 2 ms: at most 2 of the 4 agreeing 1 ms samples the debouncer needs (hw/README.md).
  t.car().press_lid_handle(sc_core::sc_time(2, sc_core::SC_MS));
  t.run_until(kPress + 1 * kS);
  EXPECT_EQ(rises(t.sig("bc1.comparator.DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_TRUE(rises(t.sig("DIP_BOOT_HANDLE_SW")).empty());
  EXPECT_TRUE(rises(t.sig("DOP_BOOT_RELEASE")).empty());
}

TEST(Controller, SameOutputsWhenTheModuleClockRunsEveryCycle) {
  // The gated clock (skip_idle, the default) is a shortcut: the trunk story must come out
  // identical, edge for edge, with an edge on every one of the 2 million cycles.
  auto run = [](bcmhil::model::ClockMode mode) {
    VehicleConfig config;
    config.io.mode = mode;
    CarUnderTest t(config);
    t.elaborate();
    t.run_until(kPress);
    t.car().press_fob(1, FobButton::trunk);
    t.run_until(kPress + 1 * kS);
    std::vector<std::vector<std::uint64_t>> out;
    for (const char* name : {"DOP_BOOT_RELEASE", "DOP_LH_INDICATOR_LGT", "DIP_BOOT_RELEASE_MONITOR", "DIP_BOOT_OPEN_SW",
                             "hatch.open"}) {
      out.push_back(rises(t.sig(name)));
      out.push_back(falls(t.sig(name)));
    }
    return out;
  };
  const auto gated = run(bcmhil::model::ClockMode::skip_idle);
  const auto stepped = run(bcmhil::model::ClockMode::step_every_cycle);
  EXPECT_EQ(gated, stepped);
  EXPECT_FALSE(gated[0].empty());
}

}  // namespace
