// Alarm: arming on lock, mislock records for zones open at arming, trigger records, the siren and
// flashing time, the trunk release that must not set it off.
#include "model/bc1/alarm.h"

#include "body_bench.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::InfoMemory;
namespace info_code = bcmhil::model::info_code;

struct AlarmBench : BodyBench {
  AlarmBench() : alarm("alarm", coding, body, info) {
    alarm.locked.bind(wire("locked"));
    alarm.powered.bind(wire("powered"));
    alarm.driver_door.bind(wire("drv"));
    alarm.passenger_door.bind(wire("pass"));
    alarm.bonnet.bind(wire("bonnet"));
    alarm.tailgate.bind(wire("tailgate"));
    alarm.tilt.bind(wire("tilt"));
    alarm.boot_release.bind(wire("release"));
    alarm.armed.bind(wire("armed"));
    alarm.siren.bind(wire("siren"));
    alarm.led.bind(wire("led"));
    alarm.flash.bind(wire("flash"));
    elaborate();
    set("powered", true);
  }
  bcmhil::model::Bc1Coding coding;
  bcmhil::model::BodyCoding body;
  InfoMemory info;
  bcmhil::model::Alarm alarm;
};

TEST(Alarm, ArmsOnLockWithTheLedAndDisarmsOnUnlock) {
  AlarmBench b;
  b.run_until(1 * kS);
  b.set("locked", true);
  EXPECT_TRUE(b.wire("armed").read());
  EXPECT_TRUE(b.wire("led").read());
  b.run_until(12 * kS);
  EXPECT_TRUE(b.wire("armed").read());
  EXPECT_EQ(falls(b.sig("led")), std::vector<std::uint64_t>{11 * kS}) << "10 s to confirm arming (chosen)";
  b.set("locked", false);
  EXPECT_FALSE(b.wire("armed").read());
  EXPECT_FALSE(b.wire("led").read());
  EXPECT_TRUE(b.info.entries().empty());
  EXPECT_TRUE(b.sig("flash").samples.size() == 1u) << "a clean lock asks for no flashing";
}

TEST(Alarm, ADoorAjarAtArmingIsAMislockWithItsFlashPattern) {
  AlarmBench b;
  b.set("pass", true);
  b.run_until(1 * kS);
  b.set("locked", true);
  b.run_until(5 * kS);
  ASSERT_EQ(b.info.entries().size(), 1u);
  EXPECT_EQ(b.info.entries()[0].code, info_code::kMislockPassengerDoor);
  EXPECT_EQ(b.info.entries()[0].count, 1);
  // The flash request lasts exactly mislock_flashes flashes of the cadence: 3 x 320 + 2 x 320 ms.
  EXPECT_EQ(b.body.mislock_flashes, 3);
  EXPECT_EQ(rises(b.sig("flash")), std::vector<std::uint64_t>{1 * kS});
  EXPECT_EQ(falls(b.sig("flash")), std::vector<std::uint64_t>{1 * kS + 1600 * kMs});
  EXPECT_FALSE(b.wire("siren").read()) << "a mislock is no alarm";
  // Locking again with the door still ajar: counted again.
  b.set("locked", false);
  b.run_until(6 * kS);
  b.set("locked", true);
  EXPECT_EQ(b.info.count(info_code::kMislockPassengerDoor), 2);
}

TEST(Alarm, ADoorOpenedWhileArmedSoundsTheSirenForTheAlarmTime) {
  AlarmBench b;
  b.set("locked", true);
  b.run_until(10 * kS);
  b.set("drv", true);
  b.run_until(12 * kS);
  b.set("tilt", true);  // a second trigger while sounding: counted, not lengthened
  b.run_until(60 * kS);
  EXPECT_EQ(b.info.count(info_code::kTriggerDriverDoor), 1);
  EXPECT_EQ(b.info.count(info_code::kTriggerTilt), 1);
  EXPECT_EQ(rises(b.sig("siren")), std::vector<std::uint64_t>{10 * kS});
  EXPECT_EQ(falls(b.sig("siren")), std::vector<std::uint64_t>{40 * kS});  // 30 s, estimate
  EXPECT_EQ(rises(b.sig("flash")), std::vector<std::uint64_t>{10 * kS});
  EXPECT_EQ(falls(b.sig("flash")), std::vector<std::uint64_t>{40 * kS});
  EXPECT_TRUE(b.wire("armed").read()) << "stays armed after the siren";
}

TEST(Alarm, UnlockingSilencesIt) {
  AlarmBench b;
  b.set("locked", true);
  b.run_until(1 * kS);
  b.set("bonnet", true);
  b.run_until(3 * kS);
  b.set("locked", false);
  EXPECT_EQ(b.info.count(info_code::kTriggerBonnet), 1);
  EXPECT_EQ(falls(b.sig("siren")), std::vector<std::uint64_t>{3 * kS});
  EXPECT_FALSE(b.wire("flash").read());
}

TEST(Alarm, TheModulesOwnTrunkReleaseDoesNotTriggerButALaterOpeningDoes) {
  AlarmBench b;
  b.set("locked", true);
  b.run_until(1 * kS);
  b.set("release", true);  // fob trunk button: the module releases the tailgate itself
  b.run_until(1 * kS + 600 * kMs);
  b.set("release", false);
  b.run_until(2 * kS);
  b.set("tailgate", true);  // the lid springs open
  b.run_until(10 * kS);
  b.set("tailgate", false);  // shut again
  EXPECT_TRUE(b.info.entries().empty());
  EXPECT_FALSE(b.wire("siren").read());
  b.run_until(20 * kS);
  b.set("tailgate", true);  // forced open without a release: a trigger
  EXPECT_EQ(b.info.count(info_code::kTriggerTailgate), 1);
  EXPECT_TRUE(b.wire("siren").read());
}

TEST(Alarm, AZoneOpenAtArmingTriggersOnlyAfterItClosedAndOpensAgain) {
  AlarmBench b;
  b.set("bonnet", true);
  b.set("locked", true);
  b.run_until(5 * kS);
  EXPECT_FALSE(b.wire("siren").read());
  b.set("bonnet", false);
  b.run_until(6 * kS);
  b.set("bonnet", true);
  EXPECT_EQ(b.info.count(info_code::kMislockBonnet), 1);
  EXPECT_EQ(b.info.count(info_code::kTriggerBonnet), 1);
  EXPECT_TRUE(b.wire("siren").read());
}

}  // namespace
