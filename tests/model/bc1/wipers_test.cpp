// The BC1's wipers and washers in the car: the stalk through the input stage and debouncer, the
// relay coil outputs, the relays and motors with their park cams, the wash pumps; blocked and
// park-feedback detection and the coil outputs' faults as the tester reads them.
#include "model/bc1/wipers.h"

#include "model/bc1/bc1_diagnostic_backend.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::HighSideDriver;
using bcmhil::model::Wipers;

bcmhil::model::VehicleConfig ignition_on() {
  bcmhil::model::VehicleConfig c;
  c.ignition_on = true;
  c.locked = false;
  return c;
}

// Ignition on, the module booted (it runs 20 ms after power-up).
struct Running : CarUnderTest {
  Running() : CarUnderTest(ignition_on()) {
    elaborate();
    run_until(100 * kMs);
  }
  void hold(const char* position, std::uint64_t duration) {
    car().press_switch(position, sc_core::sc_time::from_value(duration));
  }
  bool bit(const char* name) const { return vehicle->bc1.signal(name).value(); }
  const bcmhil::model::FaultEntry* fault(std::uint8_t code) const {
    return vehicle->bc1.fault_memory().find(code);
  }
  bool active(std::uint8_t code) const { return fault(code) && fault(code)->active; }
  bcmhil::model::Wipers& wipers() { return car().bc1.wipers(); }
};

TEST(Wipers, SlowRunsThroughTheRunRelayAndTheWiperParksWhenSwitchedOff) {
  Running t;
  t.hold("wiper_slow", 5 * kS);
  t.run_until(3 * kS);
  EXPECT_TRUE(t.bit("DIP_COL_SW_2"));
  EXPECT_FALSE(t.bit("DIP_COL_SW_1"));
  EXPECT_TRUE(t.bit("DOP_FT_WIPER_PARK_RUN"));
  EXPECT_FALSE(t.bit("DOP_FT_WIPER_SLOW_FAST"));
  EXPECT_TRUE(t.car().wipers.run_relay.operated());
  EXPECT_NEAR(t.car().wipers.front_motor.speed_rev_s() * 60.0, 45.0, 2.0);
  EXPECT_NEAR(t.amps("front_wiper.slow_winding"), 3.0, 0.2);
  t.run_until(8 * kS);
  EXPECT_FALSE(t.bit("DOP_FT_WIPER_PARK_RUN"));
  EXPECT_TRUE(t.car().wipers.front_motor.parked()) << "the park cam took it home";
  EXPECT_EQ(t.car().wipers.front_motor.speed_rev_s(), 0.0);
  EXPECT_TRUE(t.bit("DIP_FT_WIPER_PARK"));
  // ~3.7 wipes in 5 s: each a park pass the module saw.
  EXPECT_GE(rises(t.sig("front_wiper.parked"), 0, 8 * kS).size(), 3u);
  EXPECT_TRUE(t.car().bc1.fault_memory().entries().empty());
}

TEST(Wipers, FastEnergisesTheSpeedRelayAndTheFastBrush) {
  Running t;
  t.hold("wiper_fast", 3 * kS);
  t.run_until(2500 * kMs);
  EXPECT_TRUE(t.bit("DOP_FT_WIPER_SLOW_FAST"));
  EXPECT_TRUE(t.car().wipers.speed_relay.operated());
  EXPECT_NEAR(t.car().wipers.front_motor.speed_rev_s() * 60.0, 64.0, 2.5);
  EXPECT_GT(t.amps("front_wiper.fast_winding"), 4.0);
  t.run_until(5 * kS);
  EXPECT_TRUE(t.car().wipers.front_motor.parked());
}

TEST(Wipers, IntermittentWipesAtOnceThenEveryFourSeconds) {
  Running t;
  t.hold("wiper_intermittent", 10 * kS);
  t.run_until(12 * kS);
  const auto starts = rises(t.sig("DOP_FT_WIPER_PARK_RUN"));
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1] - starts[0], 4 * kS);
  EXPECT_EQ(starts[2] - starts[1], 4 * kS);
  // One wipe each: the relay lets go once the wiper has left park, the cam brings it home.
  EXPECT_EQ(rises(t.sig("front_wiper.parked")).size(), 3u);
  EXPECT_LT(falls(t.sig("DOP_FT_WIPER_PARK_RUN"))[0] - starts[0], 200 * kMs);
  EXPECT_TRUE(t.car().wipers.front_motor.parked());
}

