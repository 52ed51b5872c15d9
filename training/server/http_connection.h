#pragma once
// One browser's TCP connection: HTTP/1.1 requests read with Beast's parser under the size limits
// (start line and headers, and body, each at most 64 KiB: beyond, 413 and the connection closes),
// a malformed request answered 400 with Beast's reason, each request routed (router.h), keep-alive
// honoured, a request that takes more than 30 s to arrive dropped (a slow client cannot hold the
// connection). An accepted WebSocket upgrade hands the socket to a WebSocketConnection.
#include <boost/asio/ip/tcp.hpp>
#include <memory>

namespace bcmhil::training::server {

class TrainServer;

void serve_http(TrainServer& server, boost::asio::ip::tcp::socket socket);

}  // namespace bcmhil::training::server
