// Each serial driver against its pty emulator: the same bytes a real board sees.
#include "board_factory.h"
#include "pty_emulator.h"
#include "serial_boards.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>

namespace bcmhil::relay {
namespace {

using namespace std::chrono_literals;

std::string link_path() {
  static std::atomic<int> n{0};
  return "/tmp/bcmhil-relay-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

constexpr auto kWait = 2000ms;  // generous: a loaded 2-core machine

TEST(LcusOnPty, SwitchesAndTracksWithoutReadback) {
  PtyEmulator emu(Family::lcus, link_path(), 4);
  emu.set_lcus_status_answers(false);
  LcusBoard board(emu.link(), 4, 200ms);
  EXPECT_FALSE(board.has_readback());
  board.set(2, true);
  ASSERT_TRUE(emu.wait_for_state(2, true, kWait));
  const auto r = board.get(2);
  EXPECT_TRUE(r.on);
  EXPECT_EQ(r.source, Readback::tracked);
  board.all_off();
  ASSERT_TRUE(emu.wait_for_state(2, false, kWait));
  ASSERT_TRUE(emu.wait_for_events(5, kWait));  // on + 4 offs
  const auto h = emu.history();
  EXPECT_EQ(h.front().channel, 2);
  EXPECT_TRUE(h.front().on);
}

TEST(LcusOnPty, ReadsBackThroughTheStatusQuery) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  LcusBoard board(emu.link(), 2);
  ASSERT_TRUE(board.has_readback());
  EXPECT_EQ(board.readback_note(), "");
  board.set(1, true);  // A0 01 01 A2, then FF -> "CH1: ON\r\nCH2: OFF\r\n"
  EXPECT_TRUE(emu.state(1));
  EXPECT_EQ(board.get(1).source, Readback::hardware);
  // Someone else switches relay 1 off behind the driver's back: the read-back sees the board, not
  // what the driver sent.
  SerialLink other(emu.link(), 9600, 200ms);
  other.write(Bytes{0xA0, 0x01, 0x00, 0xA1});
  ASSERT_TRUE(emu.wait_for_state(1, false, kWait));
  EXPECT_FALSE(board.get(1).on);
  board.set(2, true);
  EXPECT_EQ(board.read_all(), (std::vector<bool>{false, false, true}));
  board.all_off();
  EXPECT_FALSE(emu.state(2));
}

TEST(LcusOnPty, ABoardThatIgnoresTheStatusQueryIsWriteOnlySaidOnce) {
  // Most LCUS-1 boards never answer FF: the driver learns it once, at open, and then switches
  // without waiting for an answer on every write (4 writes stay far below 4 timeouts).
  PtyEmulator emu(Family::lcus, link_path(), 1);
  ASSERT_FALSE(emu.lcus_status_answers());
  LcusBoard board(emu.link(), 1, 300ms);
  EXPECT_FALSE(board.has_readback());
  EXPECT_NE(board.readback_note().find("write only, no read-back"), std::string::npos) << board.readback_note();
  const auto t0 = std::chrono::steady_clock::now();
  for (bool on : {true, false, true, false}) board.set(1, on);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 900ms);
  ASSERT_TRUE(emu.wait_for_events(4, kWait));
  EXPECT_EQ(board.get(1).source, Readback::tracked);
}

TEST(LcusOnPty, AStatusAnswerShorterThanTheDescriptionFailsAtOpen) {
  PtyEmulator emu(Family::lcus, link_path(), 2);  // answers CH1, CH2
  try {
    LcusBoard board(emu.link(), 4, 200ms);
    FAIL() << "expected a bad answer";
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::bad_answer);
    EXPECT_NE(std::string(e.what()).find("described with 4 channels"), std::string::npos) << e.what();
  }
}