TEST(Wipers, FrontWashRunsThePumpTheWiperThreeWipesAfterAndOneHeadlampPulse) {
  Running t;
  t.hold("front_wash", 1500 * kMs);
  t.run_until(1 * kS);
  EXPECT_TRUE(t.bit("DIP_FT_WASH_PUMP"));
  EXPECT_TRUE(t.car().wipers.front_washer.speed_rev_s() > 40.0) << "the stalk feeds the pump";
  EXPECT_TRUE(t.bit("DOP_FT_WIPER_PARK_RUN"));
  EXPECT_TRUE(t.car().wipers.headlamp_washer.speed_rev_s() > 20.0);
  t.run_until(8 * kS);
  const auto pulse = rises(t.sig("DOP_PWR_WASH_RLY"));
  ASSERT_EQ(pulse.size(), 1u);
  EXPECT_EQ(falls(t.sig("DOP_PWR_WASH_RLY"))[0] - pulse[0], 1 * kS);
  // Park passes after the pump stopped at 1.6 s: three, then it rests.
  EXPECT_EQ(rises(t.sig("front_wiper.parked"), 1600 * kMs + 10 * kMs).size(), 3u);
  EXPECT_TRUE(t.car().wipers.front_motor.parked());
  EXPECT_FALSE(t.bit("DOP_FT_WIPER_PARK_RUN"));
}

TEST(Wipers, RearWiperWipesEverySevenSecondsAndAfterTheRearWash) {
  Running t;
  t.hold("rear_wiper", 10 * kS);
  t.run_until(12 * kS);
  EXPECT_EQ(rises(t.sig("DOP_RR_WIPER_RLY")).size(), 2u);
  EXPECT_EQ(rises(t.sig("rear_wiper.parked")).size(), 2u);
  t.hold("rear_wash", 1 * kS);
  t.run_until(18 * kS);
  EXPECT_TRUE(t.car().wipers.rear_motor.parked());
  EXPECT_EQ(rises(t.sig("rear_wiper.parked"), 12 * kS).size(), 2u) << "two wipes after the wash";
}

TEST(Wipers, WithTheIgnitionOffTheStalkDoesNothing) {
  CarUnderTest t;
  t.elaborate();
  t.car().press_switch("wiper_slow", sc_core::sc_time(2, sc_core::SC_SEC));
  t.run_until(3 * kS);
  EXPECT_TRUE(rises(t.sig("DOP_FT_WIPER_PARK_RUN")).empty());
  EXPECT_TRUE(rises(t.sig("front_wiper.moving")).empty());
}

TEST(Wipers, ABlockedFrontWiperStallsIsJudgedBlockedAfterThreeSecondsAndLetGo) {
  Running t;
  t.car().wipers.front_motor.set_jammed(true);
  t.hold("wiper_slow", 5 * kS);
  t.run_until(2 * kS);
  EXPECT_GT(t.amps("front_wiper.slow_winding"), 14.0) << "stall current";
  EXPECT_FALSE(t.fault(0x95));
  bcmhil::model::Bc1DiagnosticBackend ds2(t.car().bc1);
  EXPECT_LT(ds2.analog_raw("AIP_FT_WIPER_SENSE").value(), 3) << "no back-EMF: no speed";
  t.run_until(4 * kS);
  EXPECT_TRUE(t.active(0x95));
  EXPECT_FALSE(t.fault(0x94));
  EXPECT_FALSE(t.bit("DOP_FT_WIPER_PARK_RUN")) << "the module stops driving a blocked motor";
  EXPECT_NEAR(t.amps("front_wiper.slow_winding"), 0.0, 0.01) << "parked: the cam grounds it";
  // Freed, and the stalk switched on again: it wipes, and the first park edge makes 0x95 stored.
  t.car().wipers.front_motor.set_jammed(false);
  t.run_until(6 * kS);
  t.hold("wiper_slow", 3 * kS);
  t.run_until(9 * kS);
  EXPECT_TRUE(t.car().wipers.front_motor.speed_rev_s() > 0.5);
  ASSERT_TRUE(t.fault(0x95));
  EXPECT_FALSE(t.active(0x95));
}

