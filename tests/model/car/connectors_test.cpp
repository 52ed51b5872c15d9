// The workshop's hands on the car: connectors unplugged and plugged, fuses pulled and refitted.
// Unplugging parts a pin into its harness and part halves; what was inside the part (its drivers,
// a water film on its board) goes with the part.
#include "model/car/vehicle.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kOpen;
using bcmhil::model::FobButton;

constexpr std::uint64_t kPress = 1 * kS;

TEST(Connectors, AnOrdinaryRunHasNoConnectorBranches) {
  CarUnderTest t;
  t.elaborate();
  const auto& net = t.car().circuit.network();
  EXPECT_FALSE(net.find_branch("connector.X330.4"));
  EXPECT_FALSE(net.find_node("harness.bc1.tailgate_out"));
  EXPECT_TRUE(t.car().connectors.plugged("X330"));
}

TEST(Connectors, InstallingThemLeavesAPluggedCarAsItWas) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kMs);
  auto& car = t.car();
  const double input = t.volts("bc1.boot_open_in"), logic = t.volts("bc1.kl30_logic");
  car.plug("X330");  // plugging a plugged connector changes nothing
  EXPECT_FALSE(car.circuit.network().find_branch("connector.X330.4"));
  EXPECT_EQ(car.connectors.part_side("X330.4"), car.circuit.network().node("bc1.tailgate_out"));
  EXPECT_FALSE(car.circuit.network().find_branch("connector.X330.4")) << "the part's own pin needs no split";
  car.connectors.harness_side("X330.4");  // the halves apart, joined by their contacts
  t.run_for(1 * kMs);
  EXPECT_TRUE(car.circuit.network().find_branch("connector.X330.4"));
  EXPECT_NEAR(t.volts("bc1.boot_open_in"), input, 1e-4);
  EXPECT_NEAR(t.volts("bc1.kl30_logic"), logic, 1e-3);
  EXPECT_NEAR(t.volts("harness.bc1.kl30_logic"), logic, 1e-3);
}

TEST(Connectors, UnpluggedHatchLockDoesNotMoveAndPluggedBackItDoes) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  car.unplug("hatch");
  EXPECT_FALSE(car.connectors.plugged("hatch"));
  t.run_until(kPress);
  car.press_fob(1, FobButton::trunk);
  t.run_until(kPress + 1 * kS);
  EXPECT_LT(max_in(t.sig("I(hatch_lock.motor)"), kPress, kPress + 1 * kS), 1e-6);
  EXPECT_TRUE(rises(t.sig("hatch.open")).empty());
  EXPECT_LT(max_in(t.sig("V(hatch_lock.pin2)"), kPress, kPress + 1 * kS), 1e-3) << "the probe is the lock's pin";
  EXPECT_GT(max_in(t.sig("V(harness.hinge.tailgate_feed)"), kPress, kPress + 1 * kS), 12.0)
      << "the harness still carries the module's output";
  car.plug("hatch");
  car.press_fob(1, FobButton::trunk);
  t.run_until(kPress + 3 * kS);
  EXPECT_EQ(rises(t.sig("hatch.open")).size(), 1u);
}

TEST(Connectors, WhatIsInsideTheModuleGoesWithTheModule) {
  CarUnderTest t;
  auto& car = t.car();
  auto& net = car.circuit.network();
  // A water film on the module's board from the tailgate pin to its ground, added like a fault.
  const auto film = net.add_resistor("water.film", net.node("bc1.tailgate_out"), net.node("bc1.ground"), 100.0);
  t.elaborate();
  EXPECT_TRUE(car.connectors.belongs_to_part("bc1", film));
  EXPECT_FALSE(car.connectors.belongs_to_part("bc1", net.branch("harness.tailgate_feed.body")));
  EXPECT_FALSE(car.connectors.belongs_to_part("bc1", net.branch("fuse.F9")));
  car.unplug("X330");
  EXPECT_EQ(net.branch_a(film), net.node("bc1.tailgate_out"));
  EXPECT_EQ(net.branch_b(film), net.node("bc1.ground"));
  EXPECT_EQ(net.branch_b(net.branch("harness.tailgate_feed.body")), net.node("harness.hinge.tailgate_feed"));
  EXPECT_EQ(net.branch_a(net.branch("harness.tailgate_feed.body")), net.node("harness.bc1.tailgate_out"));
  EXPECT_EQ(net.branch_b(net.branch("fuse.F9")), net.node("harness.bc1.kl30_cdl"));
  // Two ground pins on one node: two contacts in parallel.
  EXPECT_EQ(net.branch_a(net.branch("connector.X330.3")), net.branch_a(net.branch("connector.X330.10")));
  t.run_for(1 * kMs);
  EXPECT_EQ(net.resistance(net.branch("connector.X330.3")), kOpen);
  EXPECT_EQ(net.resistance(net.branch("connector.X331.2")), bcmhil::model::Connectors::kContactOhm)
      << "the other connectors of the module stay plugged";
}

// The module reads its own pins: unplugged from its supply connector, its logic supply is gone
// while the harness side still has the battery.
TEST(Connectors, UnpluggedModuleSensesItsOwnPins) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  t.run_until(100 * kMs);
  EXPECT_TRUE(car.bc1.powered()) << "powered";
  car.unplug("X330");
  t.run_for(10 * kMs);
  EXPECT_LT(t.volts("bc1.kl30_logic"), 0.1);
  EXPECT_GT(t.volts("harness.bc1.kl30_logic"), 12.0);
  EXPECT_FALSE(car.bc1.powered());
}

TEST(Connectors, UnknownConnectorIsRefusedNamingTheKnownOnes) {
  CarUnderTest t;
  t.elaborate();
  try {
    t.car().unplug("X999");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("X333"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("hatch"), std::string::npos) << e.what();
  }
}

TEST(Fuses, PulledFuseOpensItsFeedAndRefittedItConductsAgain) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  t.run_for(1 * kMs);
  EXPECT_GT(t.volts("bc1.kl30_cdl"), 12.0);
  car.pull_fuse("F9");
  t.run_for(1 * kMs);
  EXPECT_TRUE(car.fuse("F9").pulled);
  EXPECT_LT(t.volts("bc1.kl30_cdl"), 0.1);
  car.refit_fuse("fuse.F9");
  t.run_for(1 * kMs);
  EXPECT_FALSE(car.fuse("30CDL").pulled);
  EXPECT_GT(t.volts("bc1.kl30_cdl"), 12.0);
}

TEST(Fuses, ABlownFuseRefittedStaysOpen) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  car.power.blow(car.fuse("F10"));
  car.pull_fuse("F10");
  car.refit_fuse("F10");
  t.run_for(1 * kMs);
  EXPECT_EQ(car.circuit.network().resistance(car.fuse("F10").branch), kOpen);
  try {
    car.pull_fuse("F99");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("F9 (30CDL)"), std::string::npos) << e.what();
  }
}

}  // namespace
