#pragma once
// A serial port (9600 8N1, raw) through Boost.Asio with a timeout on every read and write, so a
// board that stops answering or vanishes gives a RelayError instead of a hang.
#include "relay_protocols.h"

#include <chrono>
#include <memory>
#include <string>

namespace bcmhil::relay {

class SerialLink {
 public:
  SerialLink(const std::string& path, unsigned baud, std::chrono::milliseconds timeout);
  ~SerialLink();
  SerialLink(const SerialLink&) = delete;
  SerialLink& operator=(const SerialLink&) = delete;

  const std::string& path() const { return path_; }
  std::chrono::milliseconds timeout() const { return timeout_; }

  void write(const std::uint8_t* data, std::size_t size);
  void write(const Bytes& b) { write(b.data(), b.size()); }
  void write(const std::string& s) { write(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
  Bytes read_exact(std::size_t n);
  // Reads up to and including `delim`.
  std::string read_until(char delim);
  // Drops whatever the board sent that nobody read (stale answers).
  void discard_input();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
  std::chrono::milliseconds timeout_;
};

}  // namespace bcmhil::relay
