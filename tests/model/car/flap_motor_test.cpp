// FlapMotor on its own: pin 1 or pin 2 switched to a 12 V battery, the other grounded (the BC1's
// H-bridge). The flap swings in ~0.8 s at 12 V, its end contact opens as it leaves an end and
// closes as it arrives at the other, and at the end stop it stalls at battery volts over the
// winding; seized or open it never leaves.
#include "model/car/flap_motor.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::model::Circuit;
using bcmhil::model::FlapMotor;

struct Bench {
  Bench() {
    fresh_systemc_kernel();
    recorder = std::make_unique<bcmhil::trace::Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    flap = std::make_unique<FlapMotor>("flap", "recirc_flap", *circuit, *recorder);
    auto& net = circuit->network();
    battery = net.add_node("battery");
    net.add_source("source", battery, kGround, 12.0, 0.02);
    a_high = net.add_resistor("a_high", battery, flap->pin(1), kOpen);
    a_low = net.add_resistor("a_low", flap->pin(1), kGround, 0.2);
    b_high = net.add_resistor("b_high", battery, flap->pin(2), kOpen);
    b_low = net.add_resistor("b_low", flap->pin(2), kGround, 0.2);
    // The module's pull-up on the end contact: 10 k from 12 V.
    net.add_resistor("pull_up", battery, flap->pin(3), 10e3);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void run_until(std::uint64_t t) {
    if (t > now()) sc_core::sc_start(sc_core::sc_time::from_value(t - now()));
  }
  // +1: towards recirculation (pin 1 high), -1: towards fresh air, 0: both low (braked).
  void drive(int polarity) {
    auto& net = circuit->network();
    net.set_resistance(a_high, polarity > 0 ? 0.1 : kOpen);
    net.set_resistance(a_low, polarity > 0 ? kOpen : 0.2);
    net.set_resistance(b_high, polarity < 0 ? 0.1 : kOpen);
    net.set_resistance(b_low, polarity < 0 ? kOpen : 0.2);
    circuit->request_solve();
  }
  double contact_volts() const { return circuit->network().voltage(flap->pin(3)); }
  const bcmhil::trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<bcmhil::trace::Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  std::unique_ptr<FlapMotor> flap;
  int battery, a_high, a_low, b_high, b_low;
};

TEST(FlapMotor, SwingsToRecirculationInItsTravelTimeThenStalls) {
  Bench b;
  b.run_until(100 * kMs);
  EXPECT_LT(b.contact_volts(), 0.1) << "at the fresh-air end its contact is closed";
  b.drive(+1);
  b.run_until(250 * kMs);
  EXPECT_GT(b.flap->speed(), 0.0);
  EXPECT_GT(b.contact_volts(), 11.0) << "it left the end: the contact opened";
  b.run_until(700 * kMs);
  EXPECT_LT(b.flap->position(), 1.0) << "a full swing takes ~0.8 s at 12 V";
  b.run_until(1200 * kMs);
  EXPECT_DOUBLE_EQ(b.flap->position(), 1.0);
  EXPECT_LT(b.contact_volts(), 0.1) << "arrived: the contact closed again";
  EXPECT_EQ(rises(b.sig("recirc_flap.recirculating")).size(), 1u);
  // Stalled against the stop: ~12 V over 8 ohm plus the bridge.
  EXPECT_NEAR(b.flap->current(), 12.0 / 8.3, 0.1);
  b.drive(0);
  b.run_until(1300 * kMs);
  EXPECT_NEAR(b.flap->current(), 0.0, 1e-3);
  b.drive(-1);
  b.run_until(2500 * kMs);
  EXPECT_DOUBLE_EQ(b.flap->position(), 0.0);
  EXPECT_LT(b.flap->current(), 0.0) << "driven back: the current reversed";
}

TEST(FlapMotor, SeizedOrOpenItNeverLeavesItsEnd) {
  Bench b;
  b.flap->set_seized(true);
  b.drive(+1);
  b.run_until(2 * kS);
  EXPECT_DOUBLE_EQ(b.flap->position(), 0.0);
  EXPECT_NEAR(b.flap->current(), 12.0 / 8.3, 0.1) << "seized: the stall current from the first instant";
  EXPECT_LT(b.contact_volts(), 0.1);
  b.flap->set_seized(false);
  b.flap->set_winding_ohm(kOpen);
  b.run_until(4 * kS);
  EXPECT_DOUBLE_EQ(b.flap->position(), 0.0);
  EXPECT_NEAR(b.flap->current(), 0.0, 1e-6) << "an open winding draws nothing";
}

}  // namespace
