#include "websocket_connection.h"

#include "student_session.h"
#include "train_server.h"

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>

namespace bcmhil::training::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {

class WebSocketConnection : public SessionSink, public std::enable_shared_from_this<WebSocketConnection> {
 public:
  WebSocketConnection(TrainServer& server, boost::asio::ip::tcp::socket socket, std::shared_ptr<StudentSession> session)
      : server_(server), ws_(std::move(socket)), session_(std::move(session)) {
    server_.connection_adopted();
  }
  ~WebSocketConnection() override { server_.connection_closed(); }

  void accept(Request upgrade) {
    ws_.read_message_max(kMaxOpBytes);
    // Pings when idle, a closed peer noticed; no limit on a quiet but live student.
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "bcmhil"); }));
    auto shared = std::make_shared<Request>(std::move(upgrade));
    ws_.async_accept(*shared, [self = shared_from_this(), shared](const error_code& ec) {
      if (ec) return;
      self->ws_.text(true);
      self->session_->attach(self);
      self->read();
    });
  }

  void deliver(std::shared_ptr<const std::string> message, bool droppable) override {
    if (closed_ || closing_) return;
    if (droppable && queued_events_ >= kMaxQueuedEvents) return;  // the next state event supersedes it
    queue_.push_back({std::move(message), droppable});
    if (droppable) ++queued_events_;
    if (!writing_) write_next();
  }

 private:
  struct Outgoing {
    std::shared_ptr<const std::string> text;
    bool droppable;
  };

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(const error_code& ec) {
    if (ec) {  // closed, broken, or a message over the limit (Beast closes with 1009)
      finish();
      return;
    }
    if (!ws_.got_text()) {
      buffer_.consume(buffer_.size());
      answer_refusal(std::nullopt, "ops are text messages (JSON)");
      read();
      return;
    }
    const std::string message = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    CheckedOp checked = check_op(message);
    if (checked.op)
      session_->forward(shared_from_this(), std::move(*checked.op));
    else
      answer_refusal(checked.id, checked.error);
    read();
  }

  void answer_refusal(std::optional<std::uint64_t> id, const std::string& why) {
    nlohmann::json answer = {{"id", id ? nlohmann::json(*id) : nlohmann::json(nullptr)}, {"ok", false}, {"error", why}};
    deliver(std::make_shared<const std::string>(answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)),
            false);
  }

  void write_next() {
    writing_ = true;
    ws_.async_write(boost::asio::buffer(*queue_.front().text),
                    [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_written(ec); });
  }

  void on_written(const error_code& ec) {
    writing_ = false;
    if (queue_.front().droppable) --queued_events_;
    queue_.pop_front();
    if (ec) finish();
    if (closed_) {
      queue_.clear();
      queued_events_ = 0;
      return;
    }
    if (!queue_.empty()) {
      write_next();
    } else if (closing_) {
      ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](const error_code&) { self->finish(); });
    }
  }

  // The session ended: what is queued goes out (the "ended" event), then the socket closes.
  void end_of_session() override {
    closing_ = true;
    if (!writing_ && !closed_)
      ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](const error_code&) { self->finish(); });
  }

  // No more reads or writes are started; an unfinished write completes into on_written.
  void finish() {
    if (closed_) return;
    closed_ = true;
    session_->detach(this);
    if (!writing_) {
      queue_.clear();
      queued_events_ = 0;
    }
  }

  TrainServer& server_;
  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<StudentSession> session_;
  beast::flat_buffer buffer_;
  std::deque<Outgoing> queue_;
  std::size_t queued_events_ = 0;
  bool writing_ = false;
  bool closed_ = false;
  bool closing_ = false;
};

}  // namespace

void start_websocket(TrainServer& server, boost::asio::ip::tcp::socket socket, Request upgrade,
                     std::shared_ptr<StudentSession> session) {
  std::make_shared<WebSocketConnection>(server, std::move(socket), std::move(session))->accept(std::move(upgrade));
}

}  // namespace bcmhil::training::server
