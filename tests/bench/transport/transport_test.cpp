// The line's physical side: pty pairs linked at a path, 9600 8E1 on the tester's port, the K-line
// adapter's echo, inter-byte timeout and wire-time pacing (11 bits / 9600 baud per byte,
// domain/r50-bc1.md "K-bus / diagnostic line").
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <thread>

#include "byte_channel.h"
#include "client_port.h"
#include "kline_adapter.h"
#include "serial_line.h"

namespace bcmhil::transport {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string temp_link(const char* tag) {
  return "/tmp/bcmhil-test-" + std::string(tag) + "-" + std::to_string(::getpid());
}

TEST(PseudoTerminal, LinksPeerAndRemovesLink) {
  const auto link = temp_link("pty");
  {
    PseudoTerminal pty(link);
    char target[256] = {};
    ASSERT_GT(::readlink(link.c_str(), target, sizeof target - 1), 0);
    EXPECT_EQ(pty.slave_name(), target);
  }
  struct stat st {};
  EXPECT_NE(::lstat(link.c_str(), &st), 0);  // gone with the pty
}

TEST(PseudoTerminal, ReplacesStaleSymlinkButNotAFile) {
  const auto link = temp_link("stale");
  ::unlink(link.c_str());
  ASSERT_EQ(::symlink("/dev/null", link.c_str()), 0);
  { PseudoTerminal pty(link); }
  const auto file = temp_link("file");
  std::ofstream(file) << "keep me";
  EXPECT_THROW(PseudoTerminal pty(file), TransportError);
  std::ifstream in(file);
  std::string s;
  std::getline(in, s);
  EXPECT_EQ(s, "keep me");
  ::unlink(file.c_str());
}

TEST(SerialClientPort, OpensPtyAt8N1WithANoteAndTimesOut) {
  const auto link = temp_link("client");
  PseudoTerminal pty(link);
  SerialClientPort port(link);
  // A pty cannot keep PARENB: 8E1 is tried, read back, and 8N1 is what the port says it got.
  EXPECT_FALSE(port.setup().even_parity);
  EXPECT_NE(port.setup().note.find(link + " is a pseudo-terminal, which cannot keep a parity bit"),
            std::string::npos)
      << port.setup().note;
  EXPECT_NE(port.setup().note.find("opened as 9600 8N1"), std::string::npos);
  const auto t0 = Clock::now();
  EXPECT_TRUE(port.read(30ms).empty());
  EXPECT_GE(Clock::now() - t0, 25ms);
}

TEST(SerialClientPort, SettingsThatCannotBeSetAreReported) {
  // /dev/null is a character device but no terminal: Asio's open already fails (ENOTTY), and
  // configure_kline() on its own says what it tried.
  try {
    SerialClientPort port("/dev/null");
    FAIL() << "opened /dev/null as a serial line";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open /dev/null: Inappropriate ioctl for device"), std::string::npos)
        << e.what();
  }
  const int fd = ::open("/dev/null", O_RDWR);
  try {
    configure_kline(fd, "/dev/null");
    FAIL() << "configured /dev/null as a serial line";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot set 9600 8E1 on /dev/null: tcgetattr: Inappropriate ioctl for device"),
              std::string::npos)
        << e.what();
  }
  ::close(fd);
}

TEST(ConfigureKline, APtyIsLeftAt8N1Raw) {
  PseudoTerminal pty("");
  const int fd = ::open(pty.slave_name().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(is_pseudo_terminal(fd));
  const auto setup = configure_kline(fd, pty.slave_name());
  termios t{};
  ASSERT_EQ(::tcgetattr(fd, &t), 0);
  EXPECT_FALSE(setup.even_parity);
  EXPECT_EQ(t.c_cflag & (CSIZE | PARENB), static_cast<tcflag_t>(CS8));
  EXPECT_EQ(::cfgetospeed(&t), static_cast<speed_t>(B9600));
  EXPECT_EQ(t.c_lflag & (ICANON | ECHO), 0u);
  ::close(fd);
}

TEST(SerialClientPort, NoSuchPortIsClearError) {
  try {
    SerialClientPort port("/tmp/bcmhil-no-such-port");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open /tmp/bcmhil-no-such-port"),
              std::string::npos);
  }
}

