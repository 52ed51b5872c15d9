#include "student_session.h"

#include <algorithm>
#include <iostream>

namespace bcmhil::training::server {

using nlohmann::json;

StudentSession::StudentSession(boost::asio::io_context& io, SessionInfo info, ChildCommand command,
                               RestartPolicy policy)
    : info_(std::move(info)) {
  // The child's callbacks hold the session weakly: the session owns the child, not the reverse.
  ChildEvents events;
  auto weak = [this] { return weak_from_this(); };
  events.on_line = [this, weak](std::string line) {
    if (auto self = weak().lock()) on_child_line(std::move(line));
  };
  events.on_died = [this, weak](const std::string& why) {
    auto self = weak().lock();
    if (!self) return;
    std::cerr << "bcmhil train: session " << info_.id.substr(0, 8) << " (" << info_.student << "): the car's process "
              << why << "\n";
    fail_pending("the car's process stopped (" + why + "); it is being restarted: send the op again");
    set_state("restarting");
  };
  events.on_restarted = [this, weak](int restarts) {
    if (auto self = weak().lock()) set_state("running", {{"restarts", restarts}});
  };
  events.on_gave_up = [this, weak](const std::string& why) {
    auto self = weak().lock();
    if (!self) return;
    std::cerr << "bcmhil train: session " << info_.id.substr(0, 8) << ": " << why << "\n";
    fail_pending("the car's process cannot be restarted");
    set_state("failed", {{"error", "the car's process keeps stopping; ask the instructor"}});
  };
  child_ = std::make_shared<SupervisedChild>(io, std::move(command), std::move(events), policy);
}

void StudentSession::start() {
  child_->start();
  state_ = "running";
}

void StudentSession::attach(const std::shared_ptr<SessionSink>& sink) {
  sinks_.push_back(sink);
  last_seen_ = std::chrono::steady_clock::now();
}

void StudentSession::detach(const SessionSink* sink) {
  sinks_.erase(std::remove_if(sinks_.begin(), sinks_.end(),
                              [sink](const std::weak_ptr<SessionSink>& w) {
                                auto s = w.lock();
                                return !s || s.get() == sink;
                              }),
               sinks_.end());
  last_seen_ = std::chrono::steady_clock::now();
}

void StudentSession::forward(const std::shared_ptr<SessionSink>& sink, json op) {
  last_seen_ = std::chrono::steady_clock::now();
  if (state_ != "running") {
    json answer = {{"id", op["id"]}, {"ok", false}, {"error", "the car is " + state_ + "; try again in a moment"}};
    sink->deliver(std::make_shared<const std::string>(answer.dump()), false);
    return;
  }
  const std::uint64_t child_id = next_child_id_++;
  pending_[child_id] = Pending{sink, op["id"], op["op"] == "submit"};
  op["id"] = child_id;
  child_->send(op.dump());
}

void StudentSession::on_child_line(std::string line) {
  json message = json::parse(line, nullptr, false);
  if (message.is_discarded() || !message.is_object()) {
    std::cerr << "bcmhil train: session " << info_.id.substr(0, 8) << ": the car wrote a line that is not a JSON object\n";
    return;
  }
  auto id = message.find("id");
  if (id == message.end()) {  // an event: to every socket, as the child wrote it
    broadcast(line, true);
    return;
  }
  auto pending = id->is_number_unsigned() ? pending_.find(id->get<std::uint64_t>()) : pending_.end();
  if (pending == pending_.end()) return;  // answer to an op failed at a restart
  Pending p = std::move(pending->second);
  pending_.erase(pending);
  message["id"] = p.client_id;
  if (p.submit && message.value("ok", false)) {
    submitted_ = true;
    if (on_submitted) on_submitted(info_, message);
  }
  if (auto sink = p.sink.lock()) sink->deliver(std::make_shared<const std::string>(message.dump()), false);
}

void StudentSession::broadcast(const std::string& message, bool droppable) {
  auto shared = std::make_shared<const std::string>(message);
  for (auto& weak : sinks_)
    if (auto sink = weak.lock()) sink->deliver(shared, droppable);
}

void StudentSession::fail_pending(const std::string& why) {
  for (auto& [child_id, p] : pending_) {
    json answer = {{"id", p.client_id}, {"ok", false}, {"error", why}};
    if (auto sink = p.sink.lock()) sink->deliver(std::make_shared<const std::string>(answer.dump()), false);
  }
  pending_.clear();
}

void StudentSession::set_state(const std::string& state, const json& extra) {
  state_ = state;
  json event = {{"event", "session"}, {"state", state}};
  event.update(extra);
  broadcast(event.dump(), false);
}

void StudentSession::end(std::function<void()> done) {
  fail_pending("the session has ended");
  set_state("ended");
  for (auto& weak : sinks_)
    if (auto sink = weak.lock()) sink->end_of_session();
  child_->stop(std::move(done));
}

}  // namespace bcmhil::training::server
