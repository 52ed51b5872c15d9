// The session child's loop: JSON lines in on a file descriptor, answers and state events out.
#include "session.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

namespace bcmhil::training {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;  // the server refuses bigger requests (413) anyway
constexpr int kTickMs = 10;                  // the car is brought up to the wall clock this often

// Writes the whole line; false when the reader has gone (the parent died).
bool write_line(int fd, const std::string& text) {
  std::string line = text + "\n";
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

nlohmann::json refusal(const std::string& why) { return {{"id", nullptr}, {"ok", false}, {"error", why}}; }

}  // namespace

int run_session(const SessionOptions& options, int in_fd, int out_fd) {
  Session session(options);
  std::string pending;
  bool discarding = false;  // inside a line that was too long: drop it up to its newline
  for (;;) {
    session.keep_time();
    if (auto event = session.state_event())
      if (!write_line(out_fd, event->dump())) return 3;
    pollfd p{in_fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, kTickMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(in_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;  // end of input: the server closed the session
    pending.append(buffer, static_cast<std::size_t>(n));
    for (auto newline = pending.find('\n'); newline != std::string::npos; newline = pending.find('\n')) {
      const std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      if (std::exchange(discarding, false)) continue;
      if (line.empty()) continue;
      nlohmann::json answer;
      try {
        answer = session.handle(nlohmann::json::parse(line));
      } catch (const nlohmann::json::parse_error& e) {
        answer = refusal(std::string("not a JSON line: ") + e.what());
      }
      if (!write_line(out_fd, answer.dump())) return 3;
    }
    if (pending.size() > kMaxLine) {
      pending.clear();
      discarding = true;
      if (!write_line(out_fd, refusal("a request longer than 64 KiB; it is skipped").dump())) return 3;
    }
  }
}

}  // namespace bcmhil::training
