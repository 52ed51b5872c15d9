#pragma once
// The K-line offered as an RFC 2217 network serial port (rfc2217://HOST:PORT), the way ser2net
// offers a real one: a TCP listener on the server's io_context, one tester at a time, each
// connection a rfc2217::Session. To the K-line adapter it is one more ByteChannel.
//
// The picture it models: an access server whose UART is wired to the module's K-line. The client
// sets that UART (baud, data size, parity, stop bits) and gets the settings in force as the
// answer; the line itself stays at `line` (9600 8E1). Every burst crossing the wire is decoded by
// the receiving end's UART (uart_wire.h): a client at 8N1 or at the wrong baud rate talks garbage
// to the module and hears garbage back. Framing, parity and break errors the access server's
// UART sees in the module's bytes are reported with NOTIFY-LINESTATE when the client's mask asks.
//
// Echo, when enabled, is the client's own bytes as sent (a single wire reflects the sender's own
// waveform into its own UART, whatever the module's settings), while line_carries() says the
// line can carry anything at all (a wetted K-line reflects nothing).
//
// Connections: a second client while one is connected is accepted, told in one text line that the
// line is in use, and closed. A client that goes away (even mid-frame) frees the line for the
// next; data written while nobody is connected is lost, as on a line with no tester attached.
// Each connection starts at `line`'s settings.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "byte_channel.h"
#include "rfc2217_session.h"
#include "uart_wire.h"

namespace bcmhil::transport {

inline constexpr const char* kRfc2217Scheme = "rfc2217://";

struct Rfc2217Endpoint {
  std::string host = "127.0.0.1";  // an IP literal; "localhost" and an empty host mean 127.0.0.1
  uint16_t port = 0;               // 0: any free port (see Rfc2217Channel::url())
};

bool is_rfc2217_url(const std::string& text);
// "rfc2217://127.0.0.1:4000", "rfc2217://:0", "rfc2217://[::1]:4000". Throws TransportError
// naming the text and what is wrong.
Rfc2217Endpoint parse_rfc2217_url(const std::string& url);

struct Rfc2217Options {
  UartFormat line = kKlineFormat;
  bool echo = false;
  std::function<bool()> line_carries;  // null: always
  std::function<void(const std::string&)> log;  // connects, disconnects, refusals (I/O thread)
};

class Rfc2217Channel : public ByteChannel {
 public:
  // Binds and listens before returning. Throws TransportError (address in use, bad address).
  Rfc2217Channel(boost::asio::io_context& io, const Rfc2217Endpoint& endpoint, Rfc2217Options options);
  ~Rfc2217Channel() override;

  // rfc2217://ADDRESS:PORT with the port actually bound.
  std::string url() const;
  uint16_t port() const { return port_; }

  void async_read_some(uint8_t* data, std::size_t size, Handler handler) override;
  void async_write(const uint8_t* data, std::size_t size, Handler handler) override;
  void cancel() override;
  void close() override;
  std::string describe() const override { return url(); }

 private:
  struct Client;
  void accept_next();
  void refuse(std::shared_ptr<boost::asio::ip::tcp::socket> socket);
  void read_client();
  void on_client_bytes(const uint8_t* bytes, std::size_t size);
  void to_client(std::vector<uint8_t> bytes);
  void write_next();
  void drop_client(const std::string& why);
  void deliver();
  void log(const std::string& text) const;

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  Rfc2217Options options_;
  uint16_t port_ = 0;
  std::shared_ptr<Client> client_;  // shared: its pending handlers keep it alive
  std::vector<uint8_t> inbox_;  // line bytes for the module, not yet read
  uint8_t* read_data_ = nullptr;
  std::size_t read_size_ = 0;
  Handler read_handler_;
  std::shared_ptr<bool> alive_;
};

}  // namespace bcmhil::transport
