#include "model/electrical/network.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace bcmhil::electrical;

TEST(Network, VoltageDividerMatchesHandCalculation) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId mid = net.add_node("mid");
  net.add_source("battery", plus, kGround, 12.0, 0.0);
  net.add_resistor("upper", plus, mid, 10e3);
  const BranchId lower = net.add_resistor("lower", mid, kGround, 10e3);
  net.solve();
  EXPECT_NEAR(net.voltage(mid), 6.0, 1e-4);
  EXPECT_NEAR(net.current(lower), 0.6e-3, 1e-8);
}

TEST(Network, BatteryInternalResistanceSagsUnderLoad) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const BranchId battery = net.add_source("battery", plus, kGround, 12.6, 0.02);
  const BranchId load = net.add_resistor("motor", plus, kGround, 2.4);
  net.solve();
  const double i = 12.6 / 2.42;
  EXPECT_NEAR(net.current(load), i, 1e-6);
  EXPECT_NEAR(net.voltage(plus), 12.6 - 0.02 * i, 1e-6);
  // Inside the battery the current runs from minus to plus: negative in a->b terms.
  EXPECT_NEAR(net.current(battery), -i, 1e-6);
  EXPECT_NEAR(net.power(load), i * i * 2.4, 1e-6);
}

TEST(Network, OpenSwitchLeavesDownstreamNodeAtZero) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId out = net.add_node("out");
  net.add_source("battery", plus, kGround, 12.0, 0.01);
  const BranchId sw = net.add_resistor("switch", plus, out, kOpen);
  const BranchId lamp = net.add_resistor("lamp", out, kGround, 6.0);
  net.solve();
  EXPECT_NEAR(net.voltage(out), 0.0, 1e-6);
  EXPECT_EQ(net.current(lamp), 0.0);
  net.set_resistance(sw, 0.1);
  EXPECT_TRUE(net.dirty());
  net.solve();
  EXPECT_NEAR(net.voltage(out), 12.0 * 6.0 / 6.11, 1e-4);
}

TEST(Network, FloatingNodeReadsZeroLikeAMeter) {
  Network net;
  const NodeId island = net.add_node("island");
  net.add_node("other");
  net.solve();
  EXPECT_NEAR(net.voltage(island), 0.0, 1e-12);
}

TEST(Network, ForcedCurrentModelsADriverInCurrentLimit) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId out = net.add_node("out");
  net.add_source("battery", plus, kGround, 12.0, 0.0);
  const BranchId driver = net.add_resistor("driver", plus, out, 0.1);
  const BranchId shorted = net.add_resistor("short", out, kGround, 0.05);
  net.solve();
  EXPECT_GT(net.current(driver), 50.0);
  net.set_forced_current(driver, 8.0);
  net.solve();
  EXPECT_DOUBLE_EQ(net.current(driver), 8.0);
  EXPECT_NEAR(net.current(shorted), 8.0, 1e-6);
  EXPECT_NEAR(net.voltage(out), 0.4, 1e-6);
}

TEST(Network, SolveIsSkippedWhenNothingChanged) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const BranchId r = net.add_resistor("r", plus, kGround, 1.0);
  net.solve();
  net.solve();
  EXPECT_EQ(net.solve_count(), 1u);
  net.set_resistance(r, 1.0);  // same value: still clean
  net.solve();
  EXPECT_EQ(net.solve_count(), 1u);
  net.set_resistance(r, 2.0);
  net.solve();
  EXPECT_EQ(net.solve_count(), 2u);
}

TEST(Network, NamesAreCheckedAndLookedUp) {
  Network net;
  const NodeId a = net.add_node("a");
  EXPECT_EQ(net.node("a"), a);
  EXPECT_THROW(net.add_node("a"), std::invalid_argument);
  EXPECT_THROW(net.node("nope"), std::out_of_range);
  EXPECT_THROW(net.add_resistor("self", a, a, 1.0), std::invalid_argument);
  EXPECT_THROW(net.add_resistor("neg", a, kGround, -1.0), std::invalid_argument);
  EXPECT_FALSE(net.find_branch("x").has_value());
}

