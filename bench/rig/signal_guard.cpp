#include "signal_guard.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace bcmhil::rig {

namespace {
std::atomic<int> g_write_fd{-1};
struct sigaction g_old_int, g_old_term;

void on_signal(int sig) {
  const int saved = errno;
  const int fd = g_write_fd.load();
  if (fd >= 0) {
    const unsigned char b = static_cast<unsigned char>(sig);
    (void)!::write(fd, &b, 1);
  }
  errno = saved;
}
}  // namespace

SignalGuard::SignalGuard(SafeBench& bench, Action action) : bench_(bench), action_(action) {
  if (g_write_fd.load() >= 0) throw std::logic_error("only one SignalGuard at a time");
  if (::pipe2(pipe_, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  g_write_fd = pipe_[1];
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
  thread_ = std::thread([this] { run(); });
}

SignalGuard::~SignalGuard() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
  g_write_fd = -1;
  const unsigned char stop = 0;
  (void)!::write(pipe_[1], &stop, 1);
  if (thread_.joinable()) thread_.join();
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

void SignalGuard::run() {
  for (;;) {
    unsigned char sig = 0;
    const ssize_t n = ::read(pipe_[0], &sig, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || sig == 0) return;
    bench_.record(SafetyEvent::Kind::signal, "", std::string("caught ") + ::strsignal(sig));
    const AllOffReport report = bench_.all_off();
    std::cerr << "bcmhil relay: " << ::strsignal(sig) << ": every relay switched off\n";
    for (const auto& l : report.lines) std::cerr << "  " << l << "\n";
    std::cerr.flush();
    if (action_ == Action::off_then_exit) {
      // Die of the signal, as the shell expects. The guard process sees the hang-up and checks
      // once more with its own connection.
      ::signal(sig, SIG_DFL);
      ::raise(sig);
    }
    signal_ = sig;
    return;
  }
}

bool SignalGuard::wait(std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (signal_ == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return signal_ != 0;
}

}  // namespace bcmhil::rig
