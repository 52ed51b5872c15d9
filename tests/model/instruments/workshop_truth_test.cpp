// Workshop truth: what the instruments read on the simulated car is what they read in a
// workshop. A wire corroded to a few hundred ohms passes a voltmeter's microamps with no drop, so
// the DVM reads full battery voltage at the unplugged connector, but a test lamp's 1.75 A drops
// it all in the corrosion and the lamp stays dark. An ohmmeter on the unplugged hatch lock reads
// its winding; a clamp on the hatch feed reads the motor current.
#include "model/instruments/clamp_meter.h"
#include "model/instruments/measurement_points.h"
#include "model/instruments/ohmmeter.h"
#include "model/instruments/test_lamp.h"
#include "model/instruments/voltmeter.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using namespace bcmhil::instruments;
using bcmhil::model::FobButton;

constexpr std::uint64_t kPress = 1 * kS;
// 300 ms into the tailgate output's 600 ms pulse (model/car/vehicle_test: release 600 ms).
constexpr std::uint64_t kMidPulse = kPress + 300 * kMs;

void settle(CarUnderTest& t) { t.run_for(1 * kUs); }

// The hatch connector unplugged, the fob's trunk button pressed: the BC1 drives the harness side
// of hatch pin 2; the technician holds the instrument on harness pins 2 and 1 mid-pulse.
struct HarnessAtTheHatch {
  explicit HarnessAtTheHatch(double corrosion_ohm) {
    t.elaborate();
    auto& car = t.car();
    if (corrosion_ohm > 0.0)
      car.harness.set_extra_resistance(*car.harness.find("harness.tailgate_feed.hinge"), corrosion_ohm);
    car.unplug("hatch");
    t.run_until(kPress);
    car.press_fob(1, FobButton::trunk);
    t.run_until(kMidPulse);
  }
  bcmhil::electrical::NodeId feed() { return measurement_point(t.car(), "hatch.2"); }
  bcmhil::electrical::NodeId ground() { return measurement_point(t.car(), "hatch.1"); }
  double battery() const { return t.volts("battery.plus"); }
  CarUnderTest t;
};

TEST(WorkshopTruth, CorrodedFeedReadsFullVoltageOnTheDvmButLeavesTheTestLampDark) {
  HarnessAtTheHatch at(300.0);
  {
    Voltmeter dvm(at.t.car().circuit, at.feed(), at.ground());
    settle(at.t);
    EXPECT_GT(dvm.read().value, at.battery() - 0.3) << dvm.read().display << ": the meter's microamps drop nothing";
  }
  TestLamp lamp(at.t.car().circuit, at.feed(), at.ground());
  settle(at.t);
  EXPECT_FALSE(lamp.lit());
  EXPECT_EQ(lamp.read().display, "dark");
  EXPECT_LT(lamp.watts(), 0.1) << "12.6 V over 307 ohm: 41 mA, 12 mW in the bulb";
}

TEST(WorkshopTruth, HealthyFeedLightsTheTestLamp) {
  HarnessAtTheHatch at(0.0);
  TestLamp lamp(at.t.car().circuit, at.feed(), at.ground());
  settle(at.t);
  EXPECT_TRUE(lamp.lit());
  EXPECT_EQ(lamp.read().display, "lit");
  EXPECT_GT(lamp.read().value, 15.0) << "a 21 W bulb on the module's output, less the loom's drop";
  {
    Voltmeter dvm(at.t.car().circuit, at.feed(), at.ground());
    settle(at.t);
    EXPECT_LT(dvm.volts(), at.battery() - 0.1) << "under the lamp's load the loom and driver drop some";
  }
}

TEST(WorkshopTruth, OhmmeterReadsTheHatchWindingWithTheConnectorUnplugged) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  car.unplug("hatch");
  Ohmmeter meter(car.circuit, measurement_point(car, "hatch.2@lock"), measurement_point(car, "hatch.1@lock"));
  settle(t);
  EXPECT_FALSE(meter.energised());
  const auto r = meter.read();
  EXPECT_FALSE(r.overload);
  // The winding alone (HatchLockSpec::motor_ohm, 1.2 ohm: ~10 A stall at 12 V, the domain notes'
  // estimate); the meter's few mA do not move the pawl, so no back-EMF adds to it.
  EXPECT_NEAR(r.value, 1.2, 0.05);
  EXPECT_EQ(r.display, "1.2 Ω");
  EXPECT_EQ(r.unit, "ohm");
}