TEST(KmtronicOnPty, PerChannelStatusOnSmallBoards) {
  PtyEmulator emu(Family::kmtronic, link_path(), 2);
  KmtronicBoard board(emu.link(), 2);
  board.set(2, true);  // confirmed by FF 02 03 -> FF 02 01
  EXPECT_TRUE(emu.state(2));
  const auto r = board.get(2);
  EXPECT_TRUE(r.on);
  EXPECT_EQ(r.source, Readback::hardware);
  board.set(2, false);
  EXPECT_FALSE(emu.state(2));
}

TEST(KmtronicOnPty, StatusAllOnEightChannelBoards) {
  PtyEmulator emu(Family::kmtronic, link_path(), 8);
  KmtronicBoard board(emu.link(), 8);
  board.set(8, true);
  board.set(3, true);
  const auto all = board.read_all();
  EXPECT_TRUE(all[8]);
  EXPECT_TRUE(all[3]);
  EXPECT_FALSE(all[1]);
  board.all_off();
  for (int ch = 1; ch <= 8; ++ch) EXPECT_FALSE(emu.state(ch));
}

TEST(KmtronicOnPty, WrongBoardSizeGetsNoAnswerAndAClearError) {
  // An 8-relay board does not answer FF n 03: describing it as a 2-channel board must fail at
  // open with a timeout naming the device, not hang.
  PtyEmulator emu(Family::kmtronic, link_path(), 8);
  try {
    KmtronicBoard board(emu.link(), 2, 200ms);
    FAIL() << "expected a timeout";
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::timeout);
    EXPECT_EQ(e.device(), emu.link());
  }
}

TEST(NumatoOnPty, EchoPromptAndReadback) {
  PtyEmulator emu(Family::numato, link_path(), 16);
  emu.numato_id = "DESK0001";
  NumatoBoard board(emu.link(), 16);
  EXPECT_EQ(board.version(), "00000008");
  EXPECT_EQ(board.board_id(), "DESK0001");
  board.set(11, true);  // wire: "relay on A"
  EXPECT_TRUE(emu.state(11));
  EXPECT_TRUE(board.get(11).on);
  board.set(11, false);
  EXPECT_FALSE(board.get(11).on);
  emu.set_gpio(2, true);
  emu.set_adc(1, 734);
  EXPECT_TRUE(board.gpio_read(2));
  EXPECT_FALSE(board.gpio_read(3));
  EXPECT_EQ(board.adc_read(1), 734);
}

TEST(SerialBoards, MissingDeviceIsAClearOpenError) {
  try {
    open_board({Family::lcus, "/nonexistent/ttyUSB9", 2});
    FAIL();
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::open_failed);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ttyUSB9"), std::string::npos);
  }
}

TEST(SerialBoards, NotATtyIsAClearOpenError) {
  EXPECT_THROW(open_board({Family::kmtronic, "/dev/null", 2, 200ms}), RelayError);
}

TEST(SerialBoards, SilentBoardTimesOut) {
  PtyEmulator emu(Family::numato, link_path(), 4);
  NumatoBoard board(emu.link(), 4, 200ms);
  emu.set_silent(true);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    board.set(1, true);
    FAIL();
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::timeout);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
}

TEST(SerialBoards, VanishedBoardIsGone) {
  PtyEmulator emu(Family::kmtronic, link_path(), 4);
  KmtronicBoard board(emu.link(), 4, 300ms);
  board.set(1, true);
  emu.vanish();
  try {
    board.set(1, false);
    FAIL();
  } catch (const RelayError& e) {
    EXPECT_TRUE(e.kind() == ErrorKind::gone || e.kind() == ErrorKind::io_failed) << e.what();
  }
}

TEST(SerialBoards, LcusVanishedWriteFails) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  LcusBoard board(emu.link(), 2, 300ms);
  emu.vanish();
  EXPECT_THROW(board.set(1, true), RelayError);
}

TEST(DryRun, PrintsAndTouchesNothing) {
  std::ostringstream out;
  DryRunBoard board({Family::lcus, "/dev/ttyUSB0", 2}, "desk", out);
  board.set(1, true);
  board.all_off();
  EXPECT_NE(out.str().find("would switch desk (lcus /dev/ttyUSB0) channel 1 on"), std::string::npos);
  EXPECT_NE(out.str().find("every channel of desk"), std::string::npos);
}

}  // namespace
}  // namespace bcmhil::relay

