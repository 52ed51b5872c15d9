#include "rfc2217_channel.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <cstdlib>

#include "serial_line.h"

namespace bcmhil::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
constexpr std::size_t kMaxHeld = 4096;  // line bytes kept for a client that suspended output

std::string address_text(const tcp::endpoint& e) {
  const auto a = e.address();
  return (a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()) + ":" + std::to_string(e.port());
}
}  // namespace

bool is_rfc2217_url(const std::string& text) { return text.rfind(kRfc2217Scheme, 0) == 0; }

Rfc2217Endpoint parse_rfc2217_url(const std::string& url) {
  auto bad = [&url](const std::string& why) {
    return TransportError("'" + url + "' is not an rfc2217://HOST:PORT address: " + why);
  };
  if (!is_rfc2217_url(url)) throw bad("it must start with rfc2217://");
  std::string rest = url.substr(std::string(kRfc2217Scheme).size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) throw bad("the port is missing (use :0 for any free port)");
  std::string host = rest.substr(0, colon);
  const std::string port = rest.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
      std::stoul(port) > 65535)
    throw bad("the port '" + port + "' is not a number from 0 to 65535");
  Rfc2217Endpoint e;
  e.port = static_cast<uint16_t>(std::stoul(port));
  if (!host.empty() && host != "localhost") {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    if (ec) throw bad("'" + host + "' is not an IP address");
    e.host = host;
  }
  return e;
}

struct Rfc2217Channel::Client {
  tcp::socket socket;
  std::string peer;
  rfc2217::Session session;
  std::deque<std::vector<uint8_t>> out;  // encoded bytes waiting for the socket
  bool writing = false;
  std::vector<uint8_t> held;  // line data while the client has suspended output
  std::vector<uint8_t> buffer = std::vector<uint8_t>(1024);
  Client(tcp::socket s, std::string p, const UartFormat& line)
      : socket(std::move(s)), peer(std::move(p)), session(line, "bcmhil serve: simulated BC1 K-line") {}
};

