#include "train_server.h"

#include "http_connection.h"
#include "secrets.h"

#include <boost/asio/post.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace bcmhil::training::server {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using boost::system::error_code;
using nlohmann::json;

namespace {

constexpr std::chrono::seconds kSweepEvery{15};

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

}  // namespace

ChildCommand session_child_command(const ServerConfig& config, const SessionInfo& info) {
  ChildCommand c;
  c.program = config.child_program;
  c.argv = {"bcmhil",     "train-session",         "--exercise", info.exercise_file, "--seed",
            std::to_string(info.seed), "--dictionary", config.dictionary_path, "--log", info.log_path,
            // The child writes the attempt on an ok submit (training/records), into the class directory.
            "--student", info.student, "--class-dir", config.class_dir};
  c.resume_extra = {"--resume"};
  c.stderr_path = (fs::path(config.class_dir) / "sessions" / (info.id + ".stderr")).string();
  return c;
}

TrainServer::TrainServer(asio::io_context& io, ServerConfig config)
    : io_(io), config_(std::move(config)), acceptor_(io), sweep_timer_(io) {}

TrainServer::~TrainServer() = default;

void TrainServer::start() {
  fs::create_directories(fs::path(config_.class_dir) / "sessions");
  const asio::ip::tcp::endpoint where(asio::ip::make_address(config_.address), config_.port);
  acceptor_.open(where.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(where);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  accept();
  sweep_idle();
}

asio::ip::tcp::endpoint TrainServer::endpoint() const { return acceptor_.local_endpoint(); }

void TrainServer::accept() {
  acceptor_.async_accept([this](const error_code& ec, asio::ip::tcp::socket socket) {
    if (stopping_) return;
    if (!ec) serve_http(*this, std::move(socket));
    accept();  // an accept error (out of descriptors) is not the end of the server
  });
}

bool TrainServer::connection_opened() {
  if (connections_ >= config_.max_connections) return false;
  ++connections_;
  return true;
}

void TrainServer::sweep_idle() {
  sweep_timer_.expires_after(kSweepEvery);
  sweep_timer_.async_wait([this](const error_code& ec) {
    if (ec || stopping_) return;
    const auto now = std::chrono::steady_clock::now();
    std::vector<std::string> idle;
    for (const auto& [id, session] : sessions_)
      if (session->sockets() == 0 && now - session->last_seen() > config_.idle_timeout) idle.push_back(id);
    for (const auto& id : idle) {
      std::cerr << "bcmhil train: session " << id.substr(0, 8) << " ended: no window open on it for "
                << config_.idle_timeout.count() << " s\n";
      end_and_forget(id);
    }
    sweep_idle();
  });
}

void TrainServer::end_and_forget(const std::string& id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  auto session = it->second;
  sessions_.erase(it);
  ++ending_;
  session->end([this, session] { --ending_; });
}

void TrainServer::stop(std::function<void()> done) {
  stopping_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  sweep_timer_.cancel();
  std::vector<std::string> ids;
  for (const auto& entry : sessions_) ids.push_back(entry.first);
  for (const auto& id : ids) end_and_forget(id);
  // Poll until every child is reaped (each takes at most the grace period).
  auto wait = std::make_shared<std::function<void()>>();
  *wait = [this, wait, done = std::move(done)] {
    if (ending_ == 0) {
      asio::post(io_, done);
      *wait = nullptr;  // break the self-reference
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(20));
    timer->async_wait([wait, timer](const error_code&) {
      if (*wait) (*wait)();
    });
  };
  (*wait)();
}

std::vector<std::shared_ptr<StudentSession>> TrainServer::sessions() const {
  std::vector<std::shared_ptr<StudentSession>> out;
  for (const auto& entry : sessions_) out.push_back(entry.second);
  return out;
}

std::shared_ptr<StudentSession> TrainServer::find_session(const std::string& id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
}

std::optional<RouteBackend::File> TrainServer::static_file(const std::string& name) {
  // The name has passed static_name_ok (no "..", no hidden parts): it stays under web_dir.
  const fs::path path = fs::path(config_.web_dir) / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  return File{body.str(), content_type_for(name)};
}

std::string TrainServer::exercises_json() {
  json list = json::array();
  for (const auto& e : config_.exercises)
    list.push_back({{"id", e.id}, {"title", e.title}, {"work_order", e.work_order}});
  return list.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool TrainServer::instructor_key_ok(const std::string& key) {
  return !config_.instructor_key.empty() && same_secret(key, config_.instructor_key);
}

RouteBackend::Access TrainServer::session_access(const std::string& session, const std::string& token) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return Access::unknown;
  return same_secret(token, it->second->info().token) ? Access::ok : Access::forbidden;
}

RouteBackend::Created TrainServer::create_session(const SessionRequest& request) {
  const ExerciseEntry* exercise = nullptr;
  for (const auto& e : config_.exercises)
    if (e.id == request.exercise) exercise = &e;
  if (!exercise) return {{}, {}, 404, "no exercise \"" + request.exercise + "\" (GET /api/exercises lists them)"};
  if (sessions_.size() >= config_.max_sessions)
    return {{}, {}, 503, "the class is full (" + std::to_string(config_.max_sessions) + " sessions); ask the instructor"};
  SessionInfo info;
  info.id = random_hex128();
  info.token = random_hex128();
  info.student = request.student;
  info.exercise = exercise->id;
  info.exercise_file = exercise->file;
  info.seed = request.seed.value_or(seed_for(request.student, exercise->id));
  const fs::path dir = fs::path(config_.class_dir) / "sessions";
  info.log_path = (dir / (info.id + ".log")).string();
  // Who sat at which session: for the instructor, in the class directory (never sent to a browser).
  std::ofstream(dir / (info.id + ".json"))
      << json{{"session", info.id}, {"student", info.student}, {"exercise", info.exercise},
              {"exercise_file", info.exercise_file}, {"seed", info.seed}, {"started", utc_now()}}
             .dump(-1, ' ', false, json::error_handler_t::replace)
      << "\n";
  auto session = std::make_shared<StudentSession>(io_, info, session_child_command(config_, info), config_.restart);
  session->on_submitted = config_.on_submitted;
  try {
    session->start();
  } catch (const std::exception& e) {
    std::cerr << "bcmhil train: cannot start a car for " << info.student << ": " << e.what() << "\n";
    return {{}, {}, 503, "the server cannot start a car now"};
  }
  sessions_[info.id] = session;
  std::cerr << "bcmhil train: session " << info.id.substr(0, 8) << " for " << info.student << " on " << info.exercise
            << " (pid " << session->child().pid() << ")\n";
  return {info.id, info.token, 201, {}};
}

std::string TrainServer::session_json(const std::string& id) {
  auto session = find_session(id);
  const auto& info = session->info();
  return json{{"session", info.id},
              {"student", info.student},
              {"exercise", info.exercise},
              {"state", session->state()},
              {"submitted", session->submitted()},
              {"restarts", session->child().restarts()}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

void TrainServer::end_session(const std::string& id) { end_and_forget(id); }

std::string TrainServer::class_export(const std::string& format) {
  if (config_.class_export) return config_.class_export(format);
  return format == "csv" ? std::string("student,exercise,seed\n") : std::string("[]");
}

}  // namespace bcmhil::training::server
