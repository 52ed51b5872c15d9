#include "serial_link.h"

#include "relay_board.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <termios.h>

#include <istream>

namespace bcmhil::relay {

namespace asio = boost::asio;
using boost::system::error_code;

struct SerialLink::Impl {
  asio::io_context io;
  asio::serial_port port{io};
  asio::streambuf pending;  // bytes read past a delimiter

  // Runs one async operation to completion or cancels it after `timeout`.
  template <typename Start>
  error_code run(Start start, std::chrono::milliseconds timeout, std::size_t* transferred) {
    error_code result = asio::error::would_block;
    io.restart();
    start([&](const error_code& ec, std::size_t n) {
      result = ec;
      if (transferred) *transferred = n;
    });
    io.run_for(timeout);
    if (result == asio::error::would_block) {
      port.cancel();
      io.restart();
      io.run();  // let the cancelled handler run
      return asio::error::timed_out;
    }
    return result;
  }
};

namespace {
ErrorKind kind_of(const error_code& ec) {
  if (ec == asio::error::timed_out) return ErrorKind::timeout;
  if (ec == asio::error::eof || ec.value() == EIO || ec.value() == ENXIO || ec.value() == ENODEV ||
      ec == asio::error::bad_descriptor)
    return ErrorKind::gone;
  return ErrorKind::io_failed;
}
}  // namespace

SerialLink::SerialLink(const std::string& path, unsigned baud, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()), path_(path), timeout_(timeout) {
  error_code ec;
  impl_->port.open(path, ec);
  if (ec) throw RelayError(path, ErrorKind::open_failed, ec.message());
  using sp = asio::serial_port_base;
  impl_->port.set_option(sp::baud_rate(baud), ec);
  if (!ec) impl_->port.set_option(sp::character_size(8), ec);
  if (!ec) impl_->port.set_option(sp::parity(sp::parity::none), ec);
  if (!ec) impl_->port.set_option(sp::stop_bits(sp::stop_bits::one), ec);
  if (!ec) impl_->port.set_option(sp::flow_control(sp::flow_control::none), ec);
  if (ec) throw RelayError(path, ErrorKind::open_failed, "not a usable serial port: " + ec.message());
  discard_input();
}

SerialLink::~SerialLink() {
  error_code ec;
  impl_->port.close(ec);
}

void SerialLink::write(const std::uint8_t* data, std::size_t size) {
  const auto ec = impl_->run(
      [&](auto handler) { asio::async_write(impl_->port, asio::buffer(data, size), handler); }, timeout_,
      nullptr);
  if (ec) throw RelayError(path_, kind_of(ec), "writing " + std::to_string(size) + " bytes: " + ec.message());
}

Bytes SerialLink::read_exact(std::size_t n) {
  Bytes out;
  // Consume what an earlier read_until left over first.
  while (out.size() < n && impl_->pending.size() > 0) {
    out.push_back(static_cast<std::uint8_t>(impl_->pending.sbumpc()));
  }
  if (out.size() == n) return out;
  const std::size_t have = out.size();
  out.resize(n);
  std::size_t got = 0;
  const auto ec = impl_->run(
      [&](auto handler) {
        asio::async_read(impl_->port, asio::buffer(out.data() + have, n - have), handler);
      },
      timeout_, &got);
  if (ec) {
    throw RelayError(path_, kind_of(ec),
                     "reading " + std::to_string(n) + " bytes (got " + std::to_string(have + got) + "): " +
                         (ec == asio::error::timed_out
                              ? "no answer within " + std::to_string(timeout_.count()) + " ms"
                              : ec.message()));
  }
  return out;
}

std::string SerialLink::read_until(char delim) {
  std::size_t got = 0;
  const auto ec = impl_->run(
      [&](auto handler) { asio::async_read_until(impl_->port, impl_->pending, delim, handler); }, timeout_,
      &got);
  if (ec) {
    throw RelayError(path_, kind_of(ec),
                     std::string("waiting for '") + delim + "': " +
                         (ec == asio::error::timed_out
                              ? "no answer within " + std::to_string(timeout_.count()) + " ms"
                              : ec.message()));
  }
  std::string out(got, '\0');
  impl_->pending.sgetn(out.data(), static_cast<std::streamsize>(got));
  return out;
}

void SerialLink::discard_input() {
  impl_->pending.consume(impl_->pending.size());
  ::tcflush(impl_->port.native_handle(), TCIFLUSH);
}

}  // namespace bcmhil::relay
