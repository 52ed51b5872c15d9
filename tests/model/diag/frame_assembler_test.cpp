// The incremental assembler: frames out of a noisy byte stream (DS2 framing, domain/r50-bc1.md).
#include <gtest/gtest.h>

#include "frame_assembler.h"

namespace bcmhil::diag {
namespace {

struct Collector {
  std::vector<std::vector<uint8_t>> frames, bad;
  FrameAssembler assembler{[this](const auto& f) { frames.push_back(f); },
                           [this](const auto& f) { bad.push_back(f); }};
  void push(const std::vector<uint8_t>& bytes) { assembler.push(bytes.data(), bytes.size()); }
};

const std::vector<uint8_t> kPing{0x00, 0x04, 0x9E, 0x9A};  // chosen DIAGNOSE_AUFRECHT
const std::vector<uint8_t> kInputs{0x00, 0x05, 0x0B, 0x01, 0x0F};  // chosen STATUS_DIGITAL_INPUTS

TEST(FrameAssembler, ByteByByte) {
  Collector c;
  for (uint8_t b : kInputs) c.assembler.push(b);
  ASSERT_EQ(c.frames.size(), 1u);
  EXPECT_EQ(c.frames[0], kInputs);
  EXPECT_TRUE(c.assembler.idle());
}

TEST(FrameAssembler, FrameWithoutDataIsAFrame) {
  // [00][03][03]: the length byte counts the whole frame (domain/r50-bc1.md), so 3 is a frame
  // with no data; the service answers it FF (model/diag/README.md), so it must reach it.
  Collector c;
  c.push({0x00, 0x03, 0x03});
  ASSERT_EQ(c.frames.size(), 1u);
  EXPECT_EQ(c.frames[0], (std::vector<uint8_t>{0x00, 0x03, 0x03}));
  EXPECT_TRUE(c.assembler.idle());
}

TEST(FrameAssembler, BackToBackFrames) {
  Collector c;
  auto both = kPing;
  both.insert(both.end(), kInputs.begin(), kInputs.end());
  c.push(both);
  ASSERT_EQ(c.frames.size(), 2u);
  EXPECT_EQ(c.frames[1], kInputs);
}

TEST(FrameAssembler, NoiseBurstThenValidFrame) {
  Collector c;
  c.push({0xFF, 0x13, 0x00, 0x02, 0x55, 0xAA, 0x01});
  c.push(kPing);
  c.assembler.on_idle();  // the noise may have left a partial candidate in front
  ASSERT_FALSE(c.frames.empty());
  EXPECT_EQ(c.frames.back(), kPing);
}

TEST(FrameAssembler, BadChecksumReportedAndSkipped) {
  Collector c;
  c.push({0x00, 0x04, 0x9E, 0x9B});  // xor should be 9A
  c.assembler.on_idle();
  EXPECT_TRUE(c.frames.empty());
  ASSERT_EQ(c.bad.size(), 1u);
  c.push(kPing);
  ASSERT_EQ(c.frames.size(), 1u);
}

TEST(FrameAssembler, TruncatedFrameThenValidSalvagedAtIdle) {
  Collector c;
  c.push({0x00, 0x05, 0x0B});  // truncated STATUS request
  c.push(kInputs);
  c.assembler.on_idle();
  ASSERT_EQ(c.frames.size(), 1u);
  EXPECT_EQ(c.frames[0], kInputs);
  EXPECT_TRUE(c.assembler.idle());
}

TEST(FrameAssembler, TruncatedFrameAloneIsDiscardedAtIdle) {
  Collector c;
  c.push({0x00, 0x09, 0x0B, 0x01});
  EXPECT_EQ(c.assembler.buffered(), 4u);
  c.assembler.on_idle();
  EXPECT_TRUE(c.assembler.idle());
  EXPECT_EQ(c.assembler.stats().timeouts, 1u);
  c.push(kPing);
  EXPECT_EQ(c.frames.size(), 1u);
}

TEST(FrameAssembler, BufferStaysBounded) {
  Collector c;
  for (int i = 0; i < 10000; ++i) c.assembler.push(static_cast<uint8_t>(i * 37 + 11));
  EXPECT_LE(c.assembler.buffered(), 255u);
}

}  // namespace
}  // namespace bcmhil::diag
