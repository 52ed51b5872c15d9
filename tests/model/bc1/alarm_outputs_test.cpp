// The alarm's lines to the siren unit in the car: the arm line follows the alarm (up from the lock
// to the unlock), and each line's readback logs its EIN / AUS code (0xBF / 0xC0 the arm line,
// 0xC1 / 0xC2 the siren trigger) under the OutputMonitor's rule, 50 ms after the command or the
// pin changed. A healthy car logs none of them.
#include "model/bc1/alarm_outputs.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;
using bcmhil::model::HighSideDriver;
using bcmhil::model::OutputMonitor;
namespace fault_code = bcmhil::model::fault_code;

constexpr std::uint8_t kAlarmCodes[] = {fault_code::kBbsArmOn, fault_code::kBbsArmOff, fault_code::kSirenOn,
                                        fault_code::kSirenOff};
const std::uint64_t kSettle = static_cast<std::uint64_t>(OutputMonitor::kSettleS * 1e3) * kMs;

struct Parked : CarUnderTest {
  explicit Parked(bool locked) : CarUnderTest(config(locked)) {}
  static bcmhil::model::VehicleConfig config(bool locked) {
    bcmhil::model::VehicleConfig c;
    c.locked = locked;
    return c;
  }
  bool arm_commanded() { return car().bc1.signal("DOP_BBS_ARM_DISARM").value(); }
  // The fault memory as the module keeps it: 0 absent, 1 stored, 2 active.
  int fault(std::uint8_t code) {
    const auto* e = car().bc1.fault_memory().find(code);
    return e ? (e->active ? 2 : 1) : 0;
  }
  void press_fob(FobButton button) {
    car().press_fob(1, button);
    run_for(1 * kS);
  }
};

TEST(AlarmOutputs, TheArmLineIsUpWhileTheAlarmIsArmed) {
  Parked t(true);
  t.elaborate();
  t.run_until(500 * kMs);
  EXPECT_TRUE(t.arm_commanded()) << "the parked, locked car is armed";
  EXPECT_GT(t.volts("bc1.bbs_arm_out"), 11.0);
  EXPECT_GT(t.volts("siren.arm"), 11.0) << "battery voltage reaches the siren unit";
  EXPECT_NEAR(t.amps("siren.arm_input"), t.volts("siren.arm") / bcmhil::model::AlarmSiren::kArmInputOhm, 1e-9);
  t.press_fob(FobButton::unlock);
  EXPECT_FALSE(t.arm_commanded());
  EXPECT_LT(t.volts("bc1.bbs_arm_out"), 0.5) << "released at the unlock";
  t.press_fob(FobButton::lock);
  EXPECT_TRUE(t.arm_commanded());
  EXPECT_GT(t.volts("siren.arm"), 11.0);
  EXPECT_EQ(rises(t.sig("DOP_BBS_ARM_DISARM")).size(), 2u);
  EXPECT_EQ(rises(t.sig("bc1.alarm_armed")), rises(t.sig("DOP_BBS_ARM_DISARM"))) << "same instants as the alarm";
  for (std::uint8_t code : kAlarmCodes) EXPECT_EQ(t.fault(code), 0) << std::hex << int(code);
}

TEST(AlarmOutputs, ABreakInSoundsTheSirenOnAHealthyCarWithoutACode) {
  Parked t(true);
  t.elaborate();
  t.run_until(1 * kS);
  t.car().open(bcmhil::model::BodyOpening::driver_door);
  t.run_until(2 * kS);
  EXPECT_TRUE(t.car().bc1.signal("DOP_SOUND_ALARM").value());
  EXPECT_TRUE(t.car().siren.sounding());
  EXPECT_GT(t.volts("siren.trigger"), 11.0);
  for (std::uint8_t code : kAlarmCodes) EXPECT_EQ(t.fault(code), 0) << std::hex << int(code);
}

