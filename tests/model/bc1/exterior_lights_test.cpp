// ExteriorLights in the car: the light switch, stalks, fog buttons and brake pedal through the
// input stage into the module, its drivers and relays into the lamps; the lamp line readbacks
// behind the relays (0xB1-0xB4); what the DS2 backend reads (digital and analog); and the physics
// the flooded-module story needs: a leak from the headlamp feed lights the LED third brake light.
#include "model/bc1/exterior_lights.h"

#include "model/bc1/bc1_diagnostic_backend.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::MainStalk;

const sc_core::sc_time kPress(200, sc_core::SC_MS);

struct Lights : CarUnderTest {
  explicit Lights(bool ignition) {
    elaborate();
    car().set_ignition(ignition);
    run_until(500 * kMs);
  }
  void set(const char* control, const char* position) {
    car().set_control(control, position);
    run_for(300 * kMs);
  }
  void press(const char* button) {
    car().press_switch(button, kPress);
    run_for(500 * kMs);
  }
  bool out(const char* name) { return car().bc1.signal(name).value(); }
  bcmhil::model::ExteriorLamps& lamps() { return car().exterior_lamps; }
  bool has_fault(std::uint8_t code, bool active) {
    const auto* e = car().bc1.fault_memory().find(code);
    return e && e->active == active;
  }
};

TEST(ExteriorLights, PositionLightsAndNumberPlateFollowTheSwitchWithTheCarParked) {
  Lights t(false);
  t.set("light_switch", "position");
  EXPECT_TRUE(t.out("DIP_POSN_LGT_SW"));
  EXPECT_TRUE(t.out("DOP_LH_POSITION_LGT"));
  EXPECT_TRUE(t.lamps().position_lh.lit());
  EXPECT_TRUE(t.lamps().position_rh.lit());
  EXPECT_TRUE(t.lamps().number_plate.lit());
  EXPECT_GT(t.volts("bc1.position_lh_out"), 11.5) << "the driver passes the headlamp feed";
  t.set("light_switch", "dipped");
  EXPECT_FALSE(t.lamps().dipped_beam.lit()) << "dipped beam needs the ignition";
  t.set("light_switch", "off");
  EXPECT_FALSE(t.lamps().position_lh.lit());
  EXPECT_FALSE(t.out("DOP_NO_PLATE_LGT"));
}

TEST(ExteriorLights, DippedAndMainBeamWithTheIgnitionAndTheStalk) {
  Lights t(true);
  bcmhil::model::Bc1DiagnosticBackend ds2(t.car().bc1);
  t.set("light_switch", "dipped");
  EXPECT_TRUE(t.lamps().dipped_beam.lit());
  EXPECT_EQ(ds2.analog_raw("AOP_DIPPED_BEAM"), 255);
  EXPECT_EQ(ds2.analog_raw("AOP_MAIN_BEAM"), 0);
  // ~110 W at the loaded battery's ~12.2 V: about 8.5 A through the 50 A feed FL12.
  EXPECT_GT(t.amps("fuse.FL12"), 7.0);
  EXPECT_LT(t.amps("fuse.FL12"), 9.5);
  t.set("main_stalk", "main");
  EXPECT_EQ(t.car().bc1.exterior_lights().main_stalk(), MainStalk::main);
  EXPECT_TRUE(t.lamps().main_beam.lit());
  EXPECT_TRUE(t.lamps().aux_lamps.lit()) << "the auxiliary lamps run with main beam";
  EXPECT_EQ(ds2.analog_raw("AOP_MAIN_BEAM"), 255);
  t.set("light_switch", "position");
  EXPECT_FALSE(t.lamps().main_beam.lit()) << "main beam only on top of dipped beam";
  // The flasher works without the headlamps on, while held.
  t.set("main_stalk", "neutral");
  t.car().press_switch("headlight_flasher", kPress);
  t.run_for(150 * kMs);
  EXPECT_TRUE(t.lamps().main_beam.lit());
  t.run_for(500 * kMs);
  EXPECT_FALSE(t.lamps().main_beam.lit());
}

TEST(ExteriorLights, TheHeadlampsColdInrushPassesTheirSwitch) {
  Lights t(true);
  t.car().set_control("light_switch", "dipped");
  t.run_for(100 * kMs);
  // A cold 110 W pair draws several times its ~8.5 A for the first milliseconds.
  EXPECT_GT(max_in(t.sig("I(fuse.FL12)"), 500 * kMs, 600 * kMs), 30.0);
  EXPECT_FALSE(t.car().bc1.exterior_lights().driver("bc1.dipped_beam").thermal_shutdown());
  EXPECT_TRUE(t.lamps().dipped_beam.lit());
}

