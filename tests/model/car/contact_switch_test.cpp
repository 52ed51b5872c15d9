// ContactSwitch: a body contact closing its terminal to ground, behind a BC1-like input divider
// (10 k pull-up to 12 V, 10 k pull-down): ~6 V idle, millivolts actuated, traced.
#include "model/car/contact_switch.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;

struct SwitchBench {
  SwitchBench() {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<bcmhil::model::Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    const auto supply = net.add_node("supply");
    net.add_source("battery", supply, bcmhil::electrical::kGround, 12.0, 0.01);
    sw = std::make_unique<bcmhil::model::ContactSwitch>("door", *circuit, *recorder, bcmhil::electrical::kGround,
                                                        "the door is open");
    net.add_resistor("pull_up", supply, sw->terminal(), 10e3);
    net.add_resistor("pull_down", sw->terminal(), bcmhil::electrical::kGround, 10e3);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    while (sc_core::sc_pending_activity_at_current_time()) sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  double volts() const { return circuit->network().voltage(sw->terminal()); }
  void settle() {
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  }
  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<bcmhil::model::Circuit> circuit;
  std::unique_ptr<bcmhil::model::ContactSwitch> sw;
};

TEST(ContactSwitch, IdleItLeavesTheDividerAloneActuatedItPullsTheTerminalToGround) {
  SwitchBench b;
  b.settle();
  EXPECT_NEAR(b.volts(), 6.0, 0.01);
  EXPECT_TRUE(std::isinf(b.circuit->network().resistance(b.sw->contact())));
  b.sw->set_actuated(true);
  b.settle();
  EXPECT_TRUE(b.sw->actuated());
  // 0.05 ohm against 10 k from 12 V: 12 V * 0.05 / 10000 = 60 uV.
  EXPECT_NEAR(b.volts(), 12.0 * 0.05 / 10e3, 1e-5);
  EXPECT_NEAR(b.circuit->network().current(b.sw->contact()), 1.2e-3, 1e-5);
  b.sw->set_actuated(false);
  b.settle();
  EXPECT_NEAR(b.volts(), 6.0, 0.01);
  const auto& trace = history(*b.recorder, "door.actuated");
  EXPECT_EQ(rises(trace).size(), 1u);
  EXPECT_EQ(falls(trace).size(), 1u);
}

}  // namespace
