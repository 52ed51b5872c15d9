// KeyFob (data: identity, rolling counter, coin cell) and RfReceiver (puts a telegram on the
// DIP_RF_CODE_LOGIC line bit by bit, model/bc1/rf_frame.h line coding).
#include "model/car/key_fob.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::decode_rf_frame;
using bcmhil::model::FobButton;
using bcmhil::model::KeyFob;
using bcmhil::model::RfReceiver;

TEST(KeyFob, PressSendsItsIdentityAndTheNextCounter) {
  KeyFob fob{0x5A1001, 41};
  const auto telegram = fob.press(FobButton::trunk);
  ASSERT_TRUE(telegram);
  const auto frame = decode_rf_frame(*telegram);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->fob_id, 0x5A1001u);
  EXPECT_EQ(frame->counter, 42);
  EXPECT_EQ(frame->button, FobButton::trunk);
  EXPECT_FALSE(frame->low_battery);
  EXPECT_EQ(fob.counter, 42);
}

TEST(KeyFob, CounterWrapsAt16Bits) {
  KeyFob fob{0x5A1001, 0xFFFF};
  const auto frame = decode_rf_frame(*fob.press(FobButton::lock));
  EXPECT_EQ(frame->counter, 0);
}

TEST(KeyFob, LowBatteryFlagBelowTwoPointSixVolts) {
  KeyFob fob{0x5A1001};
  fob.battery_volts = KeyFob::kLowBatteryVolts;  // at the threshold: not yet low
  EXPECT_FALSE(decode_rf_frame(*fob.press(FobButton::lock))->low_battery);
  fob.battery_volts = 2.59;
  EXPECT_TRUE(decode_rf_frame(*fob.press(FobButton::lock))->low_battery);
}

TEST(KeyFob, DeadOrOutOfRangeSendsNothingButStillCounts) {
  KeyFob fob{0x5A1001};
  fob.battery_volts = KeyFob::kDeadBatteryVolts;  // at the threshold it still transmits
  EXPECT_TRUE(fob.press(FobButton::lock));
  fob.battery_volts = 2.19;
  EXPECT_FALSE(fob.press(FobButton::lock));
  EXPECT_EQ(fob.counter, 2);
  fob.battery_volts = 3.0;
  fob.in_range = false;
  EXPECT_FALSE(fob.press(FobButton::unlock));
  EXPECT_EQ(fob.counter, 3);
  fob.in_range = true;
  EXPECT_EQ(decode_rf_frame(*fob.press(FobButton::unlock))->counter, 4);
}

// Reads the telegram back from the recorded line: after each sync pulse, 48 high pulses.
std::uint64_t bits_from_line(const bcmhil::trace::Signal& line, std::uint64_t from) {
  const auto up = rises(line, from);
  const auto down = falls(line, from);
  std::uint64_t bits = 0;
  for (int i = 1; i <= 48; ++i) bits = (bits << 1) | ((down.at(i) - up.at(i)) > 450 * kUs ? 1 : 0);
  return bits;
}

TEST(RfReceiver, PutsTheTelegramOnTheLineWithExactTiming) {
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  RfReceiver receiver("rf_receiver", recorder);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  const std::uint64_t t0 = 10 * kMs;
  sc_core::sc_start(sc_core::sc_time::from_value(t0 - now()));
  const std::uint64_t telegram = *KeyFob{0x5A1001, 6}.press(FobButton::trunk);
  receiver.transmit(telegram);
  sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_MS));

  const auto& line = history(recorder, "DIP_RF_CODE_LOGIC");
  const auto up = rises(line);
  const auto down = falls(line);
  ASSERT_EQ(up.size(), 49u);
  ASSERT_EQ(down.size(), 49u);
  EXPECT_EQ(up[0], t0);
  EXPECT_EQ(down[0], t0 + 2000 * kUs);  // sync_high
  for (int i = 0; i < 48; ++i) {
    // Each bit period starts sync (2000 us) + gap (700 us) + i * 1000 us after the sync rose.
    EXPECT_EQ(up[i + 1], t0 + 2700 * kUs + i * kMs) << "bit " << i;
    const bool one = (telegram >> (47 - i)) & 1;
    EXPECT_EQ(down[i + 1] - up[i + 1], (one ? 600 : 300) * kUs) << "bit " << i;
  }
  EXPECT_EQ(bits_from_line(line, t0), telegram);
  EXPECT_EQ(down.back(), telegram_last_fall(t0, telegram));
}

TEST(RfReceiver, QueuesASecondTelegramBehindTheFirst) {
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  RfReceiver receiver("rf_receiver", recorder);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  KeyFob fob{0x5A1002};
  const std::uint64_t first = *fob.press(FobButton::unlock);
  const std::uint64_t second = *fob.press(FobButton::trunk);
  // Not at time zero: a change at the declaration instant replaces the initial sample, so
  // the trace would show no edge there.
  sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_MS));
  receiver.transmit(first);
  receiver.transmit(second);
  sc_core::sc_start(sc_core::sc_time(200, sc_core::SC_MS));
  const auto& line = history(recorder, "DIP_RF_CODE_LOGIC");
  const auto up = rises(line);
  ASSERT_EQ(up.size(), 98u);
  // First frame: 2.7 ms + 48 periods = 50.7 ms, then 5 bit periods of quiet.
  EXPECT_EQ(up[49], up[0] + 55'700 * kUs);
  EXPECT_EQ(up[0], 10 * kMs);
  EXPECT_EQ(bits_from_line(line, up[0]), first);
  EXPECT_EQ(bits_from_line(line, up[49]), second);
  EXPECT_EQ(line.samples.back().value, 0.0) << "idle low afterwards";
}

}  // namespace
