// DS2 framing: [addr][len][data...][xor], len counts the whole frame, xor of all preceding bytes
// (domain/r50-bc1.md "diagnostic protocol"; ediabaslib EdInterfaceObd.cs).
#include <gtest/gtest.h>

#include "ds2_protocol.h"
#include "frame.h"

namespace bcmhil::diag {
namespace {

TEST(Ds2Frame, EncodesPingToBc1) {
  // DIAGNOSE_AUFRECHT (bc1_jobs.csv) with the chosen command 0x9E to address 0x00:
  // len = 4 (addr, len, cmd, xor); xor = 00^04^9E = 9A.
  EXPECT_EQ(encode(Frame{0x00, {0x9E}}), (std::vector<uint8_t>{0x00, 0x04, 0x9E, 0x9A}));
}

TEST(Ds2Frame, EncodesStatusRequestWithSelector) {
  // STATUS_DIGITAL_INPUTS: chosen [0B][01]; 00^05^0B^01 = 0F.
  EXPECT_EQ(encode(Frame{0x00, {0x0B, 0x01}}),
            (std::vector<uint8_t>{0x00, 0x05, 0x0B, 0x01, 0x0F}));
}

TEST(Ds2Frame, DecodesOkayAnswer) {
  // Status byte A0 = OKAY (bc1_jobresult.csv row 1).
  const auto r = decode({0x00, 0x04, 0xA0, 0xA4});
  ASSERT_TRUE(r.frame);
  EXPECT_EQ(r.frame->address, 0x00);
  EXPECT_EQ(r.frame->data, std::vector<uint8_t>{ds2::kStatusOkay});
}

TEST(Ds2Frame, RejectsBadChecksum) {
  const auto r = decode({0x00, 0x04, 0xA0, 0xA5});
  EXPECT_FALSE(r.frame);
  EXPECT_EQ(r.error, DecodeError::kBadChecksum);
}

TEST(Ds2Frame, RejectsLengthMismatchAndShortFrames) {
  EXPECT_EQ(decode({0x00, 0x05, 0xA0, 0xA5}).error, DecodeError::kLengthMismatch);
  EXPECT_EQ(decode({0x00, 0x02}).error, DecodeError::kTooShort);
  EXPECT_EQ(decode({0x00, 0x02, 0x02}).error, DecodeError::kBadLength);
}

TEST(Ds2Frame, RoundTripsMaximumLength) {
  Frame f{0x00, std::vector<uint8_t>(ds2::kMaxDataSize, 0x5A)};
  const auto bytes = encode(f);
  EXPECT_EQ(bytes.size(), 255u);
  EXPECT_EQ(bytes[1], 0xFF);
  EXPECT_EQ(decode(bytes).frame, f);
  f.data.push_back(0);
  EXPECT_THROW(encode(f), std::length_error);
}

TEST(Ds2Frame, WireTimeIsElevenBitsAt9600) {
  // 9600 baud 8E1 (domain/r50-bc1.md): 11 bits per byte = 1.1458 ms.
  const double ms = std::chrono::duration<double, std::milli>(ds2::kByteWireTime).count();
  EXPECT_NEAR(ms, 1.1458, 1e-3);
}

TEST(Ds2Frame, HexFormatting) { EXPECT_EQ(hex({0x00, 0x0A, 0xFF}), "00 0A FF"); }

}  // namespace
}  // namespace bcmhil::diag
