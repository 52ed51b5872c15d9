#pragma once
// Wire protocols of the relay-board families, in one header named after what it encodes
// (OpenBSW habit: protocol constants in one place). Pure functions: the drivers and the emulators
// both use them, and tests/bench/relay/relay_protocols_test.cpp pins each one with byte vectors.
//
// Sources:
//  - LCUS (CH340, "LC Technology" USB relay): vendor sheet "LCUS-1/2/4 USB relay module":
//    9600 8N1, frame A0 <ch 1..n> <00 off|01 on> <sum = (A0+ch+state) & FF> (also jarwyg/USB_RELAY
//    README.md: "Open the USB switch: A0 01 01 A2"). Status query: the single byte FF, answered in
//    ASCII, one line per relay. Client authors report the lines as "CH1: ON" (a CH340 2-relay
//    control script, "Status responses are ASCII (e.g. "CH1: ON")"), as "CH1:OFF \r\nCH2:OFF \r\n"
//    (AscomSwitchDriver README: "boards that take status query byte 0xFF"), and that "many boards
//    return nothing" (LCUS_relay.py: "FF = query (device-dependent response)"). So: the emulator
//    answers "CH1: ON\r\nCH2: OFF\r\n"; the decoder takes either spacing; a board that stays
//    silent is driven write-only.
//  - KMTronic USB relay: info.kmtronic.com "KMTronic USB Relay Test software": 9600 8N1,
//    FF <n> 01 on, FF <n> 00 off; 1- and 2-relay boards: FF <n> 03 -> FF <n> <state>;
//    4- and 8-relay boards: FF 09 00 -> one byte per relay (00 off, 01 on).
//  - Numato Lab USB relay modules (CDC ACM): command table of the Numato relay modules ("ver",
//    "id get|set xxxxxxxx", "relay on|off|read x", "relay readall", "relay writeall xx", "reset"
//    (all relays off), "adc read x", "gpio set|clear|read x"); CR-terminated; the board echoes what
//    it receives, answers with "\n\r"-separated lines and prompts with '>' (numato/samplecode
//    USBGenie NumatoUSBDevice.java reads "ver\n\r" + 8 characters, Gpio.java reads "gpio read 0\n\r"
//    + '0'|'1'). "relay readall" answers hex, two digits per eight relays, relay 0 in bit 0
//    (maakunh/numato_usb_relay relayreadall.py: "A4" on an 8-relay board; a 16-relay client reads
//    "0000\n\r>"). Relay numbers are 0-based, 0-9 then A, B, ... (numato samplecode relaywrite.py:
//    "not intended to be hexadecimal notation so the alphabets can go beyond F"); the letters must
//    be upper case and only the first character counts ("relay on 12" switches relay 1,
//    "relay on c" does nothing: michaelkeating.com, "Numato relay on x", 2013).
//  - dcttech "USBRelayN" (V-USB HID, 16c0:05df): pavel-a/usb-relay-hid (lib/usb_relay_lib.c) and
//    JPEWdev/pyhid-usb-relay: feature report 0, 8 bytes: ID string in bytes 0-4, relay bitmap in
//    byte 7 (bit 0 = relay 1). Set report 0: FF <n> relay n on, FD <n> off, FE all on, FC all off.
//    Through hidapi the report id travels as byte 0, so buffers are 9 bytes.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::relay {

using Bytes = std::vector<std::uint8_t>;

namespace lcus {
constexpr unsigned kBaud = 9600;
constexpr std::uint8_t kStart = 0xA0;
constexpr int kMaxChannels = 8;
std::array<std::uint8_t, 4> encode_set(int channel, bool on);
struct Command {
  int channel;
  bool on;
};
// Decodes one 4-byte frame; nullopt when the start byte, state or checksum is wrong (the board
// ignores such frames).
std::optional<Command> decode(const std::uint8_t* frame);
// The status query (a single byte; never part of a set frame, whose bytes stay below A9).
constexpr std::uint8_t kStatusQuery = 0xFF;
// The answer to FF as the emulator sends it: "CH1: ON\r\nCH2: OFF\r\n", states[0] = CH1.
std::string encode_status(const std::vector<bool>& states);
// Parses `channels` lines "CH1: ON|OFF" ... in order (spaces around the state optional, lines end
// in "\r\n" or "\n"); element 0 = CH1. nullopt when the text is not that.
std::optional<std::vector<bool>> decode_status(std::string_view answer, int channels);
}  // namespace lcus

