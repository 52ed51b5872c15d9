// End to end over a real pseudo-terminal: KlineServer serving a fake backend, the tester client
// talking to it through the pty peer link, with the K-line's echo on and off. Line abuse (noise,
// truncated frames, bad checksums, a tester vanishing mid-frame, a wetted line) must leave the
// server serving and the tester with a clear error.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "ds2_tester.h"
#include "fake_backend.h"
#include "kline_server.h"
#include "serial_line.h"

namespace bcmhil::serve {
namespace {

using namespace std::chrono_literals;
using tester::Ds2Tester;
using tester::EchoMode;
using tester::TesterOptions;

std::string link_path(const char* tag) {
  return "/tmp/bcmhil-kline-" + std::string(tag) + "-" + std::to_string(::getpid());
}

class KlineServerTest : public ::testing::TestWithParam<bool> {
 protected:
  diag::testing::FakeBackend backend;
  std::atomic<int64_t> clock_offset_ms{0};
  BackendResponder responder{backend, {}, [this] {
                               return std::chrono::steady_clock::now() +
                                      std::chrono::milliseconds(clock_offset_ms.load());
                             }};
  std::unique_ptr<KlineServer> server;
  std::string link = link_path(GetParam() ? "echo" : "noecho");

  void SetUp() override {
    KlineServerOptions o;
    o.path = link;
    o.echo = GetParam();
    o.inter_byte_timeout = 20ms;
    server = std::make_unique<KlineServer>(responder, o);
    server->start();
  }
  void TearDown() override { server->stop(); }

