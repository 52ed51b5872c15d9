// The line's edges as other DS2 testers use it, over a real pseudo-terminal with the server's
// default options: request bytes sent with gaps (EdiabasLib spaces them by the SGBD's
// ParInterbyteTime, USB adapters and busy hosts add more), and a frame without data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "ds2_protocol.h"
#include "fake_backend.h"
#include "kline_server.h"
#include "client_port.h"
#include "serial_line.h"

namespace bcmhil::serve {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<uint8_t>;

class Ds2LineTimingTest : public ::testing::Test {
 protected:
  diag::testing::FakeBackend backend;
  BackendResponder responder{backend};
  std::unique_ptr<KlineServer> server;
  std::string link = "/tmp/bcmhil-kline-timing-" + std::to_string(::getpid());

  void SetUp() override {
    KlineServerOptions o;  // the defaults bcmhil serve uses, but for the echo (on by default):
    o.path = link;         // these tests read the module's own bytes
    o.echo = false;
    server = std::make_unique<KlineServer>(responder, o);
    server->start();
  }
  void TearDown() override { server->stop(); }

  // Everything that arrives within `wait`.
  static Bytes read_for(transport::SerialClientPort& port, std::chrono::milliseconds wait) {
    Bytes got;
    const auto end = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < end) {
      auto b = port.read(10ms);
      got.insert(got.end(), b.begin(), b.end());
    }
    return got;
  }
};

TEST_F(Ds2LineTimingTest, GapsBetweenRequestBytesStillMakeOneFrame) {
  // DIAGNOSE_AUFRECHT [00][04][9E][9A] (chosen 0x9E), one byte every 60 ms: three times the
  // 20 ms that used to drop it (issue 9), under ds2::kInterByteTimeout (100 ms).
  transport::SerialClientPort port(link);
  for (uint8_t b : Bytes{0x00, 0x04, 0x9E, 0x9A}) {
    port.write({b});
    std::this_thread::sleep_for(60ms);
  }
  EXPECT_EQ(read_for(port, 200ms), (Bytes{0x00, 0x04, 0xA0, 0xA4}));
  EXPECT_EQ(server->stats().truncated.load(), 0u);
}

TEST_F(Ds2LineTimingTest, SilenceBeyondTheTimeoutDropsTheFrame) {
  // The other side of the same limit: a request cut off for longer is truncated, not answered,
  // and the next whole request is.
  static_assert(diag::ds2::kInterByteTimeout < 250ms);
  transport::SerialClientPort port(link);
  port.write({0x00, 0x04});
  std::this_thread::sleep_for(250ms);
  port.write({0x9E, 0x9A});
  EXPECT_TRUE(read_for(port, 200ms).empty());
  EXPECT_GE(server->stats().truncated.load(), 1u);
  port.write({0x00, 0x04, 0x9E, 0x9A});
  EXPECT_EQ(read_for(port, 200ms), (Bytes{0x00, 0x04, 0xA0, 0xA4}));
}

TEST_F(Ds2LineTimingTest, FrameWithoutDataIsAnsweredNack) {
  // [00][03][03]: no command byte. FF ERROR_ECU_NACK (bc1_jobresult.csv), model/diag/README.md.
  transport::SerialClientPort port(link);
  port.write({0x00, 0x03, 0x03});
  EXPECT_EQ(read_for(port, 200ms), (Bytes{0x00, 0x04, 0xFF, 0xFB}));
}

TEST_F(Ds2LineTimingTest, FaultMemoryReadWithBlockByte) {
  // [04][01], as other DS2 testers send FS_LESEN: the whole memory (model/diag/README.md).
  backend.faults = {{0xC4, true, 3}};
  transport::SerialClientPort port(link);
  port.write({0x00, 0x05, 0x04, 0x01, 0x00});
  EXPECT_EQ(read_for(port, 200ms), (Bytes{0x00, 0x08, 0xA0, 0x01, 0xC4, 0x00, 0x03, 0x6E}));
}

}  // namespace
}  // namespace bcmhil::serve
