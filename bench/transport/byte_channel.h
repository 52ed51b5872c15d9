#pragma once
// One async byte stream, whatever carries it: a pty master (Asio stream_descriptor) or a serial
// device (Asio serial_port at 9600 8E1). The K-line adapter and the server see only this.
#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

#include <boost/system/error_code.hpp>

namespace bcmhil::transport {

class ByteChannel {
 public:
  using Handler = std::function<void(const boost::system::error_code&, std::size_t)>;
  virtual ~ByteChannel() = default;
  virtual void async_read_some(uint8_t* data, std::size_t size, Handler handler) = 0;
  virtual void async_write(const uint8_t* data, std::size_t size, Handler handler) = 0;
  virtual void cancel() = 0;
  virtual void close() = 0;
  virtual std::string describe() const = 0;
};

// Takes ownership of fd (e.g. PseudoTerminal::dup_master()).
std::unique_ptr<ByteChannel> make_descriptor_channel(boost::asio::io_context& io, int fd,
                                                     std::string name);
// Opens and configures a serial device at 9600 8E1. Throws TransportError.
std::unique_ptr<ByteChannel> make_serial_channel(boost::asio::io_context& io,
                                                 const std::string& path);

}  // namespace bcmhil::transport