TEST(AlarmOutputs, AnOpenSirenDriverStaysSilentAndLogs0xC2FiftyMsAfterTheCommand) {
  Parked t(true);
  t.car().bc1.siren_driver().set_health(HighSideDriver::Health::failed_open);
  t.elaborate();
  t.run_until(1 * kS);
  EXPECT_EQ(t.fault(fault_code::kSirenOff), 0) << "nothing commanded, nothing to judge";
  t.car().open(bcmhil::model::BodyOpening::driver_door);
  t.run_until(2 * kS);
  const auto commanded = rises(t.sig("DOP_SOUND_ALARM"));
  ASSERT_EQ(commanded.size(), 1u);
  EXPECT_FALSE(t.car().siren.sounding());
  EXPECT_LT(t.volts("bc1.siren_out"), 0.5);
  const auto* e = t.car().bc1.fault_memory().find(fault_code::kSirenOff);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->first_seen_ps, commanded[0] + kSettle);
  EXPECT_EQ(t.fault(fault_code::kSirenOn), 0);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOff), 0) << "the arm line is healthy";
}

TEST(AlarmOutputs, AShortedSirenDriverSoundsTheSirenByItselfAndLogs0xC1) {
  Parked t(false);
  t.elaborate();
  t.run_until(500 * kMs);
  t.car().bc1.siren_driver().set_health(HighSideDriver::Health::failed_short);
  t.run_until(1 * kS);
  EXPECT_FALSE(t.car().bc1.signal("DOP_SOUND_ALARM").value()) << "the module commands nothing";
  EXPECT_TRUE(t.car().siren.sounding()) << "the unlocked car's siren sounds";
  EXPECT_EQ(t.fault(fault_code::kSirenOn), 2);
  EXPECT_EQ(t.fault(fault_code::kSirenOff), 0);
}

TEST(AlarmOutputs, AnOpenArmLineLogs0xC0OnTheLockedCar) {
  Parked t(true);
  t.car().bc1.alarm_outputs().bbs_driver().set_health(HighSideDriver::Health::failed_open);
  t.elaborate();
  t.run_until(500 * kMs);
  EXPECT_TRUE(t.arm_commanded());
  EXPECT_LT(t.volts("siren.arm"), 0.5);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOff), 2);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOn), 0);
  EXPECT_FALSE(t.car().siren.sounding()) << "an unarmed siren unit is silent";
}

TEST(AlarmOutputs, AShortedArmLineLogs0xBFOnTheUnlockedCarAndStaysActiveThroughALock) {
  Parked t(false);
  t.car().bc1.alarm_outputs().bbs_driver().set_health(HighSideDriver::Health::failed_short);
  t.elaborate();
  t.run_until(500 * kMs);
  EXPECT_FALSE(t.arm_commanded());
  EXPECT_GT(t.volts("bc1.bbs_arm_out"), 11.0);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOn), 2);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOff), 0);
  t.press_fob(FobButton::lock);
  t.press_fob(FobButton::unlock);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOn), 2);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOff), 0) << "commanded and high: the line is not dead";
}

TEST(AlarmOutputs, ATesterForcesTheArmLineForAtMostFiveSeconds) {
  Parked t(false);
  t.elaborate();
  t.run_until(500 * kMs);
  ASSERT_TRUE(t.car().bc1.force_output("DOP_BBS_ARM_DISARM", true));
  t.run_for(100 * kMs);
  EXPECT_GT(t.volts("siren.arm"), 11.0);
  t.run_for(5 * kS);
  EXPECT_LT(t.volts("siren.arm"), 0.5);
  EXPECT_EQ(t.fault(fault_code::kBbsArmOn), 0) << "commanded, not by itself";
}

TEST(AlarmOutputs, TheArmLineDoesNotKeepTheParkedCarAwake) {
  Parked t(true);
  t.elaborate();
  t.run_until(70 * kS);
  EXPECT_TRUE(t.arm_commanded());
  EXPECT_GT(t.volts("siren.arm"), 11.0) << "asleep, armed";
  EXPECT_EQ(t.sig("bc1.awake").samples.back().value, 0.0);
}

TEST(AlarmOutputs, TheArmLineIsDiagnosable) {
  Parked t(true);
  t.elaborate();
  t.run_until(500 * kMs);
  auto& alarm = t.car().bc1.alarm_outputs();
  EXPECT_EQ(alarm.signal("DOP_BBS_ARM_DISARM"), true);
  EXPECT_EQ(alarm.signal("DOP_SOUND_ALARM"), std::nullopt) << "the module itself answers for the siren";
  EXPECT_NE(alarm.forcible_output("DOP_BBS_ARM_DISARM"), nullptr);
  EXPECT_EQ(alarm.forcible_output("DOP_SOUND_ALARM"), nullptr);
}

}  // namespace
