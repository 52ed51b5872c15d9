#pragma once
// `bcmhil train`'s server: Boost.Beast HTTP and WebSocket on one Boost.Asio io_context (one
// thread: it only relays, the cars run in their children). It owns the student sessions (one
// supervised `bcmhil train-session` child each, contract 1), answers the routes of router.h,
// and ends sessions that nobody has looked at for idle_timeout.
#include "router.h"
#include "student_session.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::training::server {

struct ExerciseEntry {
  std::string id;
  std::string title;
  std::string work_order;
  std::string file;  // passed to the child; never sent to a browser
};

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (endpoint() says which)
  std::string web_dir;         // the page's files (training/web)
  std::string class_dir;       // sessions/<id>.log, .stderr, .json; the attempts (records)
  std::vector<ExerciseEntry> exercises;
  std::string dictionary_path;
  std::string child_program = "/proc/self/exe";
  std::string instructor_key;
  std::size_t max_sessions = 64;
  std::size_t max_connections = 512;
  std::size_t max_sockets_per_session = 4;
  std::chrono::seconds idle_timeout{1800};  // no socket open on a session for this long: it ends
  RestartPolicy restart;
  // The attempt is over (the child answered submit): write it down (training/records).
  std::function<void(const SessionInfo&, const nlohmann::json& answer)> on_submitted;
  // The class export, "json" or "csv" (training/records); empty list/header when unset.
  std::function<std::string(const std::string& format)> class_export;
};

// The child's command line of contract 1 for this session.
ChildCommand session_child_command(const ServerConfig& config, const SessionInfo& info);

class TrainServer : private RouteBackend {
 public:
  TrainServer(boost::asio::io_context& io, ServerConfig config);
  ~TrainServer() override;
  void start();  // binds and listens; throws boost::system::system_error
  boost::asio::ip::tcp::endpoint endpoint() const;
  // Stops accepting, closes connections, ends every session; `done` once every child is reaped.
  void stop(std::function<void()> done);

  std::size_t session_count() const { return sessions_.size(); }
  std::vector<std::shared_ptr<StudentSession>> sessions() const;
  std::shared_ptr<StudentSession> find_session(const std::string& id) const;

  // For the connections (http_connection.cpp, websocket_connection.cpp).
  Routed handle(const Request& request) { return route(request, *this); }
  std::size_t max_sockets_per_session() const { return config_.max_sockets_per_session; }
  bool connection_opened();  // false: over max_connections, refuse it
  void connection_closed() { --connections_; }
  void connection_adopted() { ++connections_; }  // a socket upgraded to a WebSocket

 private:
  void accept();
  void sweep_idle();
  void end_and_forget(const std::string& id);
  // RouteBackend
  std::optional<File> static_file(const std::string& name) override;
  std::string exercises_json() override;
  bool instructor_key_ok(const std::string& key) override;
  Access session_access(const std::string& session, const std::string& token) override;
  Created create_session(const SessionRequest& request) override;
  std::string session_json(const std::string& session) override;
  void end_session(const std::string& session) override;
  std::string class_export(const std::string& format) override;

  boost::asio::io_context& io_;
  ServerConfig config_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer sweep_timer_;
  std::map<std::string, std::shared_ptr<StudentSession>> sessions_;
  std::size_t ending_ = 0;  // sessions whose child is still being reaped
  std::size_t connections_ = 0;
  bool stopping_ = false;
};

}  // namespace bcmhil::training::server