TEST(ExteriorLights, FogButtonsToggleOnlyWhereTheRulesAllow) {
  Lights t(true);
  t.press("front_fog");
  EXPECT_FALSE(t.out("DOP_FT_FOG_LGT_RLY")) << "front fogs need the position lights";
  t.set("light_switch", "position");
  t.press("front_fog");
  EXPECT_TRUE(t.out("DOP_FT_FOG_LGT_RLY"));
  EXPECT_TRUE(t.lamps().front_fogs.lit()) << "through the relay in the car";
  t.press("rear_fog");
  EXPECT_TRUE(t.out("DOP_RR_FOG_LGT")) << "rear fog with the front fogs on";
  EXPECT_TRUE(t.lamps().rear_fog.lit());
  EXPECT_TRUE(t.lamps().rear_fog_led.lit());
  t.press("rear_fog");
  EXPECT_FALSE(t.lamps().rear_fog.lit()) << "a second press toggles it off";
  t.press("rear_fog");
  EXPECT_TRUE(t.lamps().rear_fog.lit());
  t.set("light_switch", "off");
  EXPECT_FALSE(t.lamps().front_fogs.lit());
  EXPECT_FALSE(t.lamps().rear_fog.lit());
  t.set("light_switch", "position");
  EXPECT_FALSE(t.lamps().front_fogs.lit()) << "a dropped request does not come back by itself";
  EXPECT_EQ(t.car().bc1.fault_memory().find(0xB1), nullptr);
  EXPECT_EQ(t.car().bc1.fault_memory().find(0xB2), nullptr);
}

TEST(ExteriorLights, TheBrakePedalLightsTheBrakeLampsAndTheThirdBrakeLight) {
  Lights t(false);
  t.car().press_switch("brake_pedal", 1 * sc_core::sc_time(1, sc_core::SC_SEC));
  t.run_for(300 * kMs);
  EXPECT_TRUE(t.out("DIP_BRAKE_SW"));
  EXPECT_TRUE(t.out("DIP_BRAKE_LAMP_STATUS"));
  EXPECT_TRUE(t.lamps().brake_lamps.lit());
  EXPECT_TRUE(t.lamps().brake_lamp_high.lit());
  t.run_for(1 * kS);
  EXPECT_FALSE(t.out("DIP_BRAKE_LAMP_STATUS"));
  EXPECT_FALSE(t.lamps().brake_lamp_high.glowing());
}

// The owners' flooded module: a film between the permanent headlamp feed X332.17 and the third
// brake light's pin X332.18 lights the LEDs dimly; a dendrite of a few ohms lights them fully.
TEST(ExteriorLights, ALeakFromTheHeadlampFeedLightsTheThirdBrakeLight) {
  Lights t(false);
  auto& net = t.car().circuit.network();
  // 20 kOhm: ~0.33 mA through the film, ~0.13 mA of it into the module's readback divider.
  const auto leak = net.borrow_branch(net.node("bc1.kl30_headlight_1"), net.node("bc1.brake_lamp_out"));
  net.set_resistance(leak, 20e3);
  t.car().circuit.request_solve();
  t.run_for(10 * kMs);
  EXPECT_TRUE(t.lamps().brake_lamp_high.glowing()) << t.lamps().brake_lamp_high.amps();
  EXPECT_FALSE(t.lamps().brake_lamp_high.lit());
  EXPECT_FALSE(t.lamps().brake_lamps.lit()) << "the filament lamps are on the pedal switch's own line";
  net.set_resistance(leak, 2.0);
  t.car().circuit.request_solve();
  t.run_for(10 * kMs);
  EXPECT_TRUE(t.lamps().brake_lamp_high.lit());
  EXPECT_TRUE(t.out("DIP_BRAKE_LAMP_STATUS")) << "a tester sees the lamp line up";
  EXPECT_FALSE(t.out("DIP_BRAKE_SW")) << "with the pedal at rest";
}

TEST(ExteriorLights, AFogRelayWhoseCoilIsOpenLogsNswAusFehler) {
  Lights t(true);
  t.lamps().relay("front_fog").set_coil_open(true);
  t.set("light_switch", "position");
  t.press("front_fog");
  EXPECT_TRUE(t.out("DOP_FT_FOG_LGT_RLY"));
  EXPECT_FALSE(t.lamps().front_fogs.lit());
  EXPECT_TRUE(t.has_fault(bcmhil::model::fault_code::kFrontFogOff, true));
  EXPECT_EQ(t.car().bc1.fault_memory().find(0xB1), nullptr);
  t.press("front_fog");
  EXPECT_TRUE(t.has_fault(bcmhil::model::fault_code::kFrontFogOff, true)) << "stays stored until the next judgement on";
}

