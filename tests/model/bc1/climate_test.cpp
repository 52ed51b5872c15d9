// Climate in the car: the A/C button, the compressor clutch relay behind the blower and the frost
// cut-out, the recirculation button and the flap's travel with its end contact, the readback
// codes (0x8F for a dead flap motor, 0xB5 for a welded blower relay), the evaporator's NTC and
// the heated screens' own codes.
#include "model/bc1/climate.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::Climate;
namespace fault_code = bcmhil::model::fault_code;

const sc_core::sc_time kPress(200, sc_core::SC_MS);

struct Running : CarUnderTest {
  Running() {
    elaborate();
    car().set_ignition(true);
    run_until(1 * kS);
  }
  void press(const char* which) {
    car().press_switch(which, kPress);
    run_for(500 * kMs);
  }
  bool bit(const char* name) { return car().bc1.signal(name).value(); }
  // The fault memory as the module keeps it: 0 absent, 1 stored, 2 active.
  int fault(std::uint8_t code) {
    const auto* e = car().bc1.fault_memory().find(code);
    return e ? (e->active ? 2 : 1) : 0;
  }
  int raw(const char* channel) { return car().bc1.climate().analog_raw(channel).value(); }
};

TEST(Climate, TheCompressorRunsOnlyWithTheBlower) {
  Running t;
  EXPECT_TRUE(t.bit("DOP_BLOWER_ENABLE")) << "the blower relay is enabled with the ignition";
  EXPECT_TRUE(t.car().climate.blower_relay.operated());
  EXPECT_FALSE(t.bit("DIP_BLOWER_MOTOR_STATUS")) << "the panel's blower switch is off";
  t.press("ac");
  EXPECT_TRUE(t.bit("DOP_AC_LED"));
  EXPECT_TRUE(t.bit("DIP_AC_SWITCH") == false) << "the button is let go";
  EXPECT_FALSE(t.car().bc1.climate().compressor_on()) << "no compressor while the blower stands";
  EXPECT_NEAR(t.amps("ac_compressor.clutch"), 0.0, 1e-3);
  t.car().press_switch("blower", sc_core::sc_time(60, sc_core::SC_SEC));
  t.run_for(500 * kMs);
  EXPECT_TRUE(t.bit("DIP_BLOWER_MOTOR_STATUS"));
  EXPECT_TRUE(t.car().bc1.climate().compressor_on());
  EXPECT_GT(t.amps("ac_compressor.clutch"), 3.0) << "~12 V over the 3.6 ohm clutch coil";
  EXPECT_GT(t.amps("blower.motor"), 9.0);
  const double motor_volts = t.volts("blower.motor_plus");
  EXPECT_NEAR(t.raw("AIP_BLOWER_MOT_SENSE"), motor_volts / Climate::kBlowerVoltsPerCount, 1.0);
  t.press("ac");
  EXPECT_FALSE(t.bit("DOP_AC_LED"));
  EXPECT_FALSE(t.car().bc1.climate().compressor_on());
  for (std::uint8_t code : {fault_code::kCompressor, fault_code::kBlowerOn, fault_code::kBlowerOff})
    EXPECT_EQ(t.fault(code), 0) << std::hex << int(code);
}

TEST(Climate, TheFrostCutOutCyclesTheCompressorOnTheEvaporatorSensor) {
  Running t;
  EXPECT_EQ(t.raw("AIP_EVAPORATOR_SENSE"), 152) << "25 degC: (25 + 29.3) / 0.3565";
  t.car().press_switch("blower", sc_core::sc_time(100, sc_core::SC_SEC));
  t.press("ac");
  const auto on = now();
  t.run_until(45 * kS);
  // -5 degC target, 20 s: 2 degC after 20 ln(30/7) = 29 s; back above 5 degC ~8 s later.
  const auto off = falls(t.sig("bc1.ac_compressor"), on);
  ASSERT_FALSE(off.empty());
  EXPECT_NEAR(static_cast<double>(off[0] - on) / kS, 29.1, 1.0);
  const auto again = rises(t.sig("bc1.ac_compressor"), off[0]);
  ASSERT_FALSE(again.empty());
  EXPECT_NEAR(static_cast<double>(again[0] - off[0]) / kS, 8.4, 1.0);
  EXPECT_NEAR(t.car().bc1.climate().evaporator_c(), t.car().climate.evaporator.temperature_c(), 0.6)
      << "the module reads the NTC within the 0.5 s staircase";
}

