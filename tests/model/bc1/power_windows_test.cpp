// The power windows in the car: console rockers through the input stage and debouncer, the BC1's
// window software (one-touch, stall at the end stops, anti-trap, convenience from the key), its
// changeover relays with their COM readbacks, and the window motors whose glass moves only as the
// motor physics lets it. Assertions are on what a person sees (where the glass is, the force on an
// obstacle), what a meter reads, and what the tester reads (fault codes, DS2 bits and channels).
#include "model/bc1/power_windows.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::LockRelay;
using bcmhil::model::PowerWindows;
namespace code = bcmhil::model::fault_code;

const sc_core::sc_time kTap(200, sc_core::SC_MS);

struct Windows : CarUnderTest {
  explicit Windows(bool ignition = true) {
    elaborate();
    car().set_ignition(ignition);
    run_until(500 * kMs);
  }
  void press(const char* rocker, sc_core::sc_time held = kTap) { car().press_switch(rocker, held); }
  double position(PowerWindows::Door door) { return car().windows.motor(door).position(); }
  const bcmhil::model::FaultEntry* fault(std::uint8_t c) { return car().bc1.fault_memory().find(c); }
  bool active(std::uint8_t c) { return fault(c) && fault(c)->active; }
  // What the DS2 server reads: through the module, which asks its registered functions.
  std::uint8_t raw(const char* channel) { return car().bc1.analog_raw(channel).value(); }
  bool bit(const char* name) { return car().bc1.signal(name).value(); }
};

TEST(PowerWindows, ATapRunsTheWindowDownToTheEndStopAndTheRelayDrops) {
  Windows t;
  t.press("driver_window_down");
  t.run_for(2 * kS);
  EXPECT_TRUE(t.bit("DOP_DRV_WIN_DOWN")) << "one-touch: it runs on after the release";
  EXPECT_GT(t.raw("AIP_DRV_WIN_CURR_SENSE"), 10);  // ~2.5 A running down: ~15 counts
  EXPECT_LT(t.raw("AIP_DRV_WIN_CURR_SENSE"), 20);
  EXPECT_EQ(t.raw("AIP_WIN_RELAY_MON"), 2) << "down relay's pin high";
  t.run_for(3 * kS);
  EXPECT_DOUBLE_EQ(t.position(PowerWindows::driver), 0.0);
  EXPECT_FALSE(t.bit("DOP_DRV_WIN_DOWN")) << "the stall at the bottom ended the run";
  EXPECT_EQ(t.raw("AIP_DRV_WIN_CURR_SENSE"), 0);
  EXPECT_DOUBLE_EQ(t.position(PowerWindows::passenger), 1.0) << "the other window stays shut";
  EXPECT_TRUE(t.car().bc1.fault_memory().entries().empty());
}

TEST(PowerWindows, AHeldRockerMovesItOnlyWhileHeldAndNothingWithoutIgnition) {
  Windows off(false);
  off.press("passenger_window_down", sc_core::sc_time(1, sc_core::SC_SEC));
  off.run_for(2 * kS);
  EXPECT_EQ(rises(off.sig("DIP_PASS_WIN_DOWN_SW")).size(), 1u) << "the module saw the press";
  EXPECT_DOUBLE_EQ(off.position(PowerWindows::passenger), 1.0);

  Windows t;
  t.press("passenger_window_down", sc_core::sc_time(1500, sc_core::SC_MS));
  t.run_for(3 * kS);
  const double stopped = t.position(PowerWindows::passenger);
  EXPECT_GT(stopped, 0.45);  // ~1.5 s at ~0.31 travel/s
  EXPECT_LT(stopped, 0.65);
  EXPECT_FALSE(t.bit("DOP_PASS_WIN_DOWN"));
  t.press("passenger_window_up", sc_core::sc_time(1, sc_core::SC_SEC));
  t.run_for(2 * kS);
  EXPECT_GT(t.position(PowerWindows::passenger), stopped + 0.15);
  EXPECT_LT(t.position(PowerWindows::passenger), stopped + 0.3);
}

TEST(PowerWindows, AntiTrapReversesOnAnObstacleAndLogsC5) {
  Windows t;
  t.press("driver_window_down");
  t.run_for(5 * kS);
  ASSERT_DOUBLE_EQ(t.position(PowerWindows::driver), 0.0);
  t.car().windows.driver.set_obstacle(100.0);  // a hand 100 mm below the frame
  t.press("driver_window_up");
  t.run_for(6 * kS);
  const auto& force = t.sig("window.driver.pinch_force");
  const double peak = max_in(force, 0, now());
  EXPECT_GT(peak, 10.0) << "the glass reached the obstacle";
  EXPECT_LT(peak, 100.0) << "and let go under the 100 N of FMVSS 118";
  EXPECT_LT(t.position(PowerWindows::driver), 0.55) << "reversed about a quarter of the travel";
  EXPECT_TRUE(t.active(code::kDriverWindowAntiTrap));
  // Obstacle gone: the next one-touch close reaches the seal, the entry goes inactive.
  t.car().windows.driver.set_obstacle(std::nullopt);
  t.press("driver_window_up");
  t.run_for(6 * kS);
  EXPECT_TRUE(t.car().windows.driver.closed());
  ASSERT_NE(t.fault(code::kDriverWindowAntiTrap), nullptr);
  EXPECT_FALSE(t.active(code::kDriverWindowAntiTrap));
  EXPECT_EQ(t.fault(code::kDriverWindowAntiTrap)->frequency, 1);
}