Rfc2217Channel::Rfc2217Channel(asio::io_context& io, const Rfc2217Endpoint& endpoint, Rfc2217Options options)
    : io_(io), acceptor_(io), options_(std::move(options)), alive_(std::make_shared<bool>(true)) {
  boost::system::error_code ec;
  const tcp::endpoint where(asio::ip::make_address(endpoint.host, ec), endpoint.port);
  const std::string name = endpoint.host + ":" + std::to_string(endpoint.port);
  if (ec) throw TransportError("cannot listen on " + name + ": " + ec.message());
  acceptor_.open(where.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(where, ec);
  if (!ec) acceptor_.listen(4, ec);
  if (ec) throw TransportError("cannot listen on " + name + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  accept_next();
}

Rfc2217Channel::~Rfc2217Channel() {
  *alive_ = false;
  close();
}

std::string Rfc2217Channel::url() const {
  boost::system::error_code ec;
  const auto local = acceptor_.local_endpoint(ec);
  return std::string(kRfc2217Scheme) + (ec ? "?" : address_text(local));
}

void Rfc2217Channel::log(const std::string& text) const {
  if (options_.log) options_.log(text);
}

void Rfc2217Channel::accept_next() {
  auto socket = std::make_shared<tcp::socket>(io_);
  auto alive = alive_;
  acceptor_.async_accept(*socket, [this, alive, socket](const boost::system::error_code& ec) {
    if (!*alive || ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (client_) {
        refuse(socket);
      } else {
        boost::system::error_code ignored;
        socket->set_option(tcp::no_delay(true), ignored);  // a DS2 byte should not wait for company
        const auto peer = socket->remote_endpoint(ignored);
        client_ = std::make_shared<Client>(std::move(*socket), address_text(peer), options_.line);
        log("tester connected from " + client_->peer);
        to_client(client_->session.greeting());
        read_client();
      }
    }
    accept_next();
  });
}

// A second tester: told why in plain text (a telnet user reads it; a serial client fails to
// negotiate and reports so), then closed. The first keeps the line.
void Rfc2217Channel::refuse(std::shared_ptr<tcp::socket> socket) {
  boost::system::error_code ignored;
  const std::string who = address_text(socket->remote_endpoint(ignored));
  log("refused a second tester from " + who + ": the line is in use by " + client_->peer);
  auto text = std::make_shared<std::string>("bcmhil serve: this K-line is in use by another tester (" +
                                            client_->peer + "); one tester at a time\r\n");
  asio::async_write(*socket, asio::buffer(*text), [socket, text](const boost::system::error_code&, std::size_t) {
    boost::system::error_code ignored_too;
    socket->shutdown(tcp::socket::shutdown_both, ignored_too);
    socket->close(ignored_too);
  });
}

void Rfc2217Channel::read_client() {
  auto c = client_;
  auto alive = alive_;
  c->socket.async_read_some(asio::buffer(c->buffer), [this, alive, c](const boost::system::error_code& ec,
                                                                      std::size_t n) {
    if (!*alive || client_ != c) return;
    if (ec) {
      drop_client(ec == asio::error::eof ? "disconnected" : "lost (" + ec.message() + ")");
      return;
    }
    on_client_bytes(c->buffer.data(), n);
    if (client_ == c) read_client();
  });
}

void Rfc2217Channel::on_client_bytes(const uint8_t* bytes, std::size_t size) {
  auto& s = client_->session;
  auto ev = s.receive(bytes, size);
  if (!ev.reply.empty()) to_client(std::move(ev.reply));
  if (ev.purge_receive) client_->held.clear();
  if (ev.purge_transmit) inbox_.clear();
  if (ev.resumed && !client_->held.empty()) {
    to_client(std::move(client_->held));
    client_->held.clear();
  }
  if (ev.data.empty() || s.break_on()) return;  // a line held in BREAK carries no bytes
  const bool carries = !options_.line_carries || options_.line_carries();
  if (!carries) return;  // a wetted K-line: nothing reaches the module, nothing reflects
  if (options_.echo) to_client(s.encode_data(ev.data.data(), ev.data.size()));
  const WireResult heard = carry(ev.data, s.format(), options_.line);
  inbox_.insert(inbox_.end(), heard.bytes.begin(), heard.bytes.end());
  deliver();
}

void Rfc2217Channel::deliver() {
  if (!read_handler_ || inbox_.empty()) return;
  const std::size_t n = std::min(read_size_, inbox_.size());
  std::copy(inbox_.begin(), inbox_.begin() + static_cast<std::ptrdiff_t>(n), read_data_);
  inbox_.erase(inbox_.begin(), inbox_.begin() + static_cast<std::ptrdiff_t>(n));
  auto handler = std::move(read_handler_);
  read_handler_ = nullptr;
  asio::post(io_, [handler = std::move(handler), n] { handler({}, n); });
}

void Rfc2217Channel::async_read_some(uint8_t* data, std::size_t size, Handler handler) {
  read_data_ = data;
  read_size_ = size;
  read_handler_ = std::move(handler);
  deliver();
}

void Rfc2217Channel::async_write(const uint8_t* data, std::size_t size, Handler handler) {
  if (client_) {
    auto& s = client_->session;
    const WireResult heard = carry(std::vector<uint8_t>(data, data + size), options_.line, s.format());
    uint8_t state = 0;
    if (heard.framing_errors) state |= rfc2217::kLineFramingError;
    if (heard.parity_errors) state |= rfc2217::kLineParityError;
    if (heard.breaks) state |= rfc2217::kLineBreak;
    if (state) to_client(s.notify_linestate(state));
    auto encoded = s.encode_data(heard.bytes.data(), heard.bytes.size());
    if (s.output_suspended()) {
      auto& held = client_->held;
      held.insert(held.end(), encoded.begin(), encoded.end());
      if (held.size() > kMaxHeld) held.erase(held.begin(), held.end() - kMaxHeld);
    } else {
      to_client(std::move(encoded));
    }
  }
  // On the wire the bytes are gone once sent, heard or not.
  asio::post(io_, [handler = std::move(handler), size] { handler({}, size); });
}

void Rfc2217Channel::to_client(std::vector<uint8_t> bytes) {
  if (!client_ || bytes.empty()) return;
  client_->out.push_back(std::move(bytes));
  write_next();
}

void Rfc2217Channel::write_next() {
  auto c = client_;
  if (!c || c->writing || c->out.empty()) return;
  c->writing = true;
  auto alive = alive_;
  asio::async_write(c->socket, asio::buffer(c->out.front()),
                    [this, alive, c](const boost::system::error_code& ec, std::size_t) {
                      if (!*alive || client_ != c) return;
                      c->writing = false;
                      if (ec) {
                        drop_client("lost (" + ec.message() + ")");
                        return;
                      }
                      c->out.pop_front();
                      write_next();
                    });
}

void Rfc2217Channel::drop_client(const std::string& why) {
  if (!client_) return;
  log("tester " + client_->peer + " " + why + "; waiting for the next one");
  boost::system::error_code ignored;
  client_->socket.close(ignored);
  client_.reset();
  inbox_.clear();  // what the tester who left sent and the module has not read yet
}

void Rfc2217Channel::cancel() {
  if (!read_handler_) return;
  auto handler = std::move(read_handler_);
  read_handler_ = nullptr;
  asio::post(io_, [handler = std::move(handler)] { handler(asio::error::operation_aborted, 0); });
}

void Rfc2217Channel::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  if (client_) client_->socket.close(ignored);
  client_.reset();
}

}  // namespace bcmhil::transport