// The emulators' raw bytes, quirks included: what a real board would put on the wire.
namespace bcmhil::relay {
namespace {

using namespace std::chrono_literals;

TEST(EmulatorBytes, LcusAnswersNoSetFrameAndIgnoresBadChecksums) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SerialLink link(emu.link(), 9600, 200ms);
  link.write(Bytes{0xA0, 0x01, 0x01, 0xA3});  // bad sum: ignored
  link.write(Bytes{0x55, 0xA0, 0x02, 0x01, 0xA3});  // junk byte, then a good frame
  ASSERT_TRUE(emu.wait_for_state(2, true, 2000ms));
  EXPECT_FALSE(emu.state(1));
  EXPECT_THROW(link.read_exact(1), RelayError);  // a set frame is never answered
}

std::string bytes_text(const Bytes& b) { return std::string(b.begin(), b.end()); }

// FF answered in ASCII, one "CHn: ON|OFF" line per relay (sources: relay_protocols.h).
TEST(EmulatorBytes, LcusAnswersTheStatusQueryInAscii) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SerialLink link(emu.link(), 9600, 500ms);
  link.write(Bytes{0xA0, 0x01, 0x01, 0xA2, 0xFF});
  const std::string want = "CH1: ON\r\nCH2: OFF\r\n";
  EXPECT_EQ(link.read_exact(want.size()),
            (Bytes{0x43, 0x48, 0x31, 0x3A, 0x20, 0x4F, 0x4E, 0x0D, 0x0A,                 // CH1: ON\r\n
                   0x43, 0x48, 0x32, 0x3A, 0x20, 0x4F, 0x46, 0x46, 0x0D, 0x0A}));        // CH2: OFF\r\n
}

TEST(EmulatorBytes, LcusOneIsSilentOnTheStatusQuery) {
  PtyEmulator emu(Family::lcus, link_path(), 1);
  SerialLink link(emu.link(), 9600, 200ms);
  link.write(Bytes{0xFF});
  EXPECT_THROW(link.read_exact(1), RelayError);
  emu.set_lcus_status_answers(true);  // the LCUS-1 boards that do answer
  link.write(Bytes{0xFF});
  EXPECT_EQ(bytes_text(link.read_exact(10)), "CH1: OFF\r\n");
}

TEST(EmulatorBytes, KmtronicStatusPerBoardSize) {
  PtyEmulator two(Family::kmtronic, link_path(), 2);
  SerialLink a(two.link(), 9600, 200ms);
  a.write(Bytes{0xFF, 0x02, 0x01});
  a.write(Bytes{0xFF, 0x02, 0x03});
  EXPECT_EQ(a.read_exact(3), (Bytes{0xFF, 0x02, 0x01}));
  a.write(Bytes{0xFF, 0x09, 0x00});  // a 2-relay board does not know FF 09 00
  EXPECT_THROW(a.read_exact(1), RelayError);

  PtyEmulator eight(Family::kmtronic, link_path(), 8);
  SerialLink b(eight.link(), 9600, 200ms);
  b.write(Bytes{0xFF, 0x03, 0x01});
  b.write(Bytes{0xFF, 0x08, 0x01});
  b.write(Bytes{0xFF, 0x09, 0x00});
  EXPECT_EQ(b.read_exact(8), (Bytes{0, 0, 1, 0, 0, 0, 0, 1}));
  b.write(Bytes{0xFF, 0x03, 0x03});  // an 8-relay board does not answer FF n 03
  EXPECT_THROW(b.read_exact(1), RelayError);
}

