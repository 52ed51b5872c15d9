#include "load_generator.h"

#include "process_table.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cmath>
#include <deque>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace bcmhil::training::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using boost::system::error_code;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kLowVolts = 11.8;
constexpr double kHighVolts = 12.6;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  p.n = v.size();
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&v](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(q * v.size())) - 1)]; };
  p.p50_ms = at(0.50);
  p.p99_ms = at(0.99);
  p.max_ms = v.back();
  return p;
}

// The machine's busy and total jiffies (/proc/stat, first line).
std::pair<double, double> machine_jiffies() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  stat >> cpu;
  double v, busy = 0, total = 0;
  for (int i = 0; i < 8 && stat >> v; ++i) {
    total += v;
    if (i != 3 && i != 4) busy += v;  // idle, iowait
  }
  return {busy, total};
}

double load_average() {
  double one = 0;
  std::ifstream("/proc/loadavg") >> one;
  return one;
}

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// POST /api/sessions, synchronously: {session, token}.
std::pair<std::string, std::string> create_session(asio::io_context& io, const LoadOptions& o, int index) {
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address(o.host), o.port));
  http::request<http::string_body> req{http::verb::post, "/api/sessions", 11};
  req.set(http::field::host, o.host);
  req.set(http::field::content_type, "application/json");
  req.body() = json{{"student", "load-" + std::to_string(index)}, {"exercise", o.exercise}}.dump();
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  if (res.result() != http::status::created)
    throw std::runtime_error("POST /api/sessions: " + std::to_string(res.result_int()) + " " + res.body());
  const auto body = json::parse(res.body());
  return {body.at("session").get<std::string>(), body.at("token").get<std::string>()};
}

struct Shared {
  const LoadOptions& options;
  LoadReport& report;
  std::vector<double> readings, round_trips;
  bool measuring = false;
  Clock::time_point window_end;
  void problem(const std::string& what) {
    ++report.errors;
    if (report.problems.size() < 5) report.problems.push_back(what);
  }
};

class Student : public std::enable_shared_from_this<Student> {
 public:
  Student(asio::io_context& io, Shared& shared, std::string session, std::string token, double phase_s)
      : ws_(io), timer_(io), shared_(shared), session_(std::move(session)), token_(std::move(token)),
        phase_s_(phase_s) {}

  void start() {
    const auto& o = shared_.options;
    beast::get_lowest_layer(ws_).async_connect(
        tcp::endpoint(asio::ip::make_address(o.host), o.port), [self = shared_from_this()](const error_code& ec) {
          if (ec) return self->lost("connect: " + ec.message());
          self->ws_.set_option(websocket::stream_base::decorator([token = self->token_](websocket::request_type& r) {
            r.set(http::field::authorization, "Bearer " + token);
          }));
          const auto& opt = self->shared_.options;
          self->ws_.async_handshake(opt.host + ":" + std::to_string(opt.port),
                                    "/api/sessions/" + self->session_ + "/ws", [self](const error_code& e) {
                                      if (e) return self->lost("handshake: " + e.message());
                                      self->ws_.text(true);
                                      self->read();
                                      self->send({{"op", "hello"}});
                                    });
        });
  }
  bool ready() const { return slot_ >= 0; }
  void begin_measuring() {
    timer_.expires_after(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(phase_s_)));
    timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->act();
    });
  }
  void close() {
    closing_ = true;
    timer_.cancel();
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](const error_code&) {});
  }

 private:
  void send(json op) {
    op["id"] = next_id_++;
    out_.push_back(op.dump());
    if (out_.size() == 1) write_next();
  }
  void write_next() {
    ws_.async_write(asio::buffer(out_.front()), [self = shared_from_this()](const error_code& ec, std::size_t) {
      if (ec) return self->lost("write: " + ec.message());
      self->out_.pop_front();
      if (!self->out_.empty()) self->write_next();
    });
  }
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](const error_code& ec, std::size_t) {
      if (ec) return self->lost("read: " + ec.message());
      const auto message = json::parse(beast::buffers_to_string(self->buffer_.data()), nullptr, false);
      self->buffer_.consume(self->buffer_.size());
      self->on_message(message);
      self->read();
    });
  }
  void on_message(const json& m) {
    if (m.contains("event")) return on_event(m);
    if (!m.value("ok", false)) {
      shared_.problem("op " + m.value("id", json()).dump() + ": " + m.value("error", std::string("?")));
      return;
    }
    if (m.contains("exercise") && slot_ < 0 && !placing_) {  // hello answered: place the meter
      placing_ = true;
      send({{"op", "place"}, {"instrument", "dvm"}, {"first", "battery+"}, {"second", "ground"}});
    } else if (placing_ && m.contains("slot")) {
      slot_ = m["slot"].get<int>();
      placing_ = false;
    } else if (m.value("id", -1) == act_id_ && shared_.measuring) {
      shared_.round_trips.push_back(ms_since(act_sent_));
    }
  }
  void on_event(const json& m) {
    if (m["event"] != "state") {
      if (m["event"] == "session" && m.value("state", "") != "running") shared_.problem("session " + m.dump());
      return;
    }
    if (shared_.measuring) ++shared_.report.events;
    if (slot_ < 0 || !m.contains("instruments")) return;
    for (const auto& i : m["instruments"]) {
      if (i.value("slot", -1) != slot_ || !i["now"]["value"].is_number()) continue;
      const double volts = i["now"]["value"].get<double>();
      if (waiting_ && std::abs(volts - before_) > 0.3 && (volts - before_) * (target_ - before_) > 0) {
        if (shared_.measuring) shared_.readings.push_back(ms_since(act_sent_));
        waiting_ = false;
      }
      if (!waiting_) before_ = volts;
    }
  }
  void act() {
    if (closing_ || Clock::now() >= shared_.window_end) return;
    if (waiting_) ++shared_.report.missed;
    high_ = !high_;
    target_ = high_ ? kHighVolts : kLowVolts;
    char volts[16];
    std::snprintf(volts, sizeof volts, "%.1f V", target_);
    act_id_ = next_id_;
    act_sent_ = Clock::now();
    waiting_ = true;
    send({{"op", "act"}, {"action", "set_battery"}, {"volts", volts}});
    timer_.expires_after(std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(shared_.options.period_s)));
    timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->act();
    });
  }
  void lost(const std::string& why) {
    if (closing_) return;
    closing_ = true;
    timer_.cancel();
    shared_.problem(why);
  }

  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer timer_;
  Shared& shared_;
  std::string session_, token_;
  double phase_s_;
  beast::flat_buffer buffer_;
  std::deque<std::string> out_;
  std::int64_t next_id_ = 1;
  int slot_ = -1;
  bool placing_ = false;
  bool closing_ = false;
  bool high_ = true;
  bool waiting_ = false;
  double before_ = 0, target_ = 0;
  std::int64_t act_id_ = -1;
  Clock::time_point act_sent_;
};

}  // namespace

