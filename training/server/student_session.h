#pragma once
// One student's session: their car (a supervised `bcmhil train-session` child, contract 1 of
// /work/wt/ISSUE13.md) and the WebSockets their browser has open on it. Ops from a socket are
// forwarded with an id of the session's own (so two tabs of the same student never mix their
// answers) and each answer goes back, with the socket's own id restored, to the socket that
// asked; state events go to every socket. When the child dies, the ops it had not answered are
// answered {"ok": false} and the sockets get {"event": "session", "state": "restarting"}, then
// "running" once the resumed child is up (or "failed" when the supervisor gives up).
#include "supervised_child.h"

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bcmhil::training::server {

// A WebSocket, as a session sees it.
class SessionSink {
 public:
  virtual ~SessionSink() = default;
  // `droppable`: a state event, which a slow client may miss (the next one supersedes it).
  virtual void deliver(std::shared_ptr<const std::string> message, bool droppable) = 0;
  // The session has ended: close once what is queued has gone.
  virtual void end_of_session() = 0;
};

struct SessionInfo {
  std::string id;        // 128 random bits, hex: in the URL
  std::string token;     // 128 random bits, hex: the student's proof
  std::string student;
  std::string exercise;  // exercise id
  std::string exercise_file;
  std::uint64_t seed = 0;
  std::string log_path;  // the child's log (kept across restarts)
};

class StudentSession : public std::enable_shared_from_this<StudentSession> {
 public:
  StudentSession(boost::asio::io_context& io, SessionInfo info, ChildCommand command, RestartPolicy policy = {});
  void start();  // throws std::system_error when the child cannot be started

  void attach(const std::shared_ptr<SessionSink>& sink);
  void detach(const SessionSink* sink);
  std::size_t sockets() const { return sinks_.size(); }
  // A checked op (request_checks.h: check_op) from `sink`.
  void forward(const std::shared_ptr<SessionSink>& sink, nlohmann::json op);
  // Ends the child; `done` once it is reaped.
  void end(std::function<void()> done);

  // Called with the child's submit answer (ok true): the attempt is over and may be recorded.
  std::function<void(const SessionInfo&, const nlohmann::json& answer)> on_submitted;

  const SessionInfo& info() const { return info_; }
  const SupervisedChild& child() const { return *child_; }
  std::string state() const { return state_; }  // "running", "restarting", "failed", "ended"
  bool submitted() const { return submitted_; }
  std::chrono::steady_clock::time_point last_seen() const { return last_seen_; }

 private:
  struct Pending {
    std::weak_ptr<SessionSink> sink;
    nlohmann::json client_id;
    bool submit = false;
  };
  void on_child_line(std::string line);
  void broadcast(const std::string& message, bool droppable);
  void fail_pending(const std::string& why);
  void set_state(const std::string& state, const nlohmann::json& extra = nlohmann::json::object());

  SessionInfo info_;
  std::shared_ptr<SupervisedChild> child_;
  std::vector<std::weak_ptr<SessionSink>> sinks_;
  std::map<std::uint64_t, Pending> pending_;
  std::uint64_t next_child_id_ = 1;
  std::string state_ = "starting";
  bool submitted_ = false;
  std::chrono::steady_clock::time_point last_seen_ = std::chrono::steady_clock::now();
};

}  // namespace bcmhil::training::server
