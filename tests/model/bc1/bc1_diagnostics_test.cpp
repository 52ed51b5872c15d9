// The DS2 server on the simulated BC1 in its car: byte vectors of the status answers (layouts from
// bc1_bits.csv / bc1_analog.csv, availability block chosen, model/diag/README.md "Not
// available"), STATUS_TILT_SENSOR from the tilt switch, SG_RESET as a power-on.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/diag/ds2_server.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

struct DiagnosedCar {
  DiagnosedCar() { car.elaborate(); }
  // The answer's data bytes (status first) to a request's data bytes.
  std::vector<uint8_t> ask(std::vector<uint8_t> request) {
    const auto answer = server.handle(diag::Frame{0x00, std::move(request)}, backend, clock);
    return answer ? answer->data : std::vector<uint8_t>{};
  }
  CarUnderTest car;
  model::Bc1DiagnosticBackend backend{car.car().bc1};
  diag::Ds2Server server;
  diag::Ds2Server::Clock::time_point clock{};
};

TEST(Bc1Diagnostics, AnalogInputsAreAllMeasuredOnTheParkedCar) {
  DiagnosedCar d;
  d.car.run_for(100 * kMs);
  const auto a = d.ask({0x0B, 0x03});
  // A0 03, 16 raw bytes in bc1_analog.csv AIP_ row order, 2 availability bytes.
  ASSERT_EQ(a.size(), 2u + 16u + 2u);
  EXPECT_EQ(a[0], 0xA0);
  EXPECT_EQ(a[1], 0x03);
  // AIP_BATT_VOLTS_MON, 16th row, 0.072087658 V/count: a 12.6 V battery less the feed's drop.
  const double volts = a[2 + 15] * 0.072087658;
  EXPECT_NEAR(volts, 12.5, 0.15);
  // Row 0, AIP_EXT_5V_MON, 0.019607843 V/count: the 5 V switch supply under its ~10 mA load.
  EXPECT_NEAR(a[2 + 0] * 0.019607843, 4.99, 0.02);
  // Rows 10 and 12, AIP_LOCK_RELAY_MON / _2: no relay readback high at rest.
  EXPECT_EQ(a[2 + 10], 0x00);
  EXPECT_EQ(a[2 + 12], 0x00);
  // Row 6, AIP_FT_WIPER_SENSE: 0 V, the wiper parked.
  EXPECT_EQ(a[2 + 6], 0x00);
  // The exterior lights' rows: levelling knob in position 0 (row 4), both stalks in neutral at
  // half the 5 V switch supply (rows 5 and 13, 0.019607843 V/count).
  EXPECT_EQ(a[2 + 4], 0x00);
  EXPECT_NEAR(a[2 + 5], 127, 3);
  EXPECT_NEAR(a[2 + 13], 127, 3);
  // The windows' current senses (rows 1 and 8): no current with the windows at rest.
  EXPECT_EQ(a[2 + 1], 0x00);
  EXPECT_EQ(a[2 + 8], 0x00);
  // Row 3, AIP_BLOWER_MOT_SENSE: the blower off with the ignition off.
  EXPECT_EQ(a[2 + 3], 0x00);
  // Every one of the 16 channels is modelled now: both availability bytes full.
  EXPECT_EQ(a[18], 0xFF);
  EXPECT_EQ(a[19], 0xFF);
}

TEST(Bc1Diagnostics, PwmOutputsReportTheInteriorLight) {
  DiagnosedCar d;
  d.car.run_for(100 * kMs);
  // AOP_ rows: MAP_READ_LGT, INTERIOR_LGT, MAIN_BEAM, DIPPED_BEAM; all but MAP_READ_LGT (bits 1-3).
  EXPECT_EQ(d.ask({0x0B, 0x04}), (std::vector<uint8_t>{0xA0, 0x04, 0x00, 0x00, 0x00, 0x00, 0x0E}));
  d.car.car().open(model::BodyOpening::driver_door);  // the interior light comes on
  d.car.run_for(200 * kMs);
  EXPECT_EQ(d.ask({0x0B, 0x04}), (std::vector<uint8_t>{0xA0, 0x04, 0x00, 0xFF, 0x00, 0x00, 0x0E}));
  d.car.car().set_ignition(true);  // dipped beam
  d.car.car().set_control("light_switch", "dipped");
  d.car.run_for(200 * kMs);
  EXPECT_EQ(d.ask({0x0B, 0x04}), (std::vector<uint8_t>{0xA0, 0x04, 0x00, 0xFF, 0x00, 0xFF, 0x0E}));
}

