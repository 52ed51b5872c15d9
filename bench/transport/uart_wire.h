#pragma once
// What one UART receives when another transmits to it over a wire: bytes are serialised in the
// sender's format (idle line high; start bit low, data bits LSB first, parity bit, stop bits high)
// and sampled in the receiver's, at the receiver's own baud rate. With the same format on both
// ends every byte arrives as sent; with another parity, data size or baud rate the receiver
// decodes what a real UART would: some bytes dropped, others garbled.
//
// Receiver model (a 16550-style UART): it looks for a low level once ready, checks the start bit
// in the middle of its slot (high again: a glitch, keep looking), samples each further bit in the
// middle of its slot, and is ready again after sampling the first stop bit. A low stop bit is a
// framing error (all bits low: a break; it then waits for the line to go high); a parity bit that
// does not match is a parity error. A byte with either error is dropped, as the BC1's receiver
// discards bytes flagged with a receive error and the frame then fails its length or checksum
// (chosen: the reference tables do not say what the firmware does with them).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bcmhil::transport {

enum class Parity : uint8_t { kNone, kOdd, kEven, kMark, kSpace };
enum class StopBits : uint8_t { kOne, kTwo, kOnePointFive };

struct UartFormat {
  uint32_t baud = 9600;
  uint8_t data_bits = 8;  // 5..8
  Parity parity = Parity::kEven;
  StopBits stop_bits = StopBits::kOne;
  bool operator==(const UartFormat& o) const {
    return baud == o.baud && data_bits == o.data_bits && parity == o.parity && stop_bits == o.stop_bits;
  }
  bool operator!=(const UartFormat& o) const { return !(*this == o); }
};

// DS2 on the BC1's K-line: 9600 baud, 8 data bits, even parity, 1 stop bit.
inline constexpr UartFormat kKlineFormat{};

// "9600 8E1", "10400 7N1.5".
std::string describe(const UartFormat& format);

struct WireResult {
  std::vector<uint8_t> bytes;  // what the receiver accepted, in order
  std::size_t framing_errors = 0;  // breaks included
  std::size_t parity_errors = 0;
  std::size_t breaks = 0;
  bool errors() const { return framing_errors + parity_errors > 0; }
};

// `burst`: bytes sent back to back, idle line before and after.
WireResult carry(const std::vector<uint8_t>& burst, const UartFormat& sender, const UartFormat& receiver);

}  // namespace bcmhil::transport