TEST(Network, BridgeNetworkAgreesWithDenseReference) {
  // Wheatstone bridge, checked against the closed-form Thevenin result.
  Network net;
  const NodeId top = net.add_node("top");
  const NodeId left = net.add_node("left");
  const NodeId right = net.add_node("right");
  net.add_source("v", top, kGround, 10.0, 0.0);
  net.add_resistor("r1", top, left, 100.0);
  net.add_resistor("r2", left, kGround, 200.0);
  net.add_resistor("r3", top, right, 300.0);
  net.add_resistor("r4", right, kGround, 100.0);
  const BranchId bridge = net.add_resistor("rb", left, right, 50.0);
  net.solve();
  const double vth = 10.0 * 200.0 / 300.0 - 10.0 * 100.0 / 400.0;
  const double rth = (100.0 * 200.0) / 300.0 + (300.0 * 100.0) / 400.0;
  EXPECT_NEAR(net.current(bridge), vth / (rth + 50.0), 1e-6);
}

// Instruments borrow branches: a lent branch goes where it is asked, a returned one is reused,
// and the network grows only by the most instruments ever on at once.
TEST(Network, BorrowedBranchesAreReusedNotAdded) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId mid = net.add_node("mid");
  net.add_source("battery", plus, kGround, 12.0, 0.0);
  net.add_resistor("upper", plus, mid, 10e3);
  net.add_resistor("lower", mid, kGround, 10e3);
  const auto base = net.branch_count();
  const BranchId meter = net.borrow_branch(mid, kGround);
  EXPECT_EQ(net.branch_a(meter), mid);
  net.set_resistance(meter, 10e3);
  net.solve();
  EXPECT_NEAR(net.voltage(mid), 4.0, 1e-4) << "a 10 k load on the divider";
  net.give_back(meter);
  net.solve();
  EXPECT_NEAR(net.voltage(mid), 6.0, 1e-4) << "given back, it is open again";
  for (int i = 0; i < 3; ++i) net.give_back(net.borrow_branch(plus, mid));
  const BranchId a = net.borrow_branch(plus, mid);
  const BranchId b = net.borrow_branch(mid, kGround);
  EXPECT_NE(a, b);
  EXPECT_EQ(net.branch_count(), base + 2);
  EXPECT_EQ(net.spare_count(), 2u);
  EXPECT_THROW(net.give_back(net.branch("upper")), std::invalid_argument) << "not lent";
  EXPECT_THROW(net.borrow_branch(mid, mid), std::invalid_argument);
}

TEST(Network, ReconnectMovesABranchAndResolves) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId x = net.add_node("x");
  const NodeId y = net.add_node("y");
  net.add_source("battery", plus, kGround, 10.0, 0.0);
  const BranchId r = net.add_resistor("r", plus, x, 1.0);
  net.add_resistor("rx", x, kGround, 1.0);
  net.add_resistor("ry", y, kGround, 1.0);
  net.solve();
  EXPECT_NEAR(net.voltage(x), 5.0, 1e-4);
  net.reconnect(r, plus, y);
  net.solve();
  EXPECT_NEAR(net.voltage(x), 0.0, 1e-4);
  EXPECT_NEAR(net.voltage(y), 5.0, 1e-4);
}

// What a meter checking a part for voltage finds: the branch's terminals with the branch open.
TEST(Network, OpenCircuitVoltageLeavesTheNetworkAlone) {
  Network net;
  const NodeId plus = net.add_node("plus");
  const NodeId mid = net.add_node("mid");
  net.add_source("battery", plus, kGround, 12.0, 0.0);
  net.add_resistor("upper", plus, mid, 10e3);
  const BranchId lower = net.add_resistor("lower", mid, kGround, 10e3);
  net.solve();
  EXPECT_NEAR(net.open_circuit_voltage(lower), 12.0, 1e-3);
  EXPECT_NEAR(net.voltage(mid), 6.0, 1e-4);
  EXPECT_FALSE(net.dirty());
}

