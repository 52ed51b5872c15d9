// Measurement points and clamp places by the technician's names, and the connectors that part a
// pin into its harness and part halves.
#include "model/instruments/measurement_points.h"
#include "model/instruments/placement.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace bcmhil::testing;
using bcmhil::instruments::clamp_place;
using bcmhil::instruments::clamp_point;
using bcmhil::instruments::measurement_point;
using bcmhil::instruments::measurement_points;

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(MeasurementPoints, NamesATechnicianUsesResolveToTheirNodes) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  const auto& net = car.circuit.network();
  // The part's own pins are the nodes the model elaborated; asking for a harness side parts the
  // connector into its halves (the harness's on a new node).
  EXPECT_EQ(measurement_point(car, "X330.4@module"), net.node("bc1.tailgate_out"));
  EXPECT_EQ(measurement_point(car, "hatch.2@lock"), net.node("hatch_lock.pin2"));
  EXPECT_FALSE(net.find_node("harness.bc1.tailgate_out"));
  {
    const auto point = measurement_point(car, "X330.4");
    EXPECT_EQ(point, net.node("harness.bc1.tailgate_out"));
  }
  {
    const auto point = measurement_point(car, "X331.2");
    EXPECT_EQ(point, net.node("harness.bc1.boot_open_in"));
  }
  {
    const auto point = measurement_point(car, "hatch.2");
    EXPECT_EQ(point, net.node("harness.hatch_lock.pin2"));
  }
  {
    const auto point = measurement_point(car, "door_lock.driver.1");
    EXPECT_EQ(point, net.node("harness.door_lock.driver.pin1"));
  }
  EXPECT_EQ(measurement_point(car, "ground"), bcmhil::electrical::kGround);
  EXPECT_EQ(measurement_point(car, "battery-"), bcmhil::electrical::kGround);
  EXPECT_EQ(measurement_point(car, "battery+"), net.node("battery.plus"));
  EXPECT_EQ(measurement_point(car, "F9.in"), net.node("battery.plus"));
  EXPECT_EQ(measurement_point(car, "F9.out"), net.node("harness.bc1.kl30_cdl")) << "the fuse feeds the harness side";
  EXPECT_EQ(measurement_point(car, "socket.indicator_lh"), net.node("lamp.indicator_lh"));
  EXPECT_EQ(measurement_point(car, "harness.hinge.tailgate_feed"), net.node("harness.hinge.tailgate_feed"));
  const auto points = measurement_points(car);
  for (const char* p : {"X330.4", "X330.4@module", "hatch.1", "hatch.4@lock", "door_lock.deadlock.2@lock", "ground",
                        "battery+", "battery-", "F10.out", "30A.in", "socket.interior"})
    EXPECT_TRUE(listed(points, p)) << p;
}

TEST(MeasurementPoints, AnUnknownPointIsRefusedWithTheKnownOnes) {
  CarUnderTest t;
  t.elaborate();
  try {
    measurement_point(t.car(), "X330.99");
    FAIL() << "no such pin";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'X330.99'"), std::string::npos) << what;
    EXPECT_NE(what.find("hatch.2@lock"), std::string::npos) << what;
  }
  EXPECT_THROW(measurement_point(t.car(), "hatch.2@module"), std::invalid_argument) << "the lock's half is @lock";
}

