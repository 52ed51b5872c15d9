#include "http_connection.h"

#include "train_server.h"
#include "websocket_connection.h"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

namespace bcmhil::training::server {

namespace beast = boost::beast;
using boost::system::error_code;

namespace {

constexpr std::chrono::seconds kRequestTimeout{30};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(TrainServer& server, boost::asio::ip::tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {}
  ~HttpConnection() { server_.connection_closed(); }

  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(kMaxRequestBytes));
    parser_->body_limit(kMaxRequestBytes);
    stream_.expires_after(kRequestTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_read(ec); });
  }

 private:
  void on_read(const error_code& ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == boost::asio::error::operation_aborted ||
        ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof) {
      close();
      return;
    }
    if (ec) {  // the request broke a rule: say which, then hang up (the stream is out of step)
      const unsigned version = parser_->is_header_done() ? parser_->get().version() : 11;
      write(parse_error_response(ec, version));
      return;
    }
    Request request = parser_->release();
    Routed routed = server_.handle(request);
    if (routed.websocket_session) {
      upgrade(std::move(request), *routed.websocket_session);
      return;
    }
    write(std::move(routed.response));
  }

  void upgrade(Request request, const std::string& session_id) {
    auto session = server_.find_session(session_id);
    if (!session) {
      write(error_response(http::status::not_found, "no such session", request.version(), false));
      return;
    }
    if (session->sockets() >= server_.max_sockets_per_session()) {
      write(error_response(http::status::too_many_requests, "too many windows open on this session",
                           request.version(), false));
      return;
    }
    stream_.expires_never();
    start_websocket(server_, stream_.release_socket(), std::move(request), std::move(session));
  }

  void write(Response response) {
    auto shared = std::make_shared<Response>(std::move(response));
    stream_.expires_after(kRequestTimeout);
    http::async_write(stream_, *shared, [self = shared_from_this(), shared](const error_code& ec, std::size_t) {
      if (ec || !shared->keep_alive()) {
        self->close();
        return;
      }
      self->read();
    });
  }

  void close() {
    error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  TrainServer& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void serve_http(TrainServer& server, boost::asio::ip::tcp::socket socket) {
  if (!server.connection_opened()) {
    error_code ignored;
    socket.close(ignored);  // over the connection limit (chosen): refused at once
    return;
  }
  std::make_shared<HttpConnection>(server, std::move(socket))->read();
}

}  // namespace bcmhil::training::server