// A motor between a fed node and a ground wire, a lamp in parallel with it on the feed. Seen from
// the motor's terminals the rest is a Thevenin source: the battery through its feed, divided by
// the lamp, in series with the ground wire.
struct MotorOnAFeed {
  MotorOnAFeed() {
    const NodeId plus = net.add_node("plus");
    feed = net.add_node("feed");
    const NodeId ground_side = net.add_node("ground_side");
    net.add_source("battery", plus, kGround, 12.0, 0.05);
    net.add_resistor("feed_wire", plus, feed, 0.3);
    lamp = net.add_resistor("lamp", feed, kGround, 20.0);
    motor = net.add_resistor("motor", feed, ground_side, 1.2);
    net.add_resistor("ground_wire", ground_side, kGround, 0.1);
  }
  // By hand: the open-circuit voltage and the resistance with the lamp at `lamp_ohms` (the
  // nodes' 1 nS leaks move the voltage by a few nV: kVolts is the tolerance).
  static constexpr double kVolts = 1e-7;
  static double volts(double lamp_ohms) { return 12.0 * lamp_ohms / (lamp_ohms + 0.35); }
  static double ohms(double lamp_ohms) { return 0.35 * lamp_ohms / (0.35 + lamp_ohms) + 0.1; }

  Network net;
  NodeId feed;
  BranchId lamp, motor;
};

TEST(Network, TheveninOfABranchMatchesTheHandCalculation) {
  MotorOnAFeed m;
  m.net.set_emf(m.motor, 4.0);  // a running motor: the answer leaves its own EMF out
  m.net.solve();
  const auto th = m.net.thevenin(m.motor);
  EXPECT_NEAR(th.volts, MotorOnAFeed::volts(20.0), MotorOnAFeed::kVolts);
  EXPECT_NEAR(th.ohms, MotorOnAFeed::ohms(20.0), 1e-9);
  EXPECT_NEAR(th.volts, m.net.open_circuit_voltage(m.motor), 1e-6);
  EXPECT_FALSE(m.net.dirty());
}

// What it is for: the branch's current at another EMF or winding, without solving again.
TEST(Network, TheveninPredictsTheBranchCurrentAtAnotherEmf) {
  MotorOnAFeed m;
  m.net.solve();
  const auto th = m.net.thevenin(m.motor);
  for (double emf : {3.0, 7.5, 11.0, 14.0}) {  // 14 V: the motor generates, the current reverses
    m.net.set_emf(m.motor, emf);
    m.net.solve();
    EXPECT_NEAR(m.net.current(m.motor), (th.volts - emf) / (th.ohms + 1.2), 1e-9) << emf << " V";
  }
  m.net.set_resistance(m.motor, 0.4);
  m.net.solve();
  EXPECT_NEAR(m.net.current(m.motor), (th.volts - 14.0) / (th.ohms + 0.4), 1e-9);
}

// A network back in a state it was in is answered from memory without factorising: the solver
// then holds the factors of the other state, and thevenin() must not use them.
TEST(Network, TheveninAfterARecalledOperatingPointUsesThePresentMatrix) {
  MotorOnAFeed m;
  m.net.solve();
  m.net.set_resistance(m.lamp, 2.0);
  m.net.solve();
  m.net.set_resistance(m.lamp, 20.0);
  const auto factorised = m.net.factorisations();
  m.net.solve();
  ASSERT_EQ(m.net.factorisations(), factorised) << "the operating point was recalled";
  const auto th = m.net.thevenin(m.motor);
  EXPECT_NEAR(th.volts, MotorOnAFeed::volts(20.0), MotorOnAFeed::kVolts);
  EXPECT_NEAR(th.ohms, MotorOnAFeed::ohms(20.0), 1e-9);
  // And the solves after it are still right.
  m.net.set_resistance(m.lamp, 2.0);
  m.net.set_emf(m.motor, 5.0);
  m.net.solve();
  const auto loaded = m.net.thevenin(m.motor);
  EXPECT_NEAR(loaded.volts, MotorOnAFeed::volts(2.0), MotorOnAFeed::kVolts);
  EXPECT_NEAR(loaded.ohms, MotorOnAFeed::ohms(2.0), 1e-9);
}

TEST(Network, TheveninNeedsASolvedNetworkAndAResistiveBranch) {
  MotorOnAFeed m;
  EXPECT_THROW(m.net.thevenin(m.motor), std::logic_error);
  m.net.solve();
  m.net.set_forced_current(m.motor, 2.0);
  m.net.solve();
  EXPECT_THROW(m.net.thevenin(m.motor), std::invalid_argument);
  // A branch that nothing else joins sees only the node leaks (1 nS each, in series).
  Network alone;
  const NodeId a = alone.add_node("a");
  const NodeId b = alone.add_node("b");
  const BranchId r = alone.add_resistor("r", a, b, 10.0);
  alone.solve();
  EXPECT_NEAR(alone.thevenin(r).ohms, 2e9, 2e3);
}
