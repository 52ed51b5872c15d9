// The RFC 2217 access-server state machine, in bytes. Codes: RFC 854 (IAC 255, SB 250, SE 240,
// WILL 251, WONT 252, DO 253, DONT 254), RFC 856 BINARY 0, RFC 857 ECHO 1, RFC 858 SGA 3,
// RFC 2217 COM-PORT-OPTION 44 (0x2C) with its command table (client codes 0..12, server = +100).
// What pyserial sends at open is from pyserial 3.5 serial/rfc2217.py (Serial.open and
// _reconfigure_port): DO ECHO, WILL SGA, DO SGA, DO COM-PORT, WILL COM-PORT, then SET-BAUDRATE,
// -DATASIZE, -PARITY, -STOPSIZE, then SET-CONTROL and PURGE-DATA, each answer awaited.
#include <gtest/gtest.h>

#include "rfc2217_session.h"

namespace bcmhil::transport::rfc2217 {
namespace {

using Bytes = std::vector<uint8_t>;

Session::Events feed(Session& s, const Bytes& b) { return s.receive(b.data(), b.size()); }

// IAC SB COM-PORT-OPTION <code> <value...> IAC SE (value given already escaped).
Bytes sb(uint8_t code, const Bytes& value) {
  Bytes out{0xFF, 0xFA, 0x2C, code};
  for (uint8_t b : value) out.push_back(b);  // (not insert(): GCC 12's -Warray-bounds misfires)
  out.push_back(0xFF);
  out.push_back(0xF0);
  return out;
}

Session negotiated() {
  Session s(kKlineFormat);
  s.greeting();
  feed(s, {0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C});
  feed(s, {0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x00});  // pyserial agreeing to our BINARY offers
  return s;
}

TEST(Rfc2217Session, GreetingOffersBinarySgaEchoAndAsksForComPort) {
  Session s(kKlineFormat);
  EXPECT_EQ(s.greeting(), (Bytes{0xFF, 0xFB, 0x00, 0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03,
                                 0xFF, 0xFB, 0x01, 0xFF, 0xFD, 0x2C}));
}

// pyserial's opening requests crossing our greeting: only what changes a state is answered
// (RFC 1143): DO COM-PORT (not yet asked by us) gets WILL; the client's WILL COM-PORT meets our
// DO in flight and is not answered, but the modem state follows (RFC 2217: mask 255 by default).
TEST(Rfc2217Session, PyserialOpeningCrossesTheGreetingWithoutLoops) {
  Session s(kKlineFormat);
  s.greeting();
  const auto ev = feed(s, {0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C});
  EXPECT_EQ(ev.reply, (Bytes{0xFF, 0xFB, 0x2C, 0xFF, 0xFA, 0x2C, 107, 0xB0, 0xFF, 0xF0}));
  EXPECT_TRUE(ev.data.empty());
  EXPECT_TRUE(s.com_port_agreed());
  // The client, seeing our DO BINARY / WILL BINARY, agrees: both were asked, nothing to answer.
  EXPECT_TRUE(feed(s, {0xFF, 0xFB, 0x00, 0xFF, 0xFD, 0x00}).reply.empty());
}

TEST(Rfc2217Session, NegotiationWithoutGreetingAndRefusals) {
  Session s(kKlineFormat);
  EXPECT_EQ(feed(s, {0xFF, 0xFB, 0x2C}).reply, (Bytes{0xFF, 0xFD, 0x2C, 0xFF, 0xFA, 0x2C, 107, 0xB0, 0xFF, 0xF0}));
  EXPECT_TRUE(feed(s, {0xFF, 0xFB, 0x2C}).reply.empty());  // already on: no answer, no loop
  EXPECT_EQ(feed(s, {0xFF, 0xFB, 0x18}).reply, (Bytes{0xFF, 0xFE, 0x18}));  // TERMINAL-TYPE: DONT
  EXPECT_EQ(feed(s, {0xFF, 0xFD, 0x18}).reply, (Bytes{0xFF, 0xFC, 0x18}));  // WONT
  EXPECT_EQ(feed(s, {0xFF, 0xFB, 0x01}).reply, (Bytes{0xFF, 0xFE, 0x01}));  // client echoing us: DONT
  EXPECT_EQ(feed(s, {0xFF, 0xFD, 0x01}).reply, (Bytes{0xFF, 0xFB, 0x01}));  // we echo: WILL
  EXPECT_EQ(feed(s, {0xFF, 0xFC, 0x2C}).reply, (Bytes{0xFF, 0xFE, 0x2C}));  // WONT after yes: DONT
  EXPECT_FALSE(s.com_port_agreed());
  EXPECT_TRUE(feed(s, {0xFF, 0xFC, 0x2C}).reply.empty());  // already off
}

TEST(Rfc2217Session, DataAndIacDoubling) {
  Session s = negotiated();
  auto ev = feed(s, {0x00, 0x04, 0x00, 0x04, 0xFF, 0xFF, 0x12});
  EXPECT_EQ(ev.data, (Bytes{0x00, 0x04, 0x00, 0x04, 0xFF, 0x12}));
  EXPECT_TRUE(ev.reply.empty());
  const Bytes line{0x00, 0xFF, 0x0D, 0xA0};
  EXPECT_EQ(s.encode_data(line.data(), line.size()), (Bytes{0x00, 0xFF, 0xFF, 0x0D, 0xA0}));
  // A command between data bytes is not data (NOP, RFC 854).
  EXPECT_EQ(feed(s, {0x01, 0xFF, 0xF1, 0x02}).data, (Bytes{0x01, 0x02}));
}

TEST(Rfc2217Session, CrNulOnlyOutsideBinary) {
  Session s(kKlineFormat);  // nothing negotiated: NVT rules (RFC 854)
  EXPECT_EQ(feed(s, {0x0D, 0x00, 0x0D, 0x0A}).data, (Bytes{0x0D, 0x0D, 0x0A}));
  const Bytes cr{0x0D};
  EXPECT_EQ(s.encode_data(cr.data(), 1), (Bytes{0x0D, 0x00}));
  feed(s, {0xFF, 0xFB, 0x00, 0xFF, 0xFD, 0x00});  // BINARY both ways
  EXPECT_EQ(feed(s, {0x0D, 0x00}).data, (Bytes{0x0D, 0x00}));
  EXPECT_EQ(s.encode_data(cr.data(), 1), (Bytes{0x0D}));
}

// RFC 2217 "Com Port Configuration Commands": the answer carries the value in force.
TEST(Rfc2217Session, BaudRate) {
  Session s = negotiated();
  EXPECT_EQ(feed(s, sb(1, {0x00, 0x00, 0x25, 0x80})).reply, sb(101, {0x00, 0x00, 0x25, 0x80}));  // 9600
  EXPECT_EQ(feed(s, sb(1, {0x00, 0x00, 0x28, 0xA0})).reply, sb(101, {0x00, 0x00, 0x28, 0xA0}));  // 10400
  EXPECT_EQ(s.format().baud, 10400u);
  EXPECT_EQ(feed(s, sb(1, {0, 0, 0, 0})).reply, sb(101, {0x00, 0x00, 0x28, 0xA0}));  // 0 asks
  // 4294967295 (IAC doubled inside the block, RFC 855): out of range, the current rate answers.
  EXPECT_EQ(feed(s, sb(1, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})).reply, sb(101, {0x00, 0x00, 0x28, 0xA0}));
  // 255 baud: accepted, and the 0xFF in our answer is doubled.
  EXPECT_EQ(feed(s, sb(1, {0x00, 0x00, 0x00, 0xFF, 0xFF})).reply, sb(101, {0x00, 0x00, 0x00, 0xFF, 0xFF}));
  EXPECT_TRUE(feed(s, sb(1, {0x25, 0x80})).reply.empty());  // malformed: too short
}

TEST(Rfc2217Session, DataSizeParityStopSize) {
  Session s = negotiated();
  EXPECT_EQ(feed(s, sb(2, {8})).reply, sb(102, {8}));
  EXPECT_EQ(feed(s, sb(2, {7})).reply, sb(102, {7}));
  EXPECT_EQ(feed(s, sb(2, {9})).reply, sb(102, {7}));  // reserved: unchanged
  EXPECT_EQ(feed(s, sb(2, {0})).reply, sb(102, {7}));
  EXPECT_EQ(feed(s, sb(3, {3})).reply, sb(103, {3}));  // EVEN
  EXPECT_EQ(feed(s, sb(3, {1})).reply, sb(103, {1}));  // NONE: the client's UART may
  EXPECT_EQ(s.format().parity, Parity::kNone);
  EXPECT_EQ(feed(s, sb(3, {6})).reply, sb(103, {1}));
  EXPECT_EQ(feed(s, sb(4, {1})).reply, sb(104, {1}));
  EXPECT_EQ(feed(s, sb(4, {3})).reply, sb(104, {3}));  // 1.5
  EXPECT_EQ(s.format().stop_bits, StopBits::kOnePointFive);
  EXPECT_EQ(feed(s, sb(4, {4})).reply, sb(104, {3}));
  EXPECT_EQ(describe(s.format()), "9600 7N1.5");
}

TEST(Rfc2217Session, SetControl) {
  Session s = negotiated();
  EXPECT_EQ(feed(s, sb(5, {1})).reply, sb(105, {1}));   // no flow control
  EXPECT_EQ(feed(s, sb(5, {3})).reply, sb(105, {1}));   // hardware: the K-line has no such lines
  EXPECT_EQ(feed(s, sb(5, {0})).reply, sb(105, {1}));
  EXPECT_EQ(feed(s, sb(5, {13})).reply, sb(105, {14}));
  EXPECT_EQ(feed(s, sb(5, {9})).reply, sb(105, {9}));   // DTR off
  EXPECT_EQ(feed(s, sb(5, {7})).reply, sb(105, {9}));
  EXPECT_FALSE(s.dtr());
  EXPECT_EQ(feed(s, sb(5, {8})).reply, sb(105, {8}));
  EXPECT_EQ(feed(s, sb(5, {12})).reply, sb(105, {12}));  // RTS off
  EXPECT_EQ(feed(s, sb(5, {10})).reply, sb(105, {12}));
  EXPECT_EQ(feed(s, sb(5, {5})).reply, sb(105, {5}));   // BREAK on
  EXPECT_TRUE(s.break_on());
  EXPECT_EQ(feed(s, sb(5, {4})).reply, sb(105, {5}));
  EXPECT_EQ(feed(s, sb(5, {6})).reply, sb(105, {6}));
  EXPECT_TRUE(feed(s, sb(5, {20})).reply.empty());  // reserved
}

TEST(Rfc2217Session, NotificationsMasksAndSignature) {
  Session s = negotiated();
  EXPECT_EQ(feed(s, sb(6, {})).reply, sb(106, {0}));
  EXPECT_EQ(feed(s, sb(7, {})).reply, sb(107, {0xB0}));
  EXPECT_EQ(feed(s, sb(11, {0x30})).reply, sb(111, {0x30}));
  EXPECT_EQ(feed(s, sb(7, {})).reply, sb(107, {0x30}));
  EXPECT_TRUE(s.notify_linestate(kLineFramingError).empty());  // mask 0 by default
  EXPECT_EQ(feed(s, sb(10, {0x0C})).reply, sb(110, {0x0C}));
  EXPECT_EQ(s.notify_linestate(kLineFramingError | kLineBreak), sb(106, {0x08}));
  const auto sig = feed(s, sb(0, {})).reply;
  ASSERT_GT(sig.size(), 6u);
  EXPECT_EQ(Bytes(sig.begin(), sig.begin() + 4), (Bytes{0xFF, 0xFA, 0x2C, 100}));
}

TEST(Rfc2217Session, FlowControlIsHonouredNotAnswered) {
  Session s = negotiated();
  auto ev = feed(s, sb(8, {}));
  EXPECT_TRUE(ev.reply.empty());
  EXPECT_TRUE(s.output_suspended());
  ev = feed(s, sb(9, {}));
  EXPECT_TRUE(ev.reply.empty());
  EXPECT_TRUE(ev.resumed);
  EXPECT_FALSE(s.output_suspended());
}

TEST(Rfc2217Session, PurgeData) {
  Session s = negotiated();
  auto ev = feed(s, sb(12, {1}));
  EXPECT_EQ(ev.reply, sb(112, {1}));
  EXPECT_TRUE(ev.purge_receive);
  EXPECT_FALSE(ev.purge_transmit);
  ev = feed(s, sb(12, {3}));
  EXPECT_EQ(ev.reply, sb(112, {3}));
  EXPECT_TRUE(ev.purge_receive && ev.purge_transmit);
  EXPECT_TRUE(feed(s, sb(12, {0})).reply.empty());
}

TEST(Rfc2217Session, ByteAtATimeIsTheSame) {
  Session a = negotiated(), b = negotiated();
  Bytes stream = sb(3, {3});
  stream.insert(stream.end(), {0x00, 0xFF, 0xFF, 0x04});
  const auto whole = feed(a, stream);
  Bytes reply, data;
  for (uint8_t byte : stream) {
    const auto ev = b.receive(&byte, 1);
    reply.insert(reply.end(), ev.reply.begin(), ev.reply.end());
    data.insert(data.end(), ev.data.begin(), ev.data.end());
  }
  EXPECT_EQ(reply, whole.reply);
  EXPECT_EQ(data, whole.data);
  EXPECT_EQ(data, (Bytes{0x00, 0xFF, 0x04}));
}

TEST(Rfc2217Session, JunkLeavesItUsable) {
  Session s = negotiated();
  Bytes junk{0xFF, 0xFA, 0x2C, 0x01};
  junk.insert(junk.end(), 1000, 0x41);  // an endless block: dropped whole
  junk.insert(junk.end(), {0xFF, 0xF0, 0xFF, 0xF0, 0xFF, 0xFA, 0xFF, 0xF0});  // stray SE, empty block
  const auto ev = feed(s, junk);
  EXPECT_TRUE(ev.reply.empty());
  EXPECT_TRUE(ev.data.empty());
  EXPECT_EQ(feed(s, sb(3, {3})).reply, sb(103, {3}));
}

}  // namespace
}  // namespace bcmhil::transport::rfc2217
