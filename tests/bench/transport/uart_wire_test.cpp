// The UART wire model: asynchronous serial framing (start bit low, data LSB first, parity, stop
// bits high; idle high) as every UART data sheet draws it, e.g. the 16550's. The K-line is 9600 8E1
// (domain/r50-bc1.md "K-bus / diagnostic line"); the DS2 ident request is 00 04 00 04.
#include <gtest/gtest.h>

#include "uart_wire.h"

namespace bcmhil::transport {
namespace {

using Bytes = std::vector<uint8_t>;

UartFormat format(uint32_t baud, uint8_t bits, Parity p, StopBits s = StopBits::kOne) {
  UartFormat f;
  f.baud = baud;
  f.data_bits = bits;
  f.parity = p;
  f.stop_bits = s;
  return f;
}

const Bytes kIdent{0x00, 0x04, 0x00, 0x04};

TEST(UartWire, SameFormatCarriesEveryByte) {
  Bytes all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<uint8_t>(b));
  for (const auto& f : {kKlineFormat, format(9600, 8, Parity::kNone), format(10400, 8, Parity::kOdd, StopBits::kTwo)}) {
    const auto r = carry(all, f, f);
    EXPECT_EQ(r.bytes, all) << describe(f);
    EXPECT_FALSE(r.errors()) << describe(f);
  }
}

TEST(UartWire, SevenBitsKeepSevenBits) {
  const auto f = format(9600, 7, Parity::kEven);
  EXPECT_EQ(carry({0xC1, 0x7F}, f, f).bytes, (Bytes{0x41, 0x7F}));
}

// 8N1 into 8E1: the receiver takes the sender's stop bit for the parity bit and the next start
// bit (or the idle line) for the stop bit.
TEST(UartWire, EightN1IntoTheKline) {
  const auto n81 = format(9600, 8, Parity::kNone);
  // 0x04 alone: parity slot = stop bit (1) = even parity of 0x04 (one 1-bit); stop slot idle: it
  // happens to arrive.
  EXPECT_EQ(carry({0x04}, n81, kKlineFormat).bytes, (Bytes{0x04}));
  // 0x00 alone: even parity of 0x00 is 0, the slot holds 1: parity error, dropped.
  const auto zero = carry({0x00}, n81, kKlineFormat);
  EXPECT_TRUE(zero.bytes.empty());
  EXPECT_EQ(zero.parity_errors, 1u);
  // The ident request back to back: not the request the module would answer.
  const auto ident = carry(kIdent, n81, kKlineFormat);
  EXPECT_NE(ident.bytes, kIdent);
  EXPECT_TRUE(ident.errors());
}

TEST(UartWire, OddParityIntoEvenDropsEveryByte) {
  const auto o81 = format(9600, 8, Parity::kOdd);
  for (int b = 0; b < 256; ++b) {
    const auto r = carry({static_cast<uint8_t>(b)}, o81, kKlineFormat);
    EXPECT_TRUE(r.bytes.empty()) << b;
    EXPECT_EQ(r.parity_errors, 1u) << b;
  }
}

TEST(UartWire, WrongBaudRateGarbles) {
  // 10400 baud (KWP2000's rate) is 8 % fast: by the stop bit the sampling is most of a bit off.
  const auto r = carry(kIdent, format(10400, 8, Parity::kEven), kKlineFormat);
  EXPECT_NE(r.bytes, kIdent);
  // And the module's 9600 answer heard at 19200 is garbage too.
  const Bytes answer{0x00, 0x04, 0xA0, 0xA4};
  EXPECT_NE(carry(answer, kKlineFormat, format(19200, 8, Parity::kEven)).bytes, answer);
}

TEST(UartWire, SlowZeroIsABreak) {
  // 0x00 at 4800 8N1 keeps the line low for 9 × 208 µs: a 9600 receiver sees all bits low.
  const auto r = carry({0x00}, format(4800, 8, Parity::kNone), kKlineFormat);
  EXPECT_TRUE(r.bytes.empty());
  EXPECT_EQ(r.breaks, 1u);
  EXPECT_EQ(r.framing_errors, 1u);
}

TEST(UartWire, Describe) {
  EXPECT_EQ(describe(kKlineFormat), "9600 8E1");
  EXPECT_EQ(describe(format(10400, 7, Parity::kNone, StopBits::kOnePointFive)), "10400 7N1.5");
  EXPECT_EQ(describe(format(300, 5, Parity::kSpace, StopBits::kTwo)), "300 5S2");
}

}  // namespace
}  // namespace bcmhil::transport