TEST(Bc1Diagnostics, DigitalInputsMarkWhatTheModelMeasures) {
  DiagnosedCar d;
  d.car.car().open(model::BodyOpening::bonnet);
  d.car.run_for(200 * kMs);
  const auto a = d.ask({0x0B, 0x01});
  ASSERT_EQ(a.size(), 2u + 8u + 8u);
  // Telegram byte n is a[n - 2]. DIP_BONNET_SW,4,0x80: on and measured.
  EXPECT_EQ(a[4 - 2] & 0x80, 0x80);
  EXPECT_EQ(a[12 - 2] & 0x80, 0x80);
  // DIP_DRV_WIN_UP_SW,5,0x20: the window rocker, measured (off).
  EXPECT_EQ(a[5 - 2] & 0x20, 0x00);
  EXPECT_EQ(a[13 - 2] & 0x20, 0x20);
  // DIP_KEY_IN_SW,9,0x04 "Schalter nicht eingebaut": not available.
  EXPECT_EQ(a[17 - 2] & 0x04, 0x00);
  // DIP_ALARM_TILT_SW,7,0x08: measured, off.
  EXPECT_EQ(a[7 - 2] & 0x08, 0x00);
  EXPECT_EQ(a[15 - 2] & 0x08, 0x08);
}

TEST(Bc1Diagnostics, TiltStatusFollowsTheTiltSwitch) {
  DiagnosedCar d;
  d.car.run_for(100 * kMs);
  // STATUS_TILT_SENSOR [0B][06]: TILT_SENSOR_PULSE_RECEIVED,4,0x01,0x01 (bc1_bits.csv).
  EXPECT_EQ(d.ask({0x0B, 0x06}), (std::vector<uint8_t>{0xA0, 0x06, 0x00}));
  d.car.car().set_tilted(true);  // someone jacks the car up
  d.car.run_for(200 * kMs);
  EXPECT_EQ(d.ask({0x0B, 0x06}), (std::vector<uint8_t>{0xA0, 0x06, 0x01}));
}

TEST(Bc1Diagnostics, ResetRestartsTheModuleAsAtPowerOn) {
  DiagnosedCar d;
  d.car.run_for(100 * kMs);
  auto& bc1 = d.car.car().bc1;
  ASSERT_TRUE(bc1.force_output("DOP_LH_INDICATOR_LGT", true));
  d.car.run_for(50 * kMs);
  ASSERT_TRUE(d.car.car().indicator_lh.lit());
  const auto reset_at = now();
  EXPECT_EQ(d.ask({0x9D}), (std::vector<uint8_t>{0xA0}));  // SG_RESET
  d.car.run_for(1 * kMs);
  EXPECT_FALSE(bc1.powered()) << "in reset right after the job";
  EXPECT_FALSE(bc1.kline_usable()) << "a booting module does not answer";
  d.car.run_for(100 * kMs);
  EXPECT_TRUE(bc1.powered());
  // The boot takes kBootS (20 ms) from the reset, as after power-on.
  const auto up = rises(d.car.sig("bc1.powered"), reset_at);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_NEAR(static_cast<double>(up[0] - reset_at), model::Bc1Module::kBootS * 1e12, 2.0 * kMs);
  // The forced output is gone for good: the lamp went out (its afterglow over) and stays out.
  d.car.run_for(300 * kMs);
  EXPECT_FALSE(d.car.car().indicator_lh.lit());
  EXPECT_FALSE(bc1.signal("DOP_LH_INDICATOR_LGT").value());
}

}  // namespace
}  // namespace bcmhil::testing