struct AdapterRig {
  std::string link = temp_link("adapter");
  PseudoTerminal pty{link};
  boost::asio::io_context io;
  std::unique_ptr<KlineAdapter> adapter;
  std::vector<uint8_t> received;
  int idles = 0;
  std::thread thread;
  std::unique_ptr<SerialClientPort> client;

  explicit AdapterRig(KlineOptions options) {
    adapter = std::make_unique<KlineAdapter>(
        io, make_descriptor_channel(io, pty.dup_master(), "pty"), options);
    adapter->start(
        [this](const uint8_t* d, std::size_t n) {
          received.insert(received.end(), d, d + n);
          adapter->echo(d, n);
        },
        [this] { ++idles; });
    client = std::make_unique<SerialClientPort>(link);
  }
  void run_for(std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
  }
  std::vector<uint8_t> read_all(std::chrono::milliseconds timeout) {
    std::vector<uint8_t> all;
    for (;;) {
      auto b = client->read(timeout);
      if (b.empty()) return all;
      all.insert(all.end(), b.begin(), b.end());
    }
  }
};

TEST(KlineAdapter, EchoesTheTestersBytes) {
  KlineOptions o;
  o.echo = true;
  AdapterRig rig(o);
  rig.client->write({0x00, 0x04, 0x9E, 0x9A});
  rig.run_for(50ms);
  EXPECT_EQ(rig.received, (std::vector<uint8_t>{0x00, 0x04, 0x9E, 0x9A}));
  EXPECT_EQ(rig.read_all(20ms), (std::vector<uint8_t>{0x00, 0x04, 0x9E, 0x9A}));
}

TEST(KlineAdapter, NoEchoWhenOff) {
  AdapterRig rig(KlineOptions{});
  rig.client->write({0x00, 0x04, 0x9E, 0x9A});
  rig.run_for(30ms);
  EXPECT_EQ(rig.received.size(), 4u);
  EXPECT_TRUE(rig.read_all(10ms).empty());
}

TEST(KlineAdapter, ReportsIdleAfterInterByteTimeout) {
  KlineOptions o;
  o.inter_byte_timeout = 15ms;
  AdapterRig rig(o);
  rig.client->write({0x00, 0x05, 0x0B});
  rig.run_for(8ms);
  EXPECT_EQ(rig.idles, 0);
  rig.run_for(40ms);
  EXPECT_EQ(rig.idles, 1);
}

TEST(KlineAdapter, PacesAnswerAtWireTime) {
  AdapterRig rig(KlineOptions{});
  const std::vector<uint8_t> answer(20, 0x55);
  const auto t0 = Clock::now();
  Clock::time_point finished{};
  rig.adapter->send(answer, true, [&] { finished = Clock::now(); });
  rig.run_for(100ms);
  ASSERT_NE(finished, Clock::time_point{});
  const auto took = finished - t0;
  // 20 bytes x 11/9600 s = 22.9 ms; never faster, and not much slower.
  EXPECT_GE(took, 22ms);
  EXPECT_LT(took, 30ms);
  EXPECT_EQ(rig.read_all(10ms), answer);
}

TEST(KlineAdapter, UnpacedWritesAtOnce) {
  KlineOptions o;
  o.pace = false;
  AdapterRig rig(o);
  const auto t0 = Clock::now();
  Clock::time_point finished{};
  rig.adapter->send(std::vector<uint8_t>(20, 0x55), true, [&] { finished = Clock::now(); });
  rig.run_for(30ms);
  EXPECT_LT(finished - t0, 10ms);
}

}  // namespace
}  // namespace bcmhil::transport
