#include "watchdog.h"

#include "relay_board.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

namespace bcmhil::rig {

namespace {

enum : std::uint8_t { kArm = 'A', kDisarm = 'D', kDisarmAll = 'Z', kStop = 'S' };

struct Message {
  std::uint8_t type;
  std::uint8_t board;
  std::uint8_t channel;
  std::uint8_t reserved;
  std::uint32_t max_on_ms;
};

using Clock = std::chrono::steady_clock;

void log(const std::string& line) {
  const std::string text = "bcmhil relay guard [" + std::to_string(::getpid()) + "]: " + line + "\n";
  (void)!::write(STDERR_FILENO, text.data(), text.size());
}

// Everything the controller had open (its own board connections, emulator ptys in tests,
// sockets) must not be held by the guard, or a "vanished" device would stay open. Moves `keep` to
// fd 3, closes everything above it, and returns 3.
int close_inherited_fds(int keep) {
  if (keep != 3) {
    ::dup2(keep, 3);
    ::close(keep);
  }
  if (::close_range(4, ~0U, 0) != 0) {
    for (int fd = 4; fd < 65536; ++fd) ::close(fd);
  }
  return 3;
}

void all_off(std::vector<std::unique_ptr<relay::RelayBoard>>& boards, const char* why) {
  for (auto& b : boards) {
    try {
      b->all_off();
      std::string readback = b->has_readback() ? "read back off" : "no read-back on this board";
      if (b->has_readback()) {
        for (int ch = 1; ch <= b->channel_count(); ++ch)
          if (b->get(ch).on) readback = "channel " + std::to_string(ch) + " STILL READS ON";
      }
      log(std::string(why) + ": " + b->family() + " " + b->identity() + " all off (" + readback + ")");
    } catch (const std::exception& e) {
      log(std::string(why) + ": could not switch " + b->identity() + " off: " + e.what());
    }
  }
}

[[noreturn]] void guard_main(int sock, const std::vector<relay::BoardSpec>& specs, std::chrono::milliseconds grace) {
  sock = close_inherited_fds(sock);
  // Ctrl-C reaches the whole process group: the guard must not die with the controller; it ends
  // on its own once the controller's socket closes.
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP}) ::signal(s, SIG_IGN);
  std::vector<std::unique_ptr<relay::RelayBoard>> boards;
  try {
    for (const auto& s : specs) boards.push_back(relay::open_board(s));
  } catch (const std::exception& e) {
    const std::string msg = std::string("E") + e.what();
    (void)!::send(sock, msg.data(), msg.size(), MSG_NOSIGNAL);
    ::_exit(3);
  }
  (void)!::send(sock, "R", 1, MSG_NOSIGNAL);

  std::map<std::pair<int, int>, std::pair<Clock::time_point, std::chrono::milliseconds>> armed;
  for (;;) {
    int timeout_ms = -1;
    if (!armed.empty()) {
      auto next = Clock::time_point::max();
      for (const auto& [key, v] : armed) next = std::min(next, v.first);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
      timeout_ms = static_cast<int>(std::max<long long>(0, left + 1));
    }
    pollfd p{sock, POLLIN, 0};
    const int rc = ::poll(&p, 1, timeout_ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc > 0) {
      Message m{};
      const ssize_t n = ::recv(sock, &m, sizeof m, 0);
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        all_off(boards, "controller gone");
        ::_exit(0);
      }
      if (n == static_cast<ssize_t>(sizeof m)) {
        switch (m.type) {
          case kArm:
            armed[{m.board, m.channel}] = {Clock::now() + std::chrono::milliseconds(m.max_on_ms) + grace,
                                           std::chrono::milliseconds(m.max_on_ms)};
            break;
          case kDisarm: armed.erase({m.board, m.channel}); break;
          case kDisarmAll: armed.clear(); break;
          case kStop: ::_exit(0);
        }
      }
    }
    const auto now = Clock::now();
    for (auto it = armed.begin(); it != armed.end();) {
      if (it->second.first <= now) {
        const auto [board, channel] = it->first;
        try {
          boards.at(static_cast<std::size_t>(board))->set(channel, false);
          log("board " + std::to_string(board) + " channel " + std::to_string(channel) + " exceeded its max on-time (" +
              std::to_string(it->second.second.count()) + " ms) and the controller did not switch it off: switched off");
        } catch (const std::exception& e) {
          log("max on-time exceeded and switching off failed: " + std::string(e.what()));
        }
        it = armed.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace

Watchdog::Watchdog(std::vector<relay::BoardSpec> boards, std::chrono::milliseconds grace,
                   std::chrono::milliseconds ready_timeout) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
    throw relay::RelayError("relay guard", relay::ErrorKind::open_failed, std::string("socketpair: ") + std::strerror(errno));
  std::fflush(nullptr);  // do not let the child flush the parent's buffered output twice
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(sv[0]);
    ::close(sv[1]);
    throw relay::RelayError("relay guard", relay::ErrorKind::open_failed, std::string("fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    ::close(sv[0]);
    guard_main(sv[1], boards, grace);
  }
  ::close(sv[1]);
  sock_ = sv[0];
  pollfd p{sock_, POLLIN, 0};
  char answer[512];
  ssize_t n = -1;
  if (::poll(&p, 1, static_cast<int>(ready_timeout.count())) > 0) n = ::recv(sock_, answer, sizeof answer, 0);
  if (n == 1 && answer[0] == 'R') return;
  const std::string why = n > 1 && answer[0] == 'E' ? std::string(answer + 1, static_cast<std::size_t>(n - 1))
                                                    : std::string("the guard process did not start");
  ::close(sock_);
  sock_ = -1;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  throw relay::RelayError("relay guard", relay::ErrorKind::open_failed, "cannot guard the boards: " + why);
}

Watchdog::~Watchdog() { stop(); }

bool Watchdog::send(std::uint8_t type, int board, int channel, std::uint32_t ms) {
  if (sock_ < 0) return false;
  const Message m{type, static_cast<std::uint8_t>(board), static_cast<std::uint8_t>(channel), 0, ms};
  for (;;) {
    const ssize_t n = ::send(sock_, &m, sizeof m, MSG_NOSIGNAL);
    if (n == static_cast<ssize_t>(sizeof m)) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

bool Watchdog::arm(int board, int channel, std::chrono::milliseconds max_on) {
  return send(kArm, board, channel, static_cast<std::uint32_t>(max_on.count()));
}
bool Watchdog::disarm(int board, int channel) { return send(kDisarm, board, channel, 0); }
bool Watchdog::disarm_all() { return send(kDisarmAll, 0, 0, 0); }

bool Watchdog::alive() {
  if (sock_ < 0) return false;
  pollfd p{sock_, 0, 0};
  return ::poll(&p, 1, 0) == 0 || !(p.revents & (POLLHUP | POLLERR));
}

void Watchdog::stop() {
  if (pid_ <= 0) return;
  send(kStop, 0, 0, 0);
  reap();
}

void Watchdog::hand_over() {
  if (pid_ <= 0) return;
  reap();
}

void Watchdog::reap() {
  ::close(sock_);
  sock_ = -1;
  // The guard exits at once on STOP, or after its all-off on a hang-up; do not hang if it does not.
  for (int i = 0; i < 2500; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    ::usleep(2000);
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace bcmhil::rig