TEST(Wipers, ABlockedRearWiperLogs0x96) {
  Running t;
  t.car().wipers.rear_motor.set_jammed(true);
  t.hold("rear_wiper", 5 * kS);
  t.run_until(2 * kS);
  EXPECT_GT(t.amps("rear_wiper.slow_winding"), 5.0) << "stall current";
  EXPECT_FALSE(t.fault(0x96));
  t.run_until(4 * kS);
  EXPECT_TRUE(t.active(0x96));
  EXPECT_FALSE(t.bit("DOP_RR_WIPER_RLY"));
}

TEST(Wipers, AParkContactStuckOnItsFeedRunsTheWiperOnAndLogs0x94) {
  Running t;
  t.car().wipers.front_motor.set_park_contact_stuck(false);
  t.hold("wiper_slow", 2 * kS);
  t.run_until(4 * kS);
  EXPECT_TRUE(t.sig("front_wiper.moving").value_at(now()) > 0.5) << "switched off, it never stops";
  bcmhil::model::Bc1DiagnosticBackend ds2(t.car().bc1);
  // The fast brush's back-EMF: ~9.5 V per turn/s at ~0.75 turn/s, through 0.080360012 V/count.
  EXPECT_NEAR(ds2.analog_raw("AIP_FT_WIPER_SENSE").value(), 88, 6);
  t.run_until(6 * kS);
  EXPECT_TRUE(t.active(0x94));
  EXPECT_FALSE(t.fault(0x95));
}

TEST(Wipers, ADeadRunRelayDriverLogs0x8CAndAShortedOne0x84) {
  Running t;
  t.wipers().driver(Wipers::ft_run).set_health(HighSideDriver::Health::failed_open);
  t.hold("wiper_slow", 1 * kS);
  t.run_until(500 * kMs);
  EXPECT_TRUE(t.active(0x8C));
  EXPECT_FALSE(t.car().wipers.front_motor.speed_rev_s() > 0.0);
  t.run_until(2 * kS);
  t.wipers().driver(Wipers::ft_run).set_health(HighSideDriver::Health::failed_short);
  t.run_until(3 * kS);
  EXPECT_TRUE(t.active(0x84));
  EXPECT_FALSE(t.active(0x8C));
  EXPECT_TRUE(t.car().wipers.front_motor.speed_rev_s() > 0.5) << "it wipes by itself";
}

TEST(Wipers, TheWasherRelayDriverOpenLogs0xBE) {
  Running t;
  t.wipers().driver(Wipers::power_wash).set_health(HighSideDriver::Health::failed_open);
  t.hold("front_wash", 500 * kMs);
  t.run_until(1 * kS);
  EXPECT_TRUE(t.active(0xBE));
  EXPECT_FALSE(t.fault(0xBD));
}

TEST(Wipers, ForcedOverDiagnosticsTheRunRelayWipesForAtMostFiveSeconds) {
  Running t;
  t.run_until(1 * kS);
  bcmhil::model::Bc1DiagnosticBackend ds2(t.car().bc1);
  ASSERT_TRUE(ds2.force_output("DOP_FT_WIPER_PARK_RUN", true));
  t.run_until(3 * kS);
  EXPECT_TRUE(ds2.digital("DOP_FT_WIPER_PARK_RUN").value());
  EXPECT_TRUE(t.car().wipers.front_motor.speed_rev_s() > 0.5);
  t.run_until(8 * kS);
  EXPECT_FALSE(ds2.digital("DOP_FT_WIPER_PARK_RUN").value());
  EXPECT_TRUE(t.car().wipers.front_motor.parked());
}

}  // namespace
