// The key slots over DS2 on the simulated BC1 in its car: READ_PLIP_CODES / WRITE_PLIP_CODES
// (bc1_job_fields.csv; request bytes 0x44 / 0x45 and their layout chosen, ds2_protocol.h) and
// STATUS_RF (byte 4 per bc1_bits.csv RF_* rows: 0x01 right remote, 0x02 rolling code not OK,
// 0x03 wrong remote, 0x10 flat battery; bytes 5..8 the last code, chosen) after real telegrams.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/diag/ds2_server.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

using Bytes = std::vector<uint8_t>;
using model::FobButton;

struct DiagnosedCar {
  DiagnosedCar() {
    car.elaborate();
    car.run_until(500 * kMs);
  }
  Bytes ask(Bytes request) {
    const auto answer = server.handle(diag::Frame{0x00, std::move(request)}, backend, clock);
    return answer ? answer->data : Bytes{};
  }
  void open_session() {
    const Bytes seed = ask({0x41});
    ASSERT_EQ(seed.size(), 3u);
    const uint16_t key = diag::ds2::key_for_seed(static_cast<uint16_t>((seed[1] << 8) | seed[2]));
    ASSERT_EQ(ask({0x42, static_cast<uint8_t>(key >> 8), static_cast<uint8_t>(key)}), Bytes{0xA0});
  }
  void press(int key, FobButton button) {
    car.car().press_fob(key, button);
    car.run_for(1 * kS);
  }
  bool door_locked() const { return car.sig("door_lock.driver.locked").samples.back().value != 0.0; }
  CarUnderTest car;
  model::Bc1DiagnosticBackend backend{car.car().bc1};
  diag::Ds2Server server;
  diag::Ds2Server::Clock::time_point clock{};
};

// Location 3 taught a new fob: cipher 0123456789ABCDEF, window 000000, base 7B2003, enabled.
const Bytes kWriteLocation3{0x45, 0x03, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
                            0x00, 0x00, 0x00, 0x7B, 0x20, 0x03, 0x01};

TEST(PlipCodes, NeedTheSeedKeySession) {
  DiagnosedCar d;
  EXPECT_EQ(d.ask({0x44, 0x01}), Bytes{0xA2});
  EXPECT_EQ(d.ask(kWriteLocation3), Bytes{0xA2});
}

TEST(PlipCodes, ReadAnswersTheCodedKeys) {
  DiagnosedCar d;
  d.open_session();
  // Key 1 as coded (0x5A1001, window 0, no cipher, enabled); location 4 empty and disabled.
  EXPECT_EQ(d.ask({0x44, 0x01}), (Bytes{0xA0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x5A, 0x10, 0x01, 0x01}));
  EXPECT_EQ(d.ask({0x44, 0x04}), (Bytes{0xA0, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00}));
  // The window code follows the accepted telegrams: key 1 pressed twice.
  d.press(1, FobButton::lock);
  d.press(1, FobButton::lock);
  EXPECT_EQ(d.ask({0x44, 0x01})[12], 0x02);
}

TEST(PlipCodes, RefuseBadLocationsLengthsAndCodes) {
  DiagnosedCar d;
  d.open_session();
  EXPECT_EQ(d.ask({0x44, 0x00}), Bytes{0xB0});
  EXPECT_EQ(d.ask({0x44, 0x05}), Bytes{0xB0});
  EXPECT_EQ(d.ask({0x44}), Bytes{0xB2});
  EXPECT_EQ(d.ask({0x44, 0x01, 0x00}), Bytes{0xB2});
  Bytes enable2 = kWriteLocation3;
  enable2[16] = 0x02;
  EXPECT_EQ(d.ask(enable2), Bytes{0xB0});
  Bytes base0 = kWriteLocation3;
  base0[13] = base0[14] = base0[15] = 0x00;
  EXPECT_EQ(d.ask(base0), Bytes{0xB0}) << "base code 0 is an empty location, not a key";
  Bytes window_too_far = kWriteLocation3;
  window_too_far[10] = 0x01;  // 0x010000: beyond the telegram's 16-bit counter
  EXPECT_EQ(d.ask(window_too_far), Bytes{0xB0});
  EXPECT_EQ(d.ask({0x44, 0x03})[16], 0x00) << "nothing was written";
}

TEST(PlipCodes, AWrittenLocationPairsANewFob) {
  DiagnosedCar d;
  d.car.car().fob(3).id = 0x7B2003;  // a new key, not yet taught
  d.press(3, FobButton::unlock);
  EXPECT_TRUE(d.door_locked());
  // STATUS_RF: wrong remote (0x03); the last code is the telegram's top 32 bits: the identity
  // 7B2003 and the rolling counter's high byte (counter 1: 00).
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x03, 0x7B, 0x20, 0x03, 0x00}));

  d.open_session();
  Bytes answer = kWriteLocation3;
  answer[0] = 0xA0;  // the location as stored now, read back
  EXPECT_EQ(d.ask(kWriteLocation3), answer);
  d.press(3, FobButton::unlock);
  EXPECT_FALSE(d.door_locked()) << "the taught fob unlocks the car";
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x01, 0x7B, 0x20, 0x03, 0x00}));
}

TEST(PlipCodes, StatusRfReportsTheVerdictOfEachTelegram) {
  DiagnosedCar d;
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x00, 0, 0, 0, 0})) << "nothing received yet";
  d.press(1, FobButton::lock);
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x01, 0x5A, 0x10, 0x01, 0x00}));
  d.car.car().fob(2).counter = 5000;  // out of sync
  d.car.car().fob(2).battery_volts = 2.4;  // low: the telegram carries the flag
  d.press(2, FobButton::unlock);
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x12, 0x5A, 0x10, 0x02, 0x13}))
      << "0x02 rolling code not OK | 0x10 flat battery; counter 5001 = 0x1389";
  // CLEAR_RF_BUFFERS, then a reset (a power-on) clears it too.
  EXPECT_EQ(d.ask({0x43}), Bytes{0xA0});
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x00, 0, 0, 0, 0}));
  d.press(1, FobButton::unlock);
  EXPECT_EQ(d.ask({0x0B, 0x05})[2], 0x01);
  EXPECT_EQ(d.ask({0x9D}), Bytes{0xA0});
  d.car.run_for(100 * kMs);
  EXPECT_EQ(d.ask({0x0B, 0x05}), (Bytes{0xA0, 0x05, 0x00, 0, 0, 0, 0}));
  // The key slots are EEPROM: key 1 still unlocks after the reset.
  d.press(1, FobButton::lock);
  EXPECT_EQ(d.ask({0x0B, 0x05})[2], 0x01);
}

}  // namespace
}  // namespace bcmhil::testing
