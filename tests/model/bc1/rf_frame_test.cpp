// rf_frame: the 48-bit fob telegram (model/bc1/rf_frame.h): layout, round trip, the check
// nibble, button codes and their names.
#include "model/bc1/rf_frame.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

using bcmhil::model::decode_rf_frame;
using bcmhil::model::encode_rf_frame;
using bcmhil::model::fob_button_from_string;
using bcmhil::model::FobButton;
using bcmhil::model::RfFrame;

// Independent reference for the check nibble: XOR of the eleven nibbles above bits [3:0].
std::uint64_t with_check(std::uint64_t bits47_4) {
  std::uint64_t x = 0;
  for (int n = 1; n < 12; ++n) x ^= (bits47_4 >> (4 * n)) & 0xF;
  return bits47_4 | x;
}

std::vector<RfFrame> sample_frames() {
  std::vector<RfFrame> frames;
  for (auto button : {FobButton::lock, FobButton::unlock, FobButton::trunk})
    for (bool low : {false, true}) {
      frames.push_back({0x5A1001, 1, button, low});
      frames.push_back({0xFFFFFF, 0xFFFF, button, low});
      frames.push_back({0x000001, 0x0000, button, low});
      frames.push_back({0xA5C3E7, 0x8001, button, low});
    }
  return frames;
}

TEST(RfFrame, LayoutMatchesTheHeader) {
  // [47:24] id, [23:8] counter, [7:5] button, [4] low battery, [3:0] check.
  const RfFrame f{0x123456, 0xBEEF, FobButton::trunk, true};
  const std::uint64_t expected = with_check((std::uint64_t{0x123456} << 24) | (std::uint64_t{0xBEEF} << 8) |
                                            (std::uint64_t{4} << 5) | (std::uint64_t{1} << 4));
  EXPECT_EQ(encode_rf_frame(f), expected);
  EXPECT_EQ(encode_rf_frame(f) >> 48, 0u) << "48 significant bits only";
  // A hand-worked vector: id 0x5A1001, counter 1, lock (1), battery fine:
  // bits 47..4 = 5A1001 0001 2 (button 1 << 5 = 0x20 -> nibbles 2,0); XOR of 5,A,1,0,0,1,0,0,0,1,2 = 0xC.
  EXPECT_EQ(encode_rf_frame({0x5A1001, 1, FobButton::lock, false}), 0x5A100100012Cull);
}

TEST(RfFrame, RoundTripsEveryField) {
  for (const auto& f : sample_frames()) {
    const auto decoded = decode_rf_frame(encode_rf_frame(f));
    ASSERT_TRUE(decoded) << std::hex << f.fob_id;
    EXPECT_EQ(decoded->fob_id, f.fob_id);
    EXPECT_EQ(decoded->counter, f.counter);
    EXPECT_EQ(decoded->button, f.button);
    EXPECT_EQ(decoded->low_battery, f.low_battery);
  }
}

TEST(RfFrame, IdentityIsTruncatedTo24Bits) {
  const auto decoded = decode_rf_frame(encode_rf_frame({0xFF123456, 7, FobButton::unlock, false}));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->fob_id, 0x123456u);
}

TEST(RfFrame, CheckNibbleRejectsEverySingleBitFlip) {
  for (const auto& f : sample_frames()) {
    const std::uint64_t good = encode_rf_frame(f);
    for (int bit = 0; bit < 48; ++bit)
      EXPECT_FALSE(decode_rf_frame(good ^ (std::uint64_t{1} << bit)))
          << "bit " << bit << " flipped in " << std::hex << good;
  }
}

TEST(RfFrame, InvalidButtonCodesAreRejectedEvenWithAGoodCheck) {
  for (std::uint64_t code : {0u, 3u, 5u, 6u, 7u}) {
    const std::uint64_t bits = with_check((std::uint64_t{0x5A1001} << 24) | (std::uint64_t{5} << 8) | (code << 5));
    EXPECT_FALSE(decode_rf_frame(bits)) << "button code " << code;
  }
  for (std::uint64_t code : {1u, 2u, 4u}) {
    const std::uint64_t bits = with_check((std::uint64_t{0x5A1001} << 24) | (std::uint64_t{5} << 8) | (code << 5));
    EXPECT_TRUE(decode_rf_frame(bits)) << "button code " << code;
  }
}

TEST(RfFrame, AllZeroIsNotALegalTelegram) { EXPECT_FALSE(decode_rf_frame(0)); }

TEST(RfFrame, ButtonNamesRoundTrip) {
  for (auto button : {FobButton::lock, FobButton::unlock, FobButton::trunk})
    EXPECT_EQ(fob_button_from_string(to_string(button)), button);
  EXPECT_EQ(to_string(FobButton::lock), "lock");
  EXPECT_EQ(to_string(FobButton::unlock), "unlock");
  EXPECT_EQ(to_string(FobButton::trunk), "trunk");
  EXPECT_EQ(to_string(static_cast<FobButton>(3)), "?");
  EXPECT_FALSE(fob_button_from_string(""));
  EXPECT_FALSE(fob_button_from_string("Trunk"));
  EXPECT_FALSE(fob_button_from_string("boot"));
  EXPECT_FALSE(fob_button_from_string("lock "));
}

TEST(RfFrame, LineTimingConstants) {
  using namespace bcmhil::model::rf_timing;
  // The whole telegram: sync + gap + 48 periods = 50.7 ms on air (the "~51 ms" of the scenarios).
  EXPECT_EQ(sync_high + gap_after_sync + frame_bits * bit_period, sc_core::sc_time(50'700, sc_core::SC_US));
  EXPECT_LT(one_high, bit_period);
  EXPECT_LT(zero_high, one_high);
}

}  // namespace