  TesterOptions options() const {
    TesterOptions o;
    o.echo = GetParam() ? EchoMode::kOn : EchoMode::kOff;
    o.timeout = 150ms;
    o.retries = 1;
    o.retry_pause = 5ms;
    return o;
  }
};

TEST_P(KlineServerTest, JobsOverThePty) {
  backend.faults = {{0xC4, true, 2}};
  backend.digitals = {{"DIP_BOOT_OPEN_SW", true}};
  backend.analogs = {{"AIP_BATT_VOLTS_MON", 173}};
  transport::SerialClientPort port(link);
  Ds2Tester t(port, options());
  EXPECT_EQ(t.ping().exit_code, 0);
  const auto faults = t.faults();
  ASSERT_EQ(faults.exit_code, 0) << faults.text;
  EXPECT_EQ(faults.json["faults"][0]["F_ORT_TEXT"], "GEPÄCKR. ENTRIEG. AUS FEHLER");
  EXPECT_EQ(t.inputs().json["signals"]["DIP_BOOT_OPEN_SW"], true);
  EXPECT_NEAR(t.analog().json["battery_volts"].get<double>(), 12.47, 0.01);
  const auto force = t.force("DOP_BOOT_RELEASE", true);
  EXPECT_EQ(force.exit_code, 0) << force.text;
  EXPECT_TRUE(responder.with_backend([](auto& b) { return b.digital("DOP_BOOT_RELEASE").value_or(false); }));
  EXPECT_EQ(t.clear_faults().exit_code, 0);
  EXPECT_EQ(t.faults().json["faults"].size(), 0u);
}

TEST_P(KlineServerTest, AutoEchoWorksEitherWay) {
  transport::SerialClientPort port(link);
  auto o = options();
  o.echo = EchoMode::kAuto;
  Ds2Tester t(port, o);
  const auto ex = t.transact({0x9E});
  EXPECT_EQ(ex.error, tester::LineError::kNone);
  EXPECT_EQ(ex.echo_seen, GetParam());
}

TEST_P(KlineServerTest, NoiseBurstThenValidRequest) {
  transport::SerialClientPort port(link);
  port.write({0xFF, 0x13, 0x00, 0x37, 0x55, 0xAA, 0x01, 0xFE, 0x80, 0x00, 0x02});
  Ds2Tester t(port, options());
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, 0) << r.text;
}

TEST_P(KlineServerTest, TruncatedFrameThenValidRequest) {
  transport::SerialClientPort port(link);
  port.write({0x00, 0x05, 0x0B});  // STATUS request cut short
  std::this_thread::sleep_for(40ms);  // beyond the inter-byte timeout: dropped
  Ds2Tester t(port, options());
  EXPECT_EQ(t.ping().exit_code, 0);
  EXPECT_GE(server->stats().truncated.load(), 1u);
}

TEST_P(KlineServerTest, TruncatedFrameImmediatelyFollowedByValid) {
  transport::SerialClientPort port(link);
  port.write({0x00, 0x05, 0x0B});
  Ds2Tester t(port, options());  // no pause: the assembler salvages the request at the timeout
  EXPECT_EQ(t.ping().exit_code, 0);
}

TEST_P(KlineServerTest, BadChecksumIgnored) {
  transport::SerialClientPort port(link);
  auto o = options();
  o.retries = 0;
  o.timeout = 100ms;
  Ds2Tester t(port, o);
  // Send a ping with a wrong checksum by hand: the module must stay silent.
  port.write({0x00, 0x04, 0x9E, 0x9B});
  std::vector<uint8_t> got;
  for (auto b = port.read(100ms); !b.empty(); b = port.read(50ms)) got.insert(got.end(), b.begin(), b.end());
  if (GetParam())
    EXPECT_EQ(got, (std::vector<uint8_t>{0x00, 0x04, 0x9E, 0x9B}));  // only the echo
  else
    EXPECT_TRUE(got.empty());
  EXPECT_GE(server->stats().bad_checksums.load(), 1u);
  EXPECT_EQ(t.ping().exit_code, 0);  // still serving
}

TEST_P(KlineServerTest, WrongAddressIgnored) {
  transport::SerialClientPort port(link);
  auto o = options();
  o.address = 0x12;  // not the BC1
  o.retries = 0;
  o.timeout = 80ms;
  Ds2Tester other(port, o);
  const auto r = other.ping();
  EXPECT_EQ(r.exit_code, tester::kExitLine);
  EXPECT_NE(r.text.find("no answer from address 0x12 after 1 try"), std::string::npos) << r.text;
  Ds2Tester t(port, options());
  EXPECT_EQ(t.ping().exit_code, 0);
}

TEST_P(KlineServerTest, ReflectedAnswerIsNotTakenForARequest) {
  // On a real single-wire K-line the module hears its own answer; [00 04 A0 A4] (A0 = OKAY,
  // bc1_jobresult.csv) must not be answered, or the module would talk to itself forever.
  transport::SerialClientPort port(link);
  port.write({0x00, 0x04, 0xA0, 0xA4});
  std::vector<uint8_t> got;
  for (auto b = port.read(80ms); !b.empty(); b = port.read(40ms)) got.insert(got.end(), b.begin(), b.end());
  if (GetParam())
    EXPECT_EQ(got, (std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4}));  // the echo only
  else
    EXPECT_TRUE(got.empty());
  EXPECT_EQ(server->stats().own_answers.load(), 1u);
  EXPECT_EQ(server->stats().answers.load(), 0u);
}

TEST_P(KlineServerTest, PeerClosesMidFrameThenReconnects) {
  {
    transport::SerialClientPort first(link);
    first.write({0x00, 0x09, 0x0B, 0x01});  // half a frame, then the tester is gone
  }
  std::this_thread::sleep_for(5ms);
  transport::SerialClientPort second(link);
  Ds2Tester t(second, options());
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, 0) << r.text;
  EXPECT_TRUE(server->running());
}