TEST(ExteriorLights, AWeldedAuxLampRelayLightsTheLampsAndLogsEinFehler) {
  Lights t(false);
  t.lamps().relay("aux_lamps").set_welded(true);
  t.run_for(500 * kMs);
  EXPECT_TRUE(t.lamps().aux_lamps.lit());
  EXPECT_TRUE(t.has_fault(bcmhil::model::fault_code::kAuxLampOn, true));
  EXPECT_EQ(t.car().bc1.fault_memory().find(0xB4), nullptr);
}

TEST(ExteriorLights, TheAnalogChannelsReadTheStalksAndTheKnob) {
  Lights t(true);
  bcmhil::model::Bc1DiagnosticBackend ds2(t.car().bc1);
  // Neutral: 10 k in the stalk over the 10 k input divider, half the 5 V supply: ~127 counts.
  EXPECT_NEAR(ds2.analog_raw("AIP_MAIN_FLASH_SW").value(), 127, 3);
  EXPECT_NEAR(ds2.analog_raw("AIP_INDICATOR_SW").value(), 127, 3);
  t.set("indicator_stalk", "left");
  EXPECT_NEAR(ds2.analog_raw("AIP_INDICATOR_SW").value(), 209, 3);  // 2.2 k: 4.1 V
  t.set("indicator_stalk", "right");
  EXPECT_NEAR(ds2.analog_raw("AIP_INDICATOR_SW").value(), 52, 3);  // 39 k: 1.0 V
  EXPECT_EQ(ds2.analog_raw("AIP_HEAD_LGT_LEVEL_SW"), 0);
  t.set("level_knob", "2");
  EXPECT_EQ(ds2.analog_raw("AIP_HEAD_LGT_LEVEL_SW"), 2);
  EXPECT_FALSE(ds2.analog_raw("AOP_MAP_READ_LGT").has_value()) << "not modelled: reported as not available";
}

// The indicator stalk turns the indicators, as a person sees them: with the ignition on, left
// flashes the left lamps at the cadence (0.64 s a flash) and nothing on the right.
TEST(ExteriorLights, TheIndicatorStalkFlashesItsSideWithTheIgnitionOn) {
  Lights t(true);
  const auto from = now();
  t.set("indicator_stalk", "left");  // 300 ms
  t.run_for(2700 * kMs);
  EXPECT_EQ(rises(t.sig("indicator_lh.lit"), from).size(), 5u) << "3 s at 0.64 s a flash";
  EXPECT_TRUE(rises(t.sig("indicator_rh.lit"), from).empty());
  EXPECT_EQ(rises(t.sig("bc1.indicator_lh_monitor"), from).size(), 5u) << "DIP_LH_DIR_IND_STATUS follows every flash";
  EXPECT_EQ(t.car().bc1.fault_memory().find(bcmhil::model::fault_code::kLeftIndicatorOff), nullptr);
  t.set("indicator_stalk", "neutral");
  const auto stopped = now();
  t.run_for(2 * kS);
  EXPECT_TRUE(rises(t.sig("indicator_lh.lit"), stopped).empty());
}

TEST(ExteriorLights, TheIndicatorStalkTurnsNothingWithTheIgnitionOff) {
  Lights t(false);
  const auto from = now();
  t.set("indicator_stalk", "right");
  t.run_for(2 * kS);
  EXPECT_EQ(t.car().bc1.exterior_lights().indicator_stalk(), bcmhil::model::IndicatorStalk::right)
      << "the module, still awake, reads the stalk";
  EXPECT_TRUE(rises(t.sig("indicator_rh.lit"), from).empty());
}

TEST(ExteriorLights, ATesterForcesAnOutputForAtMostFiveSeconds) {
  Lights t(false);
  ASSERT_TRUE(t.car().bc1.force_output("DOP_RR_FOG_LGT", true));
  t.run_for(300 * kMs);
  EXPECT_TRUE(t.lamps().rear_fog.lit());
  t.run_for(5 * kS);
  EXPECT_FALSE(t.lamps().rear_fog.lit());
  EXPECT_FALSE(t.car().bc1.force_output("bc1.dipped_beam", true)) << "no DOP_ name, not forceable";
}

// DIP_LH_DIR_IND_STATUS reads the left indicator pin: up when the driver drives it, down when the
// driver is dead although commanded (the open indicator driver the bench finds).
TEST(ExteriorLights, IndicatorStatusReadsThePinNotTheCommand) {
  Lights t(false);
  t.car().bc1.indicator_driver_lh().set_health(bcmhil::model::HighSideDriver::Health::failed_open);
  t.car().press_hazard(kPress);
  t.run_for(100 * kMs);
  EXPECT_TRUE(t.out("DOP_LH_INDICATOR_LGT"));
  EXPECT_FALSE(t.out("DIP_LH_DIR_IND_STATUS"));
  EXPECT_TRUE(t.out("DIP_RH_DIR_IND_STATUS"));
}

}  // namespace
