// The DVM as a circuit element: its 10 MΩ input loads what it measures, it reads between any two
// points, its display autoranges, and it leaves nothing behind when taken off.
#include "model/instruments/voltmeter.h"

#include "model/instruments/measurement_points.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::instruments::measurement_point;
using bcmhil::instruments::Voltmeter;
using bcmhil::model::FobButton;

// Put on, then one solve: what the meter shows from now on.
void settle(CarUnderTest& t) { t.run_for(1 * kUs); }

TEST(Voltmeter, ReadsTheBatteryBetweenItsPosts) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  Voltmeter dvm(car.circuit, measurement_point(car, "battery+"), measurement_point(car, "battery-"));
  settle(t);
  const auto r = dvm.read();
  EXPECT_FALSE(r.overload);
  EXPECT_EQ(r.unit, "V");
  EXPECT_NEAR(r.value, t.volts("battery.plus"), 0.01);
  EXPECT_GT(r.value, 12.0);
  EXPECT_EQ(r.display.substr(r.display.size() - 2), " V");
  EXPECT_EQ(r.display.find('.') + 3, r.display.size() - 2) << r.display << ": 60 V scale, two decimals";
}

TEST(Voltmeter, ReadsBetweenAnyTwoPointsNotOnlyToGround) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  t.run_until(1 * kS);
  car.press_fob(1, FobButton::trunk);
  t.run_until(1 * kS + 300 * kMs);
  // Across the hatch motor while it pulls: its winding's drop, not the feed's voltage to ground.
  const auto red = measurement_point(car, "hatch.2"), black = measurement_point(car, "hatch.1");
  Voltmeter across(car.circuit, red, black);
  settle(t);
  const auto& net = car.circuit.network();
  const double pin2 = net.voltage(red), pin1 = net.voltage(black);
  EXPECT_GT(pin1, 0.01) << "the ground wire carries the motor current";
  EXPECT_NEAR(across.volts(), pin2 - pin1, 1e-9);
  EXPECT_NEAR(across.read().value, pin2 - pin1, 0.01);
}

TEST(Voltmeter, ItsInputIsARealTenMegohmLoad) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  // The hinge feed broken: the hatch side of the feed floats, held only by the network's 1 nS
  // leak to ground at every node. A 10 MΩ meter from battery+ to it forms a divider with that.
  car.harness.set_broken(*car.harness.find("harness.tailgate_feed.hinge"), true);
  car.unplug("hatch");
  const auto feed = measurement_point(car, "hatch.2");
  Voltmeter dvm(car.circuit, measurement_point(car, "battery+"), feed);
  settle(t);
  const double battery = t.volts("battery.plus");
  // 10 MΩ against the 1 GΩ leak: the meter pulls the floating wire up to 99 % of the battery and
  // reads the 1 % left across its own input, not the ideal battery-to-0 V.
  EXPECT_NEAR(dvm.volts(), battery * 10e6 / (1e9 + 10e6), 1e-6);
}

TEST(Voltmeter, DisplayAutorangesAndOverloads) {
  EXPECT_EQ(bcmhil::instruments::autorange(12.4349, {{0.6, 1e-4}, {6, 1e-3}, {60, 1e-2}}, "V", "V").display,
            "12.43 V");
  const auto small = bcmhil::instruments::autorange(0.01234, {{0.6, 1e-4}, {6, 1e-3}}, "V", "V");
  EXPECT_EQ(small.display, "0.0123 V");
  EXPECT_DOUBLE_EQ(small.value, 0.0123);
  EXPECT_EQ(bcmhil::instruments::autorange(-0.00001, {{0.6, 1e-4}}, "V", "V").display, "0.0000 V");
  const auto ol = bcmhil::instruments::autorange(-2000.0, {{600, 0.1}, {1000, 1}}, "V", "V");
  EXPECT_TRUE(ol.overload);
  EXPECT_EQ(ol.display, "OL");
  EXPECT_EQ(ol.value, -1000.0);
  EXPECT_TRUE(Voltmeter::range().contains(-1000.0));
  EXPECT_FALSE(Voltmeter::range().contains(1e9));
  EXPECT_NE(Voltmeter::range().refuse(1e9).find("1e+09 V"), std::string::npos) << Voltmeter::range().refuse(1e9);
  EXPECT_EQ(Voltmeter::range().refuse(12.0), "");
}

TEST(Voltmeter, TakenOffItLeavesTheNetworkAsItWasAndReusesItsBranch) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  auto& net = car.circuit.network();
  const auto branches = net.branch_count();
  const double before = t.volts("bc1.boot_open_in");
  for (int i = 0; i < 5; ++i) {
    Voltmeter dvm(car.circuit, measurement_point(car, "X331.2@module"), measurement_point(car, "ground"));
    settle(t);
    // The input's ~6 V divider sees 10 MΩ in parallel: a few mV lower, never the same bits.
    EXPECT_LT(dvm.volts(), before);
    EXPECT_NEAR(dvm.volts(), before, 0.05);
  }
  settle(t);
  EXPECT_EQ(net.branch_count(), branches + 1) << "one spare, reused five times";
  EXPECT_NEAR(t.volts("bc1.boot_open_in"), before, 1e-12);
}

// As a catalogue test uses it: put on and read from inside a SystemC process, after the solve.
TEST(Voltmeter, UsedFromASimulationProcess) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  double shown = -1.0;
  std::size_t spares_while_on = 0;
  sc_core::sc_spawn([&] {
    wait(sc_core::sc_time(10, sc_core::SC_MS));
    {
      Voltmeter dvm(car.circuit, measurement_point(car, "battery+"), measurement_point(car, "ground"));
      wait(car.circuit.solved());
      shown = dvm.read().value;
      spares_while_on = car.circuit.network().spare_count();
    }
    wait(sc_core::sc_time(1, sc_core::SC_MS));
  });
  t.run_until(20 * kMs);
  EXPECT_NEAR(shown, t.volts("battery.plus"), 0.01);
  EXPECT_EQ(spares_while_on, 1u);
}

TEST(Voltmeter, BothTipsOnOnePointIsRefused) {
  CarUnderTest t;
  t.elaborate();
  auto& car = t.car();
  EXPECT_THROW(Voltmeter(car.circuit, measurement_point(car, "ground"), measurement_point(car, "battery-")),
               std::invalid_argument);
}

}  // namespace