TEST(EmulatorBytes, NumatoEchoesAnswersAndPrompts) {
  PtyEmulator emu(Family::numato, link_path(), 16);
  SerialLink link(emu.link(), 9600, 500ms);
  link.write(std::string("relay on A\r"));
  EXPECT_EQ(link.read_until('>'), "relay on A\n\r>");
  link.write(std::string("relay read A\r"));
  EXPECT_EQ(link.read_until('>'), "relay read A\n\ron\n\r>");
  link.write(std::string("ver\r"));
  EXPECT_EQ(link.read_until('>'), "ver\n\r00000008\n\r>");
  EXPECT_TRUE(emu.state(11));
}

// Every command of the Numato relay modules' table, as the wire carries it: the echo, "\n\r", the
// answer line where there is one, '>' (numato/samplecode USBGenie: "ver\n\r" + 8 characters,
// "gpio read 0\n\r" + '0'|'1'; readall hex per maakunh/numato_usb_relay; "reset" turns every relay
// off per the command table).
TEST(EmulatorBytes, NumatoAnswersItsWholeCommandSet) {
  PtyEmulator emu(Family::numato, link_path(), 8);
  SerialLink link(emu.link(), 9600, 500ms);
  const auto ask = [&](const std::string& line) {
    link.write(line + "\r");
    return link.read_until('>');
  };
  EXPECT_EQ(ask("id get"), "id get\n\rBCMHIL01\n\r>");
  EXPECT_EQ(ask("id set DESK0002"), "id set DESK0002\n\r>");
  EXPECT_EQ(ask("id get"), "id get\n\rDESK0002\n\r>");
  EXPECT_EQ(ask("relay on 2"), "relay on 2\n\r>");
  EXPECT_EQ(ask("relay on 7"), "relay on 7\n\r>");
  EXPECT_EQ(ask("relay readall"), "relay readall\n\r84\n\r>");
  EXPECT_EQ(ask("relay off 2"), "relay off 2\n\r>");
  EXPECT_EQ(ask("relay read 2"), "relay read 2\n\roff\n\r>");
  EXPECT_EQ(ask("relay writeall a5"), "relay writeall a5\n\r>");
  EXPECT_EQ(ask("relay readall"), "relay readall\n\rA5\n\r>");
  for (int ch : {1, 3, 6, 8}) EXPECT_TRUE(emu.state(ch)) << ch;
  EXPECT_EQ(ask("reset"), "reset\n\r>");
  EXPECT_EQ(ask("relay readall"), "relay readall\n\r00\n\r>");
  EXPECT_EQ(ask("gpio set 3"), "gpio set 3\n\r>");
  EXPECT_TRUE(emu.gpio(3));
  EXPECT_EQ(ask("gpio read 3"), "gpio read 3\n\r1\n\r>");
  EXPECT_EQ(ask("gpio clear 3"), "gpio clear 3\n\r>");
  EXPECT_EQ(ask("gpio read 3"), "gpio read 3\n\r0\n\r>");
  emu.set_adc(2, 1023);
  EXPECT_EQ(ask("adc read 2"), "adc read 2\n\r1023\n\r>");
  EXPECT_EQ(ask("bogus"), "bogus\n\r>");  // unknown: echo and prompt only
}

// Firmware quirks reported by users (michaelkeating.com, "Numato relay on x"): only the first
// character of the number counts, and letters must be upper case.
TEST(EmulatorBytes, NumatoTakesOneUpperCaseCharacter) {
  PtyEmulator emu(Family::numato, link_path(), 16);
  SerialLink link(emu.link(), 9600, 500ms);
  link.write(std::string("relay on 12\r"));
  EXPECT_EQ(link.read_until('>'), "relay on 12\n\r>");
  EXPECT_TRUE(emu.state(2));   // relay 1
  EXPECT_FALSE(emu.state(13)); // not relay 12
  link.write(std::string("relay on c\r"));
  EXPECT_EQ(link.read_until('>'), "relay on c\n\r>");
  EXPECT_FALSE(emu.state(13));
  link.write(std::string("relay readall\r"));
  EXPECT_EQ(link.read_until('>'), "relay readall\n\r0002\n\r>");
}

}  // namespace
}  // namespace bcmhil::relay
