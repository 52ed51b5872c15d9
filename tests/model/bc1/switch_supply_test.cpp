// The 5 V switch supply (model/bc1/switch_supply.h) as the tester reads it: AIP_EXT_5V_MON through
// the DS2 backend (bc1_analog.csv 0.019607843 V/count) from the real node bc1.ext_5v_out, loaded by
// the switch network, pulled down by a short and sagging with the logic feed in dropout; the one
// supply of the lights' stalks and levelling knob too, off while the module sleeps.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/bc1/switch_supply.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

double monitored_volts(CarUnderTest& t) {
  model::Bc1DiagnosticBackend backend(t.car().bc1);
  const auto raw = backend.analog_raw("AIP_EXT_5V_MON");
  EXPECT_TRUE(raw.has_value()) << "AIP_EXT_5V_MON is modelled";
  return raw.value_or(0) * model::SwitchSupply::kVoltsPerCount;
}

TEST(SwitchSupply, AHealthyModuleReadsFiveVolts) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kMs);
  // 5.0 V behind 1 ohm into ~500 ohm of switch network: 4.99 V at the pin.
  EXPECT_NEAR(t.volts("bc1.ext_5v_out"), 4.99, 0.01);
  EXPECT_NEAR(t.amps("switch_network.load"), 0.010, 0.0005);
  EXPECT_NEAR(monitored_volts(t), 4.99, 0.02);
}

TEST(SwitchSupply, AShortOnTheSwitchLoomPullsTheReadingDown) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kMs);
  auto& net = t.car().circuit.network();
  const auto short_to_ground = net.borrow_branch(net.node("switch_network.feed"), electrical::kGround);
  net.set_resistance(short_to_ground, 1.0);
  t.car().circuit.request_solve();
  t.run_until(200 * kMs);
  // 5 V over the regulator's 1 ohm, the 1.5 m loom and the 1 ohm short: about half.
  EXPECT_NEAR(t.volts("bc1.ext_5v_out"), 2.55, 0.1);
  EXPECT_NEAR(monitored_volts(t), 2.55, 0.1);
}

TEST(SwitchSupply, InDropoutItFollowsTheLogicFeed) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(100 * kMs);
  t.car().set_battery_volts(5.5);  // the module browns out; its regulator is hardware and follows
  t.run_until(200 * kMs);
  const double feed = t.volts("bc1.kl30_logic") - t.volts("bc1.ground");
  EXPECT_NEAR(t.volts("bc1.ext_5v_out") - t.volts("bc1.ground"), feed - model::SwitchSupply::kDropoutV, 0.05);
  t.car().set_battery_volts(12.6);
  t.run_until(300 * kMs);
  EXPECT_NEAR(monitored_volts(t), 4.99, 0.02);
}

TEST(SwitchSupply, TheLightsStalksHangOnItSoItsMonitorSeesTheirLoom) {
  CarUnderTest t;
  t.elaborate();
  t.car().set_ignition(true);
  t.run_until(500 * kMs);
  EXPECT_NEAR(t.volts("steering_column.stalk_supply"), t.volts("bc1.ext_5v_out"), 0.01);
  EXPECT_NEAR(t.volts("bc1.main_flash_sw_in") - t.volts("bc1.ground"), 2.5, 0.05) << "neutral: 10 k over 10 k";
  EXPECT_EQ(t.car().bc1.exterior_lights().main_stalk(), model::MainStalk::neutral);
  // A short in the steering column's loom: the tester reads the 5 V supply collapse, and the
  // stalks read as broken (nothing lights).
  auto& net = t.car().circuit.network();
  const auto short_to_ground = net.borrow_branch(net.node("steering_column.stalk_supply"), electrical::kGround);
  net.set_resistance(short_to_ground, 0.01);
  t.car().circuit.request_solve();
  t.run_until(600 * kMs);
  EXPECT_LT(monitored_volts(t), 0.5);
  EXPECT_EQ(t.car().bc1.exterior_lights().main_stalk(), model::MainStalk::fault);
}

TEST(SwitchSupply, AsleepTheStalksAreUnfedAndTheIgnitionFeedsThemAgain) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(70 * kS);
  ASSERT_EQ(t.sig("bc1.awake").samples.back().value, 0.0);
  EXPECT_LT(t.volts("bc1.main_flash_sw_in"), 0.05) << "the parked car pays nothing for its stalks";
  t.car().set_ignition(true);
  t.run_for(100 * kMs);
  EXPECT_NEAR(t.volts("bc1.main_flash_sw_in") - t.volts("bc1.ground"), 2.5, 0.05);
  EXPECT_EQ(t.car().bc1.exterior_lights().main_stalk(), model::MainStalk::neutral);
}

}  // namespace
}  // namespace bcmhil::testing