TEST(WorkshopTruth, OhmmeterShowsOLOnAnOpenWinding) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  car.unplug("hatch");
  car.circuit.network().set_resistance(car.hatch_lock.motor(), bcmhil::electrical::kOpen);
  Ohmmeter meter(car.circuit, measurement_point(car, "hatch.2@lock"), measurement_point(car, "hatch.1@lock"));
  settle(t);
  EXPECT_TRUE(meter.read().overload);
  EXPECT_EQ(meter.read().display, "OL");
}

TEST(WorkshopTruth, OhmmeterOnALivePartShowsNonsenseAndSaysEnergised) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  // The 30CDL feed pin to ground with its fuse in: the battery is behind it.
  Ohmmeter live(car.circuit, measurement_point(car, "X330.2"), measurement_point(car, "ground"));
  settle(t);
  EXPECT_TRUE(live.energised());
  const auto r = live.read();
  EXPECT_TRUE(r.overload || r.value < 0.0) << r.display << ": the battery drives current into the meter";
}

TEST(WorkshopTruth, PullingTheFuseDeEnergisesItsFeed) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  car.pull_fuse("F9");
  Ohmmeter meter(car.circuit, measurement_point(car, "F9.out"), measurement_point(car, "ground"));
  settle(t);
  EXPECT_FALSE(meter.energised()) << "the feed side of a pulled fuse is dead";
  // Across the empty fuse holder the battery is still there.
  Ohmmeter holder(car.circuit, measurement_point(car, "F9.in"), measurement_point(car, "F9.out"));
  settle(t);
  EXPECT_TRUE(holder.energised());
}

TEST(WorkshopTruth, ClampOnTheHatchFeedReadsTheMotorCurrent) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  ClampMeter feed(car.circuit, clamp_place(car, "hatch.2"));
  ClampMeter ground(car.circuit, clamp_place(car, "hatch.1"));
  ClampMeter battery(car.circuit, clamp_place(car, "battery"));
  const double idle = battery.amps();
  EXPECT_NEAR(feed.read().value, 0.0, 1e-9);
  t.run_until(kPress);
  car.press_fob(1, FobButton::trunk);
  t.run_until(kPress + 400 * kMs);  // between the indicator flashes
  const double motor = t.amps("hatch_lock.motor");
  EXPECT_GT(motor, 4.0);
  EXPECT_NEAR(feed.read().value, motor, 0.006) << feed.read().display;
  EXPECT_EQ(feed.read().unit, "A");
  EXPECT_NEAR(ground.read().value, -motor, 0.006) << "the ground wire carries it out of pin 1";
  EXPECT_NEAR(battery.amps() - idle, motor, 0.2) << "the battery gives it (and the module's own draw)";
  EXPECT_GT(battery.amps(), 0.0) << "discharge reads positive";
}

// A lamp already across two harness pins when the connector comes apart stays on the harness.
TEST(WorkshopTruth, AnInstrumentStaysWhereItWasPutWhenTheConnectorIsUnplugged) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  const auto pin2 = measurement_point(car, "hatch.2"), pin1 = measurement_point(car, "hatch.1");
  TestLamp lamp(car.circuit, pin2, pin1);
  car.unplug("hatch");
  settle(t);
  const auto& net = car.circuit.network();
  const auto leads = net.branch_count() - 1;  // not looked up by name: find the spare
  bcmhil::electrical::BranchId spare = -1;
  for (std::size_t b = 0; b <= leads; ++b)
    if (net.is_spare(static_cast<bcmhil::electrical::BranchId>(b))) spare = static_cast<bcmhil::electrical::BranchId>(b);
  ASSERT_GE(spare, 0);
  EXPECT_EQ(net.branch_a(spare), pin2);
  EXPECT_EQ(net.branch_b(spare), pin1);
}

TEST(WorkshopTruth, InstrumentsComeAndGoWithoutGrowingTheNetwork) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  auto& net = car.circuit.network();
  const auto branches = net.branch_count();
  for (int i = 0; i < 10; ++i) {
    Voltmeter dvm(car.circuit, measurement_point(car, "X330.4@module"), measurement_point(car, "ground"));
    Ohmmeter ohm(car.circuit, measurement_point(car, "X331.2@module"), measurement_point(car, "ground"));
    TestLamp lamp(car.circuit, measurement_point(car, "socket.interior"), measurement_point(car, "ground"));
    settle(t);
  }
  settle(t);
  EXPECT_EQ(net.branch_count(), branches + 3) << "three on at once, three spares, reused";
  EXPECT_EQ(net.spare_count(), 3u);
}

}  // namespace
