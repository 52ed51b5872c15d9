// InputStage: per pin a pull-up to the sense supply and a pull-down to module ground, and a
// comparator re-evaluated on every solve. The BC1's values: 10 k / 10 k, 3 V threshold, active
// low (Bc1Module::kPullUpOhm, kPullDownOhm, kInputThresholdV).
#include "model/bc1/bc1_module.h"
#include "model/bc1/input_stage.h"

#include <gtest/gtest.h>
#include <systemc>

#include <memory>

#include "systemc_kernel.h"

namespace {

using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Bc1Module;
using bcmhil::model::Circuit;
using bcmhil::model::InputPinSpec;
using bcmhil::model::InputStage;
using bcmhil::trace::Recorder;

constexpr double kSense = 12.0;

struct Bench {
  Bench() {
    bcmhil::testing::fresh_systemc_kernel();
    recorder = std::make_unique<Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    sense = net.add_node("sense");
    net.add_source("sense_source", sense, kGround, kSense, 1e-3);
    switch_pin = net.add_node("switch_pin");
    monitor_pin = net.add_node("monitor_pin");
    // A switch to ground on the switch pin, and a 0..12 V source driving the monitor pin.
    to_ground = net.add_resistor("to_ground", switch_pin, kGround, kOpen);
    monitor_source = net.add_source("monitor_source", monitor_pin, kGround, 0.0, 1.0);
    stage = std::make_unique<InputStage>(
        "inputs", *circuit, sense, kGround,
        std::vector<InputPinSpec>{
            {"SWITCH", switch_pin, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm, Bc1Module::kInputThresholdV, true},
            {"MONITOR", monitor_pin, kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}});
    switch_signal = std::make_unique<sc_core::sc_signal<bool>>("switch_active");
    monitor_signal = std::make_unique<sc_core::sc_signal<bool>>("monitor_active");
    stage->active[0].bind(*switch_signal);
    stage->active[1].bind(*monitor_signal);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    settle();
  }
  void settle() { sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS)); }
  void set(int branch, double ohms) {
    circuit->network().set_resistance(branch, ohms);
    circuit->request_solve();
    settle();
  }
  double v(int node) const { return circuit->network().voltage(node); }

  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<InputStage> stage;
  // Created after the fresh kernel, like every SystemC object of the test.
  std::unique_ptr<sc_core::sc_signal<bool>> switch_signal, monitor_signal;
  bool switch_active() const { return switch_signal->read(); }
  bool monitor_active() const { return monitor_signal->read(); }
  int sense, switch_pin, monitor_pin, to_ground, monitor_source;
};

TEST(InputStage, AnOpenInputReadsHalfTheSupplyAndIsInactive) {
  Bench b;
  // 10 k up, 10 k down: half the sense supply, the owner's ~6 V on a 12 V car.
  EXPECT_NEAR(b.v(b.switch_pin), kSense / 2, 1e-3);
  EXPECT_FALSE(b.switch_active());
}

TEST(InputStage, AGroundedInputIsActive) {
  Bench b;
  b.set(b.to_ground, 0.05);
  EXPECT_NEAR(b.v(b.switch_pin), 0.0, 1e-3);
  EXPECT_TRUE(b.switch_active());
  b.set(b.to_ground, kOpen);
  EXPECT_FALSE(b.switch_active());
}

TEST(InputStage, SwitchesAtTheThreshold) {
  Bench b;
  // Pin = 12 V * (R || 10k) / (10k + R || 10k); 3 V exactly at R = 5 kohm.
  b.set(b.to_ground, 5.2e3);
  EXPECT_GT(b.v(b.switch_pin), 3.0);
  EXPECT_FALSE(b.switch_active());
  b.set(b.to_ground, 4.8e3);
  EXPECT_LT(b.v(b.switch_pin), 3.0);
  EXPECT_TRUE(b.switch_active());
  // A water film of 10 kohm (the wet leak) does not yet read as a pressed switch: 4 V.
  b.set(b.to_ground, 10e3);
  EXPECT_NEAR(b.v(b.switch_pin), 4.0, 1e-3);
  EXPECT_FALSE(b.switch_active());
}

TEST(InputStage, ActiveHighPinWithoutPullUpReadsZeroAndFollowsItsSource) {
  Bench b;
  EXPECT_NEAR(b.v(b.monitor_pin), 0.0, 1e-6);
  EXPECT_FALSE(b.monitor_active());
  auto& net = b.circuit->network();
  net.set_emf(b.monitor_source, 6.1);
  b.circuit->request_solve();
  b.settle();
  EXPECT_TRUE(b.monitor_active()) << b.v(b.monitor_pin);
  net.set_emf(b.monitor_source, 5.9);
  b.circuit->request_solve();
  b.settle();
  EXPECT_FALSE(b.monitor_active()) << b.v(b.monitor_pin);
}

TEST(InputStage, ExposesPinsAndPullUps) {
  Bench b;
  ASSERT_EQ(b.stage->pins().size(), 2u);
  EXPECT_EQ(b.stage->pins()[0].signal, "SWITCH");
  const auto& net = b.circuit->network();
  EXPECT_EQ(net.branch_name(b.stage->pull_up(0)), "inputs.SWITCH.pull_up");
  EXPECT_NEAR(net.resistance(b.stage->pull_up(0)), 10e3, 1e-6);
  EXPECT_EQ(net.resistance(b.stage->pull_up(1)), kOpen);
  EXPECT_TRUE(net.find_branch("inputs.MONITOR.pull_down"));
}

}  // namespace