namespace kmtronic {
constexpr unsigned kBaud = 9600;
constexpr std::uint8_t kStart = 0xFF;
constexpr std::uint8_t kOff = 0x00;
constexpr std::uint8_t kOn = 0x01;
constexpr std::uint8_t kStatus = 0x03;
constexpr std::uint8_t kAllStatusChannel = 0x09;
constexpr int kMaxChannels = 8;
std::array<std::uint8_t, 3> encode_set(int channel, bool on);
std::array<std::uint8_t, 3> encode_status(int channel);  // answer: FF n state
std::array<std::uint8_t, 3> encode_status_all();         // FF 09 00, answer: one byte per relay
// Which status query a board of this size answers (per the vendor's command table).
inline bool uses_status_all(int channels) { return channels > 2; }
}  // namespace kmtronic

namespace numato {
constexpr unsigned kBaud = 9600;  // CDC ACM: the rate is ignored by the board
constexpr char kPrompt = '>';
constexpr char kTerminator = '\r';
constexpr int kMaxChannels = 32;
constexpr int kMaxGpio = 32;  // the largest modules; smaller ones have fewer
// Wire token for a 0-based relay index: 0-9, then A, B, ...
std::string channel_token(int index0);
std::optional<int> parse_channel_token(std::string_view token);
std::string relay_command(std::string_view verb, int index0);  // "relay on 3\r"
// Splits a reply (everything up to and including the prompt) into its non-empty lines without
// the echoed command. Returns the answer line ("on", "off", "1", "512"...) or "" when none.
std::string answer_of(std::string_view reply, std::string_view command);
// "relay readall" / "relay writeall": a relay bitmap (relay 0 = bit 0) as hex, two digits per eight
// relays (00 on 1-8 relay boards, 0000 on 16, 00000000 on 32); upper case as the boards print it.
int bitmap_digits(int relays);
std::string encode_bitmap(std::uint32_t bitmap, int relays);
std::optional<std::uint32_t> decode_bitmap(std::string_view hex);  // either case, 1..8 digits
}  // namespace numato

namespace dcttech {
constexpr std::uint16_t kVendorId = 0x16c0;
constexpr std::uint16_t kProductId = 0x05df;
constexpr std::uint8_t kReportId = 0;
constexpr std::size_t kReportLength = 8;  // without the report id
constexpr std::uint8_t kOnOne = 0xFF;
constexpr std::uint8_t kOffOne = 0xFD;
constexpr std::uint8_t kOnAll = 0xFE;
constexpr std::uint8_t kOffAll = 0xFC;
constexpr int kMaxChannels = 8;
constexpr std::string_view kProductPrefix = "USBRelay";
Bytes encode_set(int channel, bool on);  // 9 bytes: report id, FF|FD, n, zeros
Bytes encode_all(bool on);               // 9 bytes: report id, FE|FC, zeros
struct Status {
  std::string serial;  // 5 characters
  std::uint8_t bitmap = 0;
  bool on(int channel) const { return (bitmap >> (channel - 1)) & 1u; }
};
// `report` as hidapi returns it: report id in byte 0, then the 8 data bytes.
std::optional<Status> decode_status(const Bytes& report);
// Channel count from the product string "USBRelay4"; nullopt if it is not such a board.
std::optional<int> channels_from_product(std::string_view product);
}  // namespace dcttech

std::string hex(const std::uint8_t* data, std::size_t size);
inline std::string hex(const Bytes& b) { return hex(b.data(), b.size()); }

}  // namespace bcmhil::relay
