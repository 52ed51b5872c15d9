// DATENBUS FEHLER 0x00 (model/bc1/bus_monitor.h, criterion CHOSEN): the K-line held below the
// receiver's threshold for 2 s while the module runs is logged active, stored once it is back high;
// a shorter dip is not.
#include "model/bc1/bus_monitor.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

struct KlineCar {
  KlineCar() {
    car.elaborate();
    car.run_until(1 * kS);
    auto& net = car.car().circuit.network();
    to_ground = net.borrow_branch(net.node("bc1.kline"), electrical::kGround);
  }
  void pull_low(bool low) {
    car.car().circuit.network().set_resistance(to_ground, low ? 10.0 : electrical::kOpen);
    car.car().circuit.request_solve();
  }
  const model::FaultEntry* entry() { return car.car().bc1.fault_memory().find(model::fault_code::kDataBus); }
  CarUnderTest car;
  electrical::BranchId to_ground;
};

TEST(BusMonitor, ALineHeldLowForTwoSecondsIsADataBusFault) {
  KlineCar k;
  k.pull_low(true);  // water on the pin: ~10 ohm to ground
  k.car.run_for(1990 * kMs);
  EXPECT_LT(k.car.volts("bc1.kline"), 1.0);
  EXPECT_EQ(k.entry(), nullptr) << "not yet: 2 s";
  k.car.run_for(20 * kMs);
  ASSERT_NE(k.entry(), nullptr);
  EXPECT_TRUE(k.entry()->active);
  k.pull_low(false);  // dried
  k.car.run_for(100 * kMs);
  ASSERT_NE(k.entry(), nullptr);
  EXPECT_FALSE(k.entry()->active) << "stored: the tester reads it once the line works again";
  EXPECT_EQ(k.entry()->frequency, 1);
}

TEST(BusMonitor, AShortDipIsNoFault) {
  KlineCar k;
  k.pull_low(true);
  k.car.run_for(1500 * kMs);
  k.pull_low(false);
  k.car.run_for(3 * kS);
  EXPECT_EQ(k.entry(), nullptr);
}

}  // namespace
}  // namespace bcmhil::testing