TEST_P(KlineServerTest, WettedLineIsSilent) {
  responder.set_line_usable(false);  // K-line wetted to ground
  transport::SerialClientPort port(link);
  auto o = options();
  o.timeout = 60ms;
  o.retries = 2;
  Ds2Tester t(port, o);
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, tester::kExitLine);
  EXPECT_NE(r.text.find("no answer from address 0x00 after 3 tries; check ignition/KL15, the "
                        "K-line pull-up, or a wetted K-line"),
            std::string::npos)
      << r.text;
  responder.set_line_usable(true);  // dried out
  EXPECT_EQ(t.ping().exit_code, 0);
}

TEST_P(KlineServerTest, SessionLocksAfter30sOverTheLine) {
  transport::SerialClientPort port(link);
  Ds2Tester t(port, options());
  ASSERT_EQ(t.start_diagnostics().exit_code, 0);
  clock_offset_ms += 31000;  // 31 s of silence on the simulated clock
  const auto r = t.raw({0x0C, 0x09, 0x02, 0x02});  // force without a new seed/key
  EXPECT_EQ(r.exit_code, tester::kExitModuleError);
  EXPECT_EQ(r.json["status"], "ERROR_ECU_REJECTED");
}

TEST_P(KlineServerTest, AnswerTakesItsWireTime) {
  transport::SerialClientPort port(link);
  auto o = options();
  o.echo = EchoMode::kAuto;
  Ds2Tester t(port, o);
  const auto t0 = std::chrono::steady_clock::now();
  // 21-byte answer (8 signal bytes, 8 availability bytes): 24.1 ms on the wire.
  const auto ex = t.transact({0x0B, 0x01});
  const auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(ex.error, tester::LineError::kNone);
  EXPECT_EQ(ex.raw.size(), 21u);
  EXPECT_GE(took, diag::ds2::wire_time(21));
}

INSTANTIATE_TEST_SUITE_P(Echo, KlineServerTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "EchoOn" : "EchoOff"; });

TEST(KlineServerSerial, ServesASerialDevice) {
  // A pty slave stands in for a USB K-line cable: the server opens it as a serial device
  // (9600 8E1 via Asio serial_port), the test plays the tester on the master side.
  transport::PseudoTerminal cable(link_path("cable"));
  diag::testing::FakeBackend backend;
  BackendResponder responder(backend);
  KlineServerOptions o;
  o.path = cable.slave_name();
  o.mode = KlineServerOptions::Mode::kAuto;  // a character device: serial mode
  KlineServer server(responder, o);
  server.start();
  EXPECT_TRUE(server.pty_name().empty());
  const int fd = cable.dup_master();
  const uint8_t ping[] = {0x00, 0x04, 0x9E, 0x9A};
  ASSERT_EQ(::write(fd, ping, sizeof ping), 4);
  std::vector<uint8_t> got;
  while (got.size() < 4) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 500) <= 0) break;
    uint8_t buf[16];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    got.insert(got.end(), buf, buf + n);
  }
  ::close(fd);
  EXPECT_EQ(got, (std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4}));
  server.stop();
}

// A second server on a live server's link: before the claim it took the link (a symlink to a pty
// looked like a serial device) and the two raced for the answers. Now it is refused and the first
// keeps its link, also after the second is gone.
TEST(KlineServerLink, ASecondServerOnALiveLinkIsRefused) {
  diag::testing::FakeBackend backend;
  BackendResponder responder(backend);
  KlineServerOptions o;
  o.path = link_path("shared");
  KlineServer first(responder, o);
  first.start();
  {
    KlineServer second(responder, o);
    EXPECT_EQ(second.mode(), KlineServerOptions::Mode::kPty);
    try {
      second.start();
      FAIL() << "two servers on " << o.path;
    } catch (const transport::TransportError& e) {
      EXPECT_NE(std::string(e.what()).find(o.path + " is in use by pid"), std::string::npos) << e.what();
    }
  }
  transport::SerialClientPort port(o.path);
  Ds2Tester t(port);
  EXPECT_EQ(t.ping().exit_code, 0);
  first.stop();
}

}  // namespace
}  // namespace bcmhil::serve
