// KlineServer on rfc2217://127.0.0.1:0 against a raw TCP client speaking the bytes of RFC 2217
// (pyserial's opening: serial/rfc2217.py; codes in tests/bench/transport/rfc2217_session_test.cpp).
// The DS2 ping (00 04 9E 9A, answer 00 04 A0 A4) is the probe. What matters here: the line is
// 9600 8E1 and a client that set its port otherwise is not understood; one tester at a time; a
// tester leaving, even mid-frame, leaves the server serving.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <regex>

#include "fake_backend.h"
#include "kline_server.h"
#include "serial_line.h"

namespace bcmhil::serve {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<uint8_t>;

const Bytes kPing{0x00, 0x04, 0x9E, 0x9A};
const Bytes kPingAnswer{0x00, 0x04, 0xA0, 0xA4};

Bytes sb(uint8_t code, const Bytes& value) {
  Bytes out{0xFF, 0xFA, 0x2C, code};
  for (uint8_t b : value) out.push_back(b);  // (not insert(): GCC 12's -Warray-bounds misfires)
  out.push_back(0xFF);
  out.push_back(0xF0);
  return out;
}

// A bare-hands RFC 2217 client: what it reads is split into data and COM-PORT answers.
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { close(); }
  bool connected() const { return connected_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  void send(const Bytes& b) { ASSERT_EQ(::send(fd_, b.data(), b.size(), MSG_NOSIGNAL), static_cast<ssize_t>(b.size())); }

  // Reads for `window` (or until EOF); returns false on EOF.
  bool pump(std::chrono::milliseconds window) {
    const auto end = std::chrono::steady_clock::now() + window;
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count()))) <= 0) continue;
      uint8_t buf[512];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      raw.insert(raw.end(), buf, buf + n);
      for (ssize_t i = 0; i < n; ++i) decode(buf[i]);
    }
    return true;
  }
  // Reads until `data` holds `count` bytes or `limit` passes.
  void wait_data(std::size_t count, std::chrono::milliseconds limit = 1000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (data.size() < count && std::chrono::steady_clock::now() < end) pump(10ms);
  }
  bool has_answer(const Bytes& block) const {
    return std::find(answers.begin(), answers.end(), block) != answers.end();
  }
  // pyserial's open: options, then 9600 8<parity>1, then no flow control.
  void open_like_pyserial(uint8_t parity) {
    send({0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C});
    Bytes settings = sb(1, {0x00, 0x00, 0x25, 0x80});
    for (const auto& b : {sb(2, {8}), sb(3, {parity}), sb(4, {1}), sb(5, {1})})
      settings.insert(settings.end(), b.begin(), b.end());
    send(settings);
    const Bytes want = {0x2C, 103, parity};
    for (int i = 0; i < 100 && !has_answer(want); ++i) pump(10ms);
  }

  Bytes raw, data;
  std::vector<Bytes> answers;  // SB blocks (option, code, value...)

 private:
  void decode(uint8_t b) {
    switch (state_) {
      case 0:
        if (b == 0xFF) state_ = 1;
        else data.push_back(b);
        break;
      case 1:
        if (b == 0xFF) { data.push_back(b); state_ = 0; }
        else if (b == 0xFA) { block_.clear(); state_ = 3; }
        else if (b >= 0xFB) state_ = 2;
        else state_ = 0;
        break;
      case 2: state_ = 0; break;
      case 3:
        if (b == 0xFF) state_ = 4;
        else block_.push_back(b);
        break;
      case 4:
        if (b == 0xF0) { answers.push_back(block_); state_ = 0; }
        else { block_.push_back(b); state_ = 3; }
        break;
    }
  }
  int fd_ = -1;
  bool connected_ = false;
  int state_ = 0;
  Bytes block_;
};

class Rfc2217ServerTest : public ::testing::Test {
 protected:
  diag::testing::FakeBackend backend;
  BackendResponder responder{backend};
  std::unique_ptr<KlineServer> server;
  std::vector<std::string> events;
  std::mutex events_mutex;
  uint16_t port = 0;

  void start(std::optional<bool> echo = std::nullopt) {
    KlineServerOptions o;
    o.path = "rfc2217://127.0.0.1:0";
    o.echo = echo;
    o.log = [this](const std::string& e) {
      std::lock_guard<std::mutex> lock(events_mutex);
      events.push_back(e);
    };
    server = std::make_unique<KlineServer>(responder, o);
    server->start();
    std::smatch m;
    const std::string url = server->endpoint();
    ASSERT_TRUE(std::regex_match(url, m, std::regex(R"(rfc2217://127\.0\.0\.1:(\d+))"))) << url;
    port = static_cast<uint16_t>(std::stoi(m[1]));
    ASSERT_NE(port, 0);
  }
  void TearDown() override {
    if (server) server->stop();
  }
};

