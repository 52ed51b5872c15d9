#pragma once
// A student's WebSocket on their session (GET /api/sessions/<id>/ws, token checked by the
// router). Each text message is one op of contract 1, checked (request_checks.h: check_op: op
// name, id, sizes) before it is forwarded; a refused op is answered {"id", "ok": false, "error"}
// here and never reaches the car. A message over kMaxOpBytes closes the socket (1009). Answers
// and state events come back as the child wrote them (the id restored). A client that reads too
// slowly misses state events (at most kMaxQueuedEvents wait), never answers.
#include "router.h"

#include <boost/asio/ip/tcp.hpp>
#include <memory>

namespace bcmhil::training::server {

class TrainServer;
class StudentSession;

inline constexpr std::size_t kMaxQueuedEvents = 64;

void start_websocket(TrainServer& server, boost::asio::ip::tcp::socket socket, Request upgrade,
                     std::shared_ptr<StudentSession> session);

}  // namespace bcmhil::training::server