TEST(Climate, RecirculationSwingsTheFlapAndBackAndIgnitionOffReturnsIt) {
  Running t;
  t.press("recirculation");
  t.run_for(700 * kMs);
  EXPECT_TRUE(t.bit("DOP_RECIRC_LED"));
  EXPECT_DOUBLE_EQ(t.car().climate.flap.position(), 1.0);
  EXPECT_FALSE(t.bit("DOP_RECIRC_CTL1")) << "the module stops driving at the end contact";
  EXPECT_TRUE(t.bit("DIP_RECIRC_MONITOR"));
  EXPECT_EQ(rises(t.sig("DOP_RECIRC_CTL1")).size(), 1u);
  const auto drive = falls(t.sig("DOP_RECIRC_CTL1"))[0] - rises(t.sig("DOP_RECIRC_CTL1"))[0];
  EXPECT_NEAR(static_cast<double>(drive) / kS, 0.8, 0.15) << "the swing's travel time";
  t.press("recirculation");
  t.run_for(700 * kMs);
  EXPECT_DOUBLE_EQ(t.car().climate.flap.position(), 0.0);
  t.press("recirculation");
  t.run_for(700 * kMs);
  t.car().set_ignition(false);
  t.run_for(1500 * kMs);
  EXPECT_DOUBLE_EQ(t.car().climate.flap.position(), 0.0) << "parked on fresh air";
  EXPECT_FALSE(t.bit("DOP_RECIRC_LED"));
  EXPECT_FALSE(t.bit("DOP_BLOWER_ENABLE"));
  for (std::uint8_t code : {fault_code::kFreshAirOn, fault_code::kRecircOn, fault_code::kFreshAirOff,
                            fault_code::kRecircOff})
    EXPECT_EQ(t.fault(code), 0) << std::hex << int(code);
  EXPECT_FALSE(t.bit("DIP_RECIRC_ERROR"));
}

TEST(Climate, AnOpenFlapMotorLogs0x8FAfterTheTimeout) {
  Running t;
  t.car().climate.flap.set_winding_ohm(bcmhil::electrical::kOpen);
  t.press("recirculation");
  EXPECT_TRUE(t.bit("DOP_RECIRC_CTL1")) << "still trying";
  EXPECT_EQ(t.fault(fault_code::kRecircOff), 0);
  t.run_for(1700 * kMs);
  EXPECT_EQ(t.fault(fault_code::kRecircOff), 2);
  EXPECT_TRUE(t.bit("DIP_RECIRC_ERROR"));
  EXPECT_FALSE(t.bit("DOP_RECIRC_CTL1")) << "given up";
  EXPECT_DOUBLE_EQ(t.car().climate.flap.position(), 0.0);
  EXPECT_EQ(t.fault(fault_code::kFreshAirOff), 0);
}

TEST(Climate, AWeldedBlowerRelayRunsTheBlowerWithTheIgnitionOffAndLogs0xB5) {
  CarUnderTest t;
  t.elaborate();
  t.car().press_switch("blower", sc_core::sc_time(10, sc_core::SC_SEC));
  t.run_until(1 * kS);
  EXPECT_NEAR(t.amps("blower.motor"), 0.0, 1e-3);
  t.car().climate.blower_relay.weld();
  t.run_until(2 * kS);
  EXPECT_GT(t.amps("blower.motor"), 9.0);
  EXPECT_FALSE(t.car().bc1.signal("DOP_BLOWER_ENABLE").value());
  const auto* e = t.car().bc1.fault_memory().find(fault_code::kBlowerOn);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
}

TEST(Climate, HeatedScreenRelayReadbacksLogTheirOwnCodes) {
  Running t;
  t.car().bc1.heated_screens().rear_relay_driver().set_health(bcmhil::model::HighSideDriver::Health::failed_open);
  t.press("heated_front_screen");
  t.press("heated_rear_window");
  EXPECT_TRUE(t.bit("DOP_HEATED_RR_WIN_RLY"));
  EXPECT_FALSE(t.car().heated_rear_window.heating());
  EXPECT_EQ(t.fault(fault_code::kRearScreenOff), 2);
  EXPECT_EQ(t.fault(fault_code::kFrontScreenOff), 0) << "the healthy front screen's relay pin came up";
  t.car().bc1.heated_screens().front_relay_driver().set_health(bcmhil::model::HighSideDriver::Health::failed_short);
  t.press("heated_front_screen");
  EXPECT_FALSE(t.bit("DOP_HEATED_FT_WIN_RLY"));
  EXPECT_TRUE(t.car().heated_front_screen.heating()) << "a shorted driver keeps the relay in";
  EXPECT_EQ(t.fault(fault_code::kFrontScreenOn), 2);
  EXPECT_EQ(t.fault(fault_code::kRearScreenOn), 0);
}

}  // namespace