TEST_F(Rfc2217ServerTest, ServesDs2At8E1WithEchoByDefault) {
  start();
  EXPECT_EQ(server->mode(), KlineServerOptions::Mode::kRfc2217);
  EXPECT_TRUE(server->echoes());
  RawClient c(port);
  ASSERT_TRUE(c.connected());
  c.open_like_pyserial(3);
  EXPECT_TRUE(c.has_answer({0x2C, 101, 0x00, 0x00, 0x25, 0x80}));
  EXPECT_TRUE(c.has_answer({0x2C, 102, 8}));
  EXPECT_TRUE(c.has_answer({0x2C, 103, 3}));
  EXPECT_TRUE(c.has_answer({0x2C, 104, 1}));
  EXPECT_TRUE(c.has_answer({0x2C, 105, 1}));
  c.data.clear();
  c.send(kPing);
  c.wait_data(8);
  Bytes want = kPing;  // the echo of our own bytes, then the answer
  want.insert(want.end(), kPingAnswer.begin(), kPingAnswer.end());
  EXPECT_EQ(c.data, want);
}

TEST_F(Rfc2217ServerTest, EchoOff) {
  start(false);
  RawClient c(port);
  c.open_like_pyserial(3);
  c.data.clear();
  c.send(kPing);
  c.wait_data(4);
  c.pump(50ms);
  EXPECT_EQ(c.data, kPingAnswer);
}

// The client's port at 8N1 or 9600 8O1 while the line is 8E1: the module's UART drops or
// garbles the bytes and does not answer; back at 8E1 it does.
TEST_F(Rfc2217ServerTest, OtherSettingsAreAnsweredButNotUnderstood) {
  start(false);
  RawClient c(port);
  c.open_like_pyserial(1);  // NONE
  ASSERT_TRUE(c.has_answer({0x2C, 103, 1}));
  c.data.clear();
  c.send(kPing);
  c.pump(300ms);
  EXPECT_TRUE(c.data.empty()) << "answered a ping sent at 8N1";
  c.send(sb(3, {2}));  // ODD
  c.pump(50ms);
  c.send(kPing);
  c.pump(300ms);
  EXPECT_TRUE(c.data.empty()) << "answered a ping sent at 8O1";
  c.send(sb(1, {0x00, 0x00, 0x28, 0xA0}));  // 10400 baud, even parity
  c.send(sb(3, {3}));
  c.pump(50ms);
  c.send(kPing);
  c.pump(300ms);
  EXPECT_TRUE(c.data.empty()) << "answered a ping sent at 10400 baud";
  c.send(sb(1, {0x00, 0x00, 0x25, 0x80}));
  c.pump(50ms);
  c.send(kPing);
  c.wait_data(4);
  EXPECT_EQ(c.data, kPingAnswer);
}

TEST_F(Rfc2217ServerTest, OneTesterAtATime) {
  start(false);
  RawClient first(port);
  first.open_like_pyserial(3);
  RawClient second(port);
  ASSERT_TRUE(second.connected());
  EXPECT_FALSE(second.pump(1000ms)) << "the second tester was not closed";
  const std::string told(second.raw.begin(), second.raw.end());
  EXPECT_NE(told.find("in use by another tester"), std::string::npos) << told;
  first.data.clear();
  first.send(kPing);
  first.wait_data(4);
  EXPECT_EQ(first.data, kPingAnswer);
  std::lock_guard<std::mutex> lock(events_mutex);
  ASSERT_GE(events.size(), 2u);
  EXPECT_NE(events[1].find("refused a second tester"), std::string::npos) << events[1];
}

TEST_F(Rfc2217ServerTest, ATesterLeavingMidFrameLeavesItServing) {
  start(false);
  {
    RawClient c(port);
    c.open_like_pyserial(3);
    c.send({0x00, 0x04});  // half a ping, then gone
  }
  // As on a real line, the module drops the half frame after its inter-byte timeout.
  std::this_thread::sleep_for(diag::ds2::kInterByteTimeout + 50ms);
  RawClient next(port);
  next.open_like_pyserial(3);
  next.data.clear();
  next.send(kPing);
  next.wait_data(4);
  EXPECT_EQ(next.data, kPingAnswer);
}

TEST_F(Rfc2217ServerTest, AWettedLineIsSilentNoEchoNoAnswer) {
  start(true);
  responder.set_line_usable(false);
  RawClient c(port);
  c.open_like_pyserial(3);
  c.data.clear();
  c.send(kPing);
  c.pump(300ms);
  EXPECT_TRUE(c.data.empty());
}

TEST(Rfc2217Server, BadAddressesAndAPortInUseAreClearErrors) {
  diag::testing::FakeBackend backend;
  BackendResponder responder(backend);
  KlineServerOptions o;
  o.path = "rfc2217://127.0.0.1";
  KlineServer no_port(responder, o);
  try {
    no_port.start();
    FAIL();
  } catch (const transport::TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("the port is missing"), std::string::npos) << e.what();
  }
  o.path = "rfc2217://127.0.0.1:0";
  KlineServer first(responder, o);
  first.start();
  o.path = first.endpoint();
  KlineServer second(responder, o);
  try {
    second.start();
    FAIL() << "two servers on " << o.path;
  } catch (const transport::TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
  }
  first.stop();
}

}  // namespace
}  // namespace bcmhil::serve
