#include "client_port.h"

#include <termios.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "serial_line.h"

namespace bcmhil::transport {

namespace asio = boost::asio;

SerialClientPort::SerialClientPort(const std::string& path) : path_(path), port_(io_) {
  boost::system::error_code ec;
  port_.open(path, ec);
  if (ec) throw TransportError("cannot open " + path + ": " + ec.message());
  setup_ = configure_kline(port_.native_handle(), path);
  flush_input();
}

void SerialClientPort::write(const std::vector<uint8_t>& bytes) {
  boost::system::error_code ec;
  asio::write(port_, asio::buffer(bytes), ec);
  if (ec) throw TransportError("write to " + path_ + " failed: " + ec.message());
}

std::vector<uint8_t> SerialClientPort::read(std::chrono::milliseconds timeout) {
  std::vector<uint8_t> buf(512);
  std::size_t got = 0;
  bool done = false;
  boost::system::error_code result;
  port_.async_read_some(asio::buffer(buf), [&](const boost::system::error_code& ec, std::size_t n) {
    done = true;
    result = ec;
    got = n;
  });
  io_.restart();
  io_.run_for(timeout);
  if (!done) {
    boost::system::error_code ignored;
    port_.cancel(ignored);
    io_.restart();
    io_.run();  // let the cancelled read complete (it may still have data)
  }
  if (result && result != asio::error::operation_aborted)
    throw TransportError("the line at " + path_ + " is gone: " + result.message());
  buf.resize(got);
  return buf;
}

void SerialClientPort::flush_input() { ::tcflush(port_.native_handle(), TCIFLUSH); }

}  // namespace bcmhil::transport