TEST(PowerWindows, AHeldRockerPushesThroughAnObstacleWithoutReversing) {
  Windows t;
  t.press("driver_window_down");
  t.run_for(5 * kS);
  t.car().windows.driver.set_obstacle(100.0);
  t.press("driver_window_up", sc_core::sc_time(5, sc_core::SC_SEC));
  t.run_for(6 * kS);
  EXPECT_GT(max_in(t.sig("window.driver.pinch_force"), 0, now()), 200.0) << "manual: the person's responsibility";
  EXPECT_FALSE(t.bit("DOP_DRV_WIN_UP")) << "the stall ended the run";
  EXPECT_EQ(t.fault(code::kDriverWindowAntiTrap), nullptr);
}

TEST(PowerWindows, TheKeyHeldInTheLockClosesBothWindowsWithTheIgnitionOff) {
  Windows t;
  t.press("driver_window_down");
  t.press("passenger_window_down");
  t.run_for(5 * kS);
  t.car().set_ignition(false);
  t.car().turn_key(bcmhil::model::DoorLocks::Door::driver, true, sc_core::sc_time(7, sc_core::SC_SEC));
  t.run_for(8 * kS);
  EXPECT_TRUE(t.car().windows.driver.closed());
  EXPECT_TRUE(t.car().windows.passenger.closed());
  // Let go half-way through an unlock hold: the windows stop where they are.
  t.car().turn_key(bcmhil::model::DoorLocks::Door::driver, false, sc_core::sc_time(3, sc_core::SC_SEC));
  t.run_for(5 * kS);
  EXPECT_LT(t.position(PowerWindows::driver), 0.8);
  EXPECT_GT(t.position(PowerWindows::driver), 0.3);
}

TEST(PowerWindows, AnUpRelayWeldedOnNoIsLoggedAndItsCompanionHeld) {
  Windows t;
  t.press("driver_window_down");
  t.run_for(5 * kS);
  t.car().bc1.power_windows().relay(0).set_welded(LockRelay::Side::no);
  t.run_for(1 * kS);
  const double crept = t.position(PowerWindows::driver);
  EXPECT_GT(crept, 0.0) << "the window moved by itself";
  EXPECT_LT(crept, 0.05) << "for the 50 ms the readback takes";
  EXPECT_TRUE(t.active(code::kDriverWindowUpRelayNo));
  EXPECT_FALSE(t.bit("DOP_DRV_WIN_UP"));
  EXPECT_TRUE(t.bit("DOP_DRV_WIN_DOWN")) << "the companion holds the other motor end on the feed";
  EXPECT_GT(t.volts("bc1.drv_win_up_out"), 11.5);
  EXPECT_NEAR(t.amps("window.driver.motor"), 0.0, 0.05);
  t.run_for(5 * kS);
  EXPECT_DOUBLE_EQ(t.position(PowerWindows::driver), crept);
  // Down cannot work (both ends high); up can.
  t.press("driver_window_down");
  t.run_for(2 * kS);
  EXPECT_DOUBLE_EQ(t.position(PowerWindows::driver), crept);
  t.press("driver_window_up");
  t.run_for(6 * kS);
  EXPECT_TRUE(t.car().windows.driver.closed());
}

TEST(PowerWindows, AnOpenMotorIsOutputOffAndAWireOnTheFeedOutputOn) {
  Windows t;
  t.car().windows.passenger.set_winding_open(true);
  t.press("passenger_window_down");
  t.run_for(1 * kS);
  EXPECT_TRUE(t.active(code::kPassengerWindowOutputOff));
  EXPECT_FALSE(t.bit("DOP_PASS_WIN_DOWN")) << "no current after the inrush time: the run ends";
  EXPECT_FALSE(t.active(code::kPassengerWindowDownRelayNc)) << "the relay itself switched";

  // A 10 ohm leak from the driver's 30DW feed pin onto its up pin: ~1.2 A through the NC contact.
  auto& net = t.car().circuit.network();
  net.set_resistance(net.borrow_branch(net.node("bc1.kl30_dw"), net.node("bc1.drv_win_up_out")), 10.0);
  t.car().circuit.request_solve();
  t.run_for(1 * kS);
  EXPECT_TRUE(t.active(code::kDriverWindowOutputOn));
  EXPECT_FALSE(t.active(code::kDriverWindowUpRelayNo)) << "the pin stays low on its NC contact";
  EXPECT_DOUBLE_EQ(t.position(PowerWindows::driver), 1.0) << "no current through the motor";
}

TEST(PowerWindows, ATesterForcesARelayForAtMostFiveSecondsAndReadsTheAntiTrapLevel) {
  Windows t;
  EXPECT_EQ(t.raw("AIP_DRV_WIN_ANTITRAP"), 0) << "disarmed at rest";
  sc_core::sc_spawn([&t] { t.car().bc1.force_output("DOP_PASS_WIN_DOWN", true); });
  t.run_for(1 * kS);
  EXPECT_TRUE(t.bit("DOP_PASS_WIN_DOWN"));
  EXPECT_LT(t.position(PowerWindows::passenger), 0.8) << "the forced relay drives the motor";
  t.run_for(5 * kS);
  EXPECT_FALSE(t.bit("DOP_PASS_WIN_DOWN")) << "the module's 5 s limit";
  EXPECT_EQ(t.fault(code::kPassengerWindowDownRelayNo), nullptr) << "a forced relay is not a stuck one";
  // One-touch up: once past the inrush the anti-trap is armed at ~5.5 A + 1.5 A: ~41 counts.
  t.press("passenger_window_up");
  t.run_for(1 * kS);
  EXPECT_GT(t.raw("AIP_PASS_WIN_ANTITRAP"), 36);
  EXPECT_LT(t.raw("AIP_PASS_WIN_ANTITRAP"), 46);
  EXPECT_EQ(t.raw("AIP_PASS_WIN_RELAY_MON"), 1);
}

}  // namespace
