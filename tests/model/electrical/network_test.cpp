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
