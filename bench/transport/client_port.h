#pragma once
// The tester's end of the line: blocking calls with timeouts, on its own small io_context.
// BytePort is the seam: the tester talks to it, tests substitute a fake.
#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "serial_line.h"

namespace bcmhil::transport {

class BytePort {
 public:
  virtual ~BytePort() = default;
  virtual void write(const std::vector<uint8_t>& bytes) = 0;  // throws TransportError
  // Whatever arrives within `timeout` (at least one byte, or empty on timeout).
  // Throws TransportError when the line is gone (EOF, EIO).
  virtual std::vector<uint8_t> read(std::chrono::milliseconds timeout) = 0;
  virtual void flush_input() = 0;  // drop stale bytes before a new request
};

// A serial device (USB K-line cable) or a pty peer, opened at 9600 8E1 in raw mode; a pty, which
// cannot keep a parity bit, at 9600 8N1 with a note saying so (serial_line.h).
class SerialClientPort : public BytePort {
 public:
  explicit SerialClientPort(const std::string& path);  // throws TransportError
  // How the line was set up: note() is empty at 9600 8E1, else what a user should be told.
  const LineSetup& setup() const { return setup_; }
  void write(const std::vector<uint8_t>& bytes) override;
  std::vector<uint8_t> read(std::chrono::milliseconds timeout) override;
  void flush_input() override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  boost::asio::io_context io_;
  boost::asio::serial_port port_;
  LineSetup setup_;
};

}  // namespace bcmhil::transport
