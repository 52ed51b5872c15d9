#pragma once
// The access-server side of one Telnet connection carrying the Com Port Control Option (RFC 2217,
// telnet option 44): a pure state machine, bytes in, bytes out, no socket. It
//  - negotiates options as RFC 854/855 and RFC 1143 ("Q method") require, never answering a
//    request that does not change a state (no negotiation loops): BINARY (RFC 856), ECHO
//    (RFC 857), SUPPRESS-GO-AHEAD (RFC 858) and COM-PORT-OPTION are accepted, anything else
//    refused;
//  - separates data from commands: IAC IAC is one 0xFF data byte, both ways; without BINARY in
//    the client's direction a CR NUL is a bare CR (RFC 854);
//  - answers every COM-PORT-OPTION command the client sends with the server code (client code
//    + 100) and the value now in force (RFC 2217 "Com Port Configuration Commands"): the
//    settings are those of the access server's UART, which the client may set to anything a UART
//    can do; the wire (uart_wire.h) then decides what the module makes of them.
//
// FLOWCONTROL-SUSPEND/RESUME are notifications, not requests (RFC 2217 "Flow Control"): they are
// honoured (output_suspended()) and not answered; answering with 108/109 would ask the client to
// stop sending in turn.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "uart_wire.h"

namespace bcmhil::transport::rfc2217 {

// RFC 854 commands.
inline constexpr uint8_t kSE = 240, kNOP = 241, kSB = 250, kWILL = 251, kWONT = 252, kDO = 253, kDONT = 254,
                         kIAC = 255;
// Options: RFC 856 BINARY, RFC 857 ECHO, RFC 858 SUPPRESS-GO-AHEAD, RFC 2217 COM-PORT-OPTION.
inline constexpr uint8_t kBinary = 0, kEcho = 1, kSuppressGoAhead = 3, kComPort = 44;
// RFC 2217 client-to-server command codes; the server's answer is the code + 100.
inline constexpr uint8_t kSignature = 0, kSetBaudrate = 1, kSetDatasize = 2, kSetParity = 3, kSetStopsize = 4,
                         kSetControl = 5, kNotifyLinestate = 6, kNotifyModemstate = 7, kFlowSuspend = 8,
                         kFlowResume = 9, kSetLinestateMask = 10, kSetModemstateMask = 11, kPurgeData = 12;
inline constexpr uint8_t kServerOffset = 100;
// RFC 2217 line-state bits (NOTIFY-LINESTATE).
inline constexpr uint8_t kLineOverrun = 2, kLineParityError = 4, kLineFramingError = 8, kLineBreak = 16;
// Modem lines reported (NOTIFY-MODEMSTATE): CD, DSR and CTS on, as a K-line cable that is plugged
// in (chosen: such cables leave the handshake inputs at whatever their level converter gives).
inline constexpr uint8_t kModemState = 0x80 | 0x20 | 0x10;
// Baud rates accepted (chosen: what common USB serial chips can be set to).
inline constexpr uint32_t kMinBaud = 50, kMaxBaud = 1'000'000;

class Session {
 public:
  // What one call to receive() produced.
  struct Events {
    std::vector<uint8_t> data;   // data bytes for the serial line, unescaped
    std::vector<uint8_t> reply;  // bytes to send back to the client, already encoded
    bool purge_receive = false;   // PURGE-DATA 1 or 3: drop line data not yet sent to the client
    bool purge_transmit = false;  // PURGE-DATA 2 or 3: drop client data not yet on the line
    bool resumed = false;         // FLOWCONTROL-RESUME: held output may go now
  };

  // `line`: the settings the access server's UART starts with (those of the served line).
  explicit Session(UartFormat line, std::string signature = "bcmhil K-line");

  // What the server sends first: it offers and asks for BINARY, SUPPRESS-GO-AHEAD and ECHO
  // (character at a time, as a serial port is), and asks the client for COM-PORT-OPTION.
  std::vector<uint8_t> greeting();
  Events receive(const uint8_t* bytes, std::size_t size);
  // Data from the line, encoded for the client: 0xFF doubled (RFC 854), CR NUL without BINARY.
  std::vector<uint8_t> encode_data(const uint8_t* bytes, std::size_t size) const;
  // NOTIFY-LINESTATE for `state` (kLine* bits) if the client's mask lets any of it through.
  std::vector<uint8_t> notify_linestate(uint8_t state) const;

  const UartFormat& format() const { return format_; }
  bool com_port_agreed() const { return him_[kComPort] == Q::kYes; }
  bool output_suspended() const { return suspended_; }
  bool break_on() const { return break_on_; }
  bool dtr() const { return dtr_; }
  bool rts() const { return rts_; }

 private:
  enum class Q : uint8_t { kNo, kWantYes, kYes };  // RFC 1143, without the queue bit
  enum class Mode : uint8_t { kData, kIac, kNegotiate, kSub, kSubIac };

  void request(uint8_t verb, uint8_t option, std::vector<uint8_t>& out);
  void negotiate(uint8_t verb, uint8_t option, Events& ev);
  void subnegotiation(Events& ev);
  void com_port_command(uint8_t code, const std::vector<uint8_t>& value, Events& ev);
  uint8_t set_control(uint8_t value);
  void answer(uint8_t code, const std::vector<uint8_t>& value, std::vector<uint8_t>& out) const;
  static bool supported(uint8_t option, bool ours);

  UartFormat format_;
  std::string signature_;
  Q us_[256] = {};   // options we perform (our WILL)
  Q him_[256] = {};  // options the client performs (its WILL)
  Mode mode_ = Mode::kData;
  uint8_t verb_ = 0;
  std::vector<uint8_t> sub_;
  bool sub_overflow_ = false;
  bool last_was_cr_ = false;
  bool suspended_ = false;
  bool break_on_ = false;
  bool dtr_ = true;
  bool rts_ = true;
  uint8_t linestate_mask_ = 0;     // RFC 2217: no line-state notifications until asked for
  uint8_t modemstate_mask_ = 255;  // RFC 2217: every modem line by default
};

}  // namespace bcmhil::transport::rfc2217