LoadReport run_load(const LoadOptions& o) {
  LoadReport report;
  report.students = o.students;
  report.cores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  asio::io_context io;
  Shared shared{o, report, {}, {}, false, {}};
  std::vector<std::shared_ptr<Student>> students;
  for (int i = 0; i < o.students; ++i) {
    auto [session, token] = create_session(io, o, i);
    students.push_back(std::make_shared<Student>(io, shared, session, token, o.period_s * i / o.students));
    students.back()->start();
  }
  // Until every student has its meter on (each child loads its car first), at most 120 s.
  const auto setup_deadline = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < setup_deadline) {
    io.run_for(std::chrono::milliseconds(100));
    if (std::all_of(students.begin(), students.end(), [](const auto& s) { return s->ready(); })) break;
  }
  for (const auto& s : students) report.connected += s->ready() ? 1 : 0;

  report.load_before = load_average();
  const auto kids = o.server_pid > 0 ? children_of(o.server_pid) : std::vector<pid_t>{};
  report.children = static_cast<int>(kids.size());
  auto children_cpu = [&kids] {
    double s = 0;
    for (pid_t k : kids) s += process_cpu_s(k);
    return s;
  };
  const double server0 = o.server_pid > 0 ? process_cpu_s(o.server_pid) : 0;
  const double kids0 = children_cpu();
  const double me0 = thread_cpu_s();
  const auto machine0 = machine_jiffies();
  const auto t0 = Clock::now();
  shared.measuring = true;
  shared.window_end = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  for (auto& s : students)
    if (s->ready()) s->begin_measuring();
  io.run_until(shared.window_end);
  shared.measuring = false;
  report.window_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double me = thread_cpu_s() - me0;
  double server = o.server_pid > 0 ? process_cpu_s(o.server_pid) - server0 : 0;
  if (o.server_pid == getpid()) server -= me;  // in-process: the generator's thread is not the server
  const double children = children_cpu() - kids0;
  const auto machine1 = machine_jiffies();
  report.load_after = load_average();
  report.server_cpu_pct = 100 * server / report.window_s;
  report.children_cpu_pct = 100 * children / report.window_s;
  report.generator_cpu_pct = 100 * me / report.window_s;
  const double total = machine1.second - machine0.second;
  report.machine_busy_pct = total > 0 ? 100 * (machine1.first - machine0.first) / total : 0;
  report.reading = percentiles(shared.readings);
  report.round_trip = percentiles(shared.round_trips);

  for (auto& s : students) s->close();
  io.run_for(std::chrono::seconds(2));
  return report;
}

std::string format_report(const LoadOptions& o, const LoadReport& r) {
  char buf[2048];
  std::snprintf(buf, sizeof buf,
                "load test: %d students (%d with a meter on) on %s, %.1f s measured, one battery change per student "
                "every %.1f s\n"
                "  reading latency (act -> the DVM's display moves): n=%zu  p50 %.1f ms  p99 %.1f ms  max %.1f ms"
                "  (%zu changes not seen within a period)\n"
                "  op round trip (act -> its answer):                 n=%zu  p50 %.1f ms  p99 %.1f ms  max %.1f ms\n"
                "  state events received: %zu (%.1f per student per second); errors: %zu\n"
                "  CPU (100 %% = one core; %d cores): server %.1f %%, %d session children %.1f %% (%.1f %% each), "
                "load generator %.1f %%; machine busy %.1f %% of all cores\n"
                "  load average (1 min): %.2f before, %.2f after\n",
                r.students, r.connected, o.exercise.c_str(), r.window_s, o.period_s, r.reading.n, r.reading.p50_ms,
                r.reading.p99_ms, r.reading.max_ms, r.missed, r.round_trip.n, r.round_trip.p50_ms,
                r.round_trip.p99_ms, r.round_trip.max_ms, r.events,
                r.connected > 0 ? r.events / r.window_s / r.connected : 0.0, r.errors, r.cores, r.server_cpu_pct,
                r.children, r.children_cpu_pct, r.children > 0 ? r.children_cpu_pct / r.children : 0.0,
                r.generator_cpu_pct, r.machine_busy_pct, r.load_before, r.load_after);
  std::string out = buf;
  for (const auto& p : r.problems) out += "  problem: " + p + "\n";
  return out;
}

}  // namespace bcmhil::training::server
