// Byte vectors per family, each citing where the bytes come from (see relay_protocols.h).
#include "relay_protocols.h"

#include <gtest/gtest.h>

namespace bcmhil::relay {
namespace {

using B = std::vector<std::uint8_t>;
template <std::size_t N>
B v(const std::array<std::uint8_t, N>& a) { return B(a.begin(), a.end()); }

// LCUS vendor sheet: "Open the first relay: A0 01 01 A2; close the first relay: A0 01 00 A1".
TEST(LcusProtocol, FramesCarryChannelStateAndSum) {
  EXPECT_EQ(v(lcus::encode_set(1, true)), (B{0xA0, 0x01, 0x01, 0xA2}));
  EXPECT_EQ(v(lcus::encode_set(1, false)), (B{0xA0, 0x01, 0x00, 0xA1}));
  EXPECT_EQ(v(lcus::encode_set(2, true)), (B{0xA0, 0x02, 0x01, 0xA3}));
  EXPECT_EQ(v(lcus::encode_set(4, false)), (B{0xA0, 0x04, 0x00, 0xA4}));
  EXPECT_EQ(v(lcus::encode_set(8, true)), (B{0xA0, 0x08, 0x01, 0xA9}));
}

TEST(LcusProtocol, DecodeRejectsBadChecksumStartAndState) {
  const std::uint8_t good[] = {0xA0, 0x03, 0x01, 0xA4};
  ASSERT_TRUE(lcus::decode(good));
  EXPECT_EQ(lcus::decode(good)->channel, 3);
  EXPECT_TRUE(lcus::decode(good)->on);
  const std::uint8_t bad_sum[] = {0xA0, 0x03, 0x01, 0xA5};
  const std::uint8_t bad_start[] = {0xA1, 0x03, 0x01, 0xA5};
  const std::uint8_t bad_state[] = {0xA0, 0x03, 0x02, 0xA5};
  EXPECT_FALSE(lcus::decode(bad_sum));
  EXPECT_FALSE(lcus::decode(bad_start));
  EXPECT_FALSE(lcus::decode(bad_state));
}

// The LCUS status query FF and its ASCII answer. "CH1: ON" spacing: a CH340 2-relay control
// script ("Status responses are ASCII (e.g. "CH1: ON")"); "CH1:OFF \r\n" spacing:
// AscomSwitchDriver README ("response with format string of "CH1:OFF \r\nCH2:OFF \r\n"").
TEST(LcusProtocol, StatusAnswerIsOneAsciiLinePerRelay) {
  const std::string two = lcus::encode_status({true, false});
  EXPECT_EQ(B(two.begin(), two.end()),
            (B{'C', 'H', '1', ':', ' ', 'O', 'N', 0x0D, 0x0A, 'C', 'H', '2', ':', ' ', 'O', 'F', 'F', 0x0D, 0x0A}));
  EXPECT_EQ(lcus::decode_status("CH1: ON\r\nCH2: OFF\r\n", 2), (std::vector<bool>{true, false}));
  EXPECT_EQ(lcus::decode_status("CH1:OFF \r\nCH2:ON \r\n", 2), (std::vector<bool>{false, true}));
  EXPECT_EQ(lcus::decode_status("CH1: ON\n", 1), (std::vector<bool>{true}));
  EXPECT_FALSE(lcus::decode_status("CH2: ON\r\nCH1: OFF\r\n", 2));  // out of order
  EXPECT_FALSE(lcus::decode_status("CH1: ON\r\n", 2));                // a line short
  EXPECT_FALSE(lcus::decode_status("CH1: 1\r\n", 1));
  EXPECT_FALSE(lcus::decode_status(std::string("\x01\x00", 2), 2));   // one byte per relay: not this format
}

// KMTronic "USB Relay Test software" command table (info.kmtronic.com).
TEST(KmtronicProtocol, SetAndStatusCommands) {
  EXPECT_EQ(v(kmtronic::encode_set(1, true)), (B{0xFF, 0x01, 0x01}));
  EXPECT_EQ(v(kmtronic::encode_set(1, false)), (B{0xFF, 0x01, 0x00}));
  EXPECT_EQ(v(kmtronic::encode_set(8, true)), (B{0xFF, 0x08, 0x01}));
  EXPECT_EQ(v(kmtronic::encode_status(2)), (B{0xFF, 0x02, 0x03}));  // answer FF 02 xx
  EXPECT_EQ(v(kmtronic::encode_status_all()), (B{0xFF, 0x09, 0x00}));  // answer xx per relay
  EXPECT_FALSE(kmtronic::uses_status_all(1));
  EXPECT_FALSE(kmtronic::uses_status_all(2));
  EXPECT_TRUE(kmtronic::uses_status_all(4));
  EXPECT_TRUE(kmtronic::uses_status_all(8));
}

// Numato Lab relay module manual: "relay on 0", relays 10+ as letters, CR terminated,
// replies echo the command, "\n\r" line ends, '>' prompt.
TEST(NumatoProtocol, CommandsAndChannelLetters) {
  EXPECT_EQ(numato::relay_command("on", 0), "relay on 0\r");
  EXPECT_EQ(numato::relay_command("off", 9), "relay off 9\r");
  EXPECT_EQ(numato::relay_command("read", 10), "relay read A\r");
  EXPECT_EQ(numato::channel_token(15), "F");
  EXPECT_EQ(numato::parse_channel_token("A"), 10);
  EXPECT_EQ(numato::parse_channel_token("v"), 31);
  EXPECT_EQ(numato::parse_channel_token("7"), 7);
  EXPECT_FALSE(numato::parse_channel_token("10"));
}

TEST(NumatoProtocol, AnswerIsTheLineAfterTheEcho) {
  EXPECT_EQ(numato::answer_of("relay read 0\n\ron\n\r>", "relay read 0"), "on");
  EXPECT_EQ(numato::answer_of("relay read A\n\roff\n\r>", "relay read A\r"), "off");
  EXPECT_EQ(numato::answer_of("relay on 3\n\r>", "relay on 3"), "");
  EXPECT_EQ(numato::answer_of("adc read 1\n\r512\n\r>", "adc read 1"), "512");
}

// "relay readall" hex: maakunh/numato_usb_relay relayreadall.py ("A4" on an 8-relay board, relay
// 0 in the lowest bit); a 16-relay client reads "0000\n\r>"; "relay writeall ff" (Numato command
// table; a 32-relay example writes lower case).
TEST(NumatoProtocol, RelayBitmapIsHexTwoDigitsPerEightRelays) {
  EXPECT_EQ(numato::encode_bitmap(0xA4, 8), "A4");
  EXPECT_EQ(numato::encode_bitmap(0x1, 1), "01");
  EXPECT_EQ(numato::encode_bitmap(0x0, 16), "0000");
  EXPECT_EQ(numato::encode_bitmap(0x80000001u, 32), "80000001");
  EXPECT_EQ(numato::decode_bitmap("ff"), 0xFFu);
  EXPECT_EQ(numato::decode_bitmap("02A1"), 0x2A1u);
  EXPECT_FALSE(numato::decode_bitmap("xyz"));
  EXPECT_FALSE(numato::decode_bitmap(""));
  EXPECT_FALSE(numato::decode_bitmap("123456789"));
}

// pavel-a/usb-relay-hid lib/usb_relay_lib.c (rel_onoff, rel_read_status_raw) and
// JPEWdev/pyhid-usb-relay controller.py: report 0, FF/FD n, FE/FC, status bitmap in byte 7.
TEST(DcttechProtocol, SetReportsAreNineBytesWithReportId) {
  EXPECT_EQ(dcttech::encode_set(1, true), (B{0x00, 0xFF, 0x01, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(dcttech::encode_set(2, false), (B{0x00, 0xFD, 0x02, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(dcttech::encode_all(true), (B{0x00, 0xFE, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(dcttech::encode_all(false), (B{0x00, 0xFC, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(DcttechProtocol, FeatureReportCarriesSerialAndBitmap) {
  const auto s = dcttech::decode_status(B{0x00, 'Q', 'W', 'E', 'R', 'T', 0x00, 0x00, 0x05});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->serial, "QWERT");
  EXPECT_TRUE(s->on(1));
  EXPECT_FALSE(s->on(2));
  EXPECT_TRUE(s->on(3));
  EXPECT_FALSE(dcttech::decode_status(B{0x01, 'Q', 'W', 'E', 'R', 'T', 0, 0, 0}));  // wrong report id
  EXPECT_FALSE(dcttech::decode_status(B{0x00, 'Q', 'W'}));
  EXPECT_EQ(dcttech::channels_from_product("USBRelay2"), 2);
  EXPECT_EQ(dcttech::channels_from_product("USBRelay8"), 8);
  EXPECT_FALSE(dcttech::channels_from_product("USBRelay9"));
  EXPECT_FALSE(dcttech::channels_from_product("USBasp"));
}

}  // namespace
}  // namespace bcmhil::relay
