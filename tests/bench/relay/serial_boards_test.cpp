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
  LcusBoard board(emu.link(), 4);
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

TEST(EmulatorBytes, LcusAnswersNothingAndIgnoresBadChecksums) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SerialLink link(emu.link(), 9600, 200ms);
  link.write(Bytes{0xA0, 0x01, 0x01, 0xA3});  // bad sum: ignored
  link.write(Bytes{0x55, 0xA0, 0x02, 0x01, 0xA3});  // junk byte, then a good frame
  ASSERT_TRUE(emu.wait_for_state(2, true, 2000ms));
  EXPECT_FALSE(emu.state(1));
  EXPECT_THROW(link.read_exact(1), RelayError);  // no answer, ever
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

}  // namespace
}  // namespace bcmhil::relay