TEST(MeasurementPoints, TheHalvesReadTheSameUntilUnplugged) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kMs);
  auto& car = t.car();
  const auto& net = car.circuit.network();
  const auto module = measurement_point(car, "X331.2@module");
  const auto harness = measurement_point(car, "X331.2");
  EXPECT_NE(module, harness);
  t.run_for(1 * kMs);
  // Plugged: one pin through a 2 mΩ contact; the boot-open input reads its ~6 V on both (the
  // divider's ~0.6 mA drops a microvolt in the contact).
  EXPECT_GT(net.voltage(module), 4.0);
  EXPECT_NEAR(net.voltage(module), net.voltage(harness), 1e-5);
  car.unplug("X331");
  t.run_for(1 * kMs);
  EXPECT_FALSE(car.connectors.plugged("X331"));
  EXPECT_GT(net.voltage(module), 4.0) << "the module still pulls its own pin up";
  EXPECT_GT(t.sig("V(bc1.boot_open_in)").samples.back().value, 4.0) << "the probe is the module's pin";
  EXPECT_LT(std::fabs(net.voltage(harness)), 1e-3) << "the harness wire, off the module, floats to 0";
  car.plug("X331");
  t.run_for(1 * kMs);
  EXPECT_NEAR(net.voltage(module), net.voltage(harness), 1e-5);
  EXPECT_THROW(car.unplug("X339"), std::invalid_argument);
}

TEST(MeasurementPoints, ClampPlacesAreTheWiresIntoThePins) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  const auto& net = car.circuit.network();
  const auto branches = net.branch_count();
  EXPECT_EQ(clamp_point(car, "hatch.2"), net.branch("harness.tailgate_feed.hinge"));
  EXPECT_EQ(clamp_place(car, "hatch.2").direction, 1.0);
  EXPECT_EQ(clamp_point(car, "hatch.1"), net.branch("harness.hatch_ground.hinge"));
  EXPECT_EQ(clamp_place(car, "hatch.1").direction, -1.0) << "that wire is drawn from the pin out";
  EXPECT_EQ(clamp_point(car, "X330.4"), net.branch("harness.tailgate_feed.body"));
  EXPECT_EQ(clamp_point(car, "X330.2"), net.branch("fuse.F9"));
  EXPECT_EQ(clamp_point(car, "battery"), net.branch("battery"));
  EXPECT_EQ(clamp_point(car, "F10"), net.branch("fuse.F10"));
  EXPECT_THROW(clamp_point(car, "X330.5"), std::invalid_argument) << "no harness wire on the K-line pin";
  EXPECT_THROW(clamp_point(car, "nowhere"), std::invalid_argument);
  EXPECT_EQ(net.branch_count(), branches) << "a clamp adds nothing to the network";
  car.unplug("hatch");
  EXPECT_EQ(clamp_point(car, "hatch.2"), net.branch("harness.tailgate_feed.hinge")) << "the same wire, unplugged";
  EXPECT_EQ(clamp_place(car, "hatch.1").direction, -1.0);
}

}  // namespace

namespace {

using bcmhil::instruments::instrument_kind;
using bcmhil::instruments::InstrumentKind;
using bcmhil::instruments::place_instrument;

TEST(Placement, AnyInstrumentByNameOnNamedPoints) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  ASSERT_EQ(instrument_kind("dvm"), InstrumentKind::voltmeter);
  EXPECT_FALSE(instrument_kind("oscilloscope"));
  {
    auto dvm = place_instrument(car, InstrumentKind::voltmeter, "battery+", "ground");
    t.run_for(1 * kUs);
    EXPECT_GT(dvm->read().value, 12.0);
    EXPECT_EQ(dvm->read().unit, "V");
    auto ohm = place_instrument(car, InstrumentKind::ohmmeter, "X330.2", "ground");
    t.run_for(1 * kUs);
    EXPECT_TRUE(ohm->energised());
    auto clamp = place_instrument(car, *instrument_kind("clamp"), "battery");
    EXPECT_EQ(clamp->read().unit, "A");
  }
  EXPECT_THROW(place_instrument(car, InstrumentKind::clamp, "hatch.2", "hatch.1"), std::invalid_argument);
  EXPECT_THROW(place_instrument(car, InstrumentKind::test_lamp, "hatch.2"), std::invalid_argument);
  EXPECT_THROW(place_instrument(car, InstrumentKind::voltmeter, "hatch.2", "nowhere"), std::invalid_argument);
  EXPECT_FALSE(bcmhil::instruments::range_of(InstrumentKind::voltmeter).contains(1e9));
}

}  // namespace
