#include "child_pool.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace bcmhil::cli {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTermGrace = std::chrono::seconds(2);       // timed out: SIGTERM, then SIGKILL
constexpr auto kInterruptGrace = std::chrono::seconds(5);  // interrupted: the forwarded signal, then SIGKILL

// SIGCHLD must have a handler (never runs while blocked): with SIG_IGN inherited from a parent the
// kernel would reap the children itself and their exit status would be lost.
void on_sigchld(int) {}

sigset_t campaign_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGCHLD);
  return set;
}

struct Running {
  std::size_t index;
  pid_t pid;
  Clock::time_point started;
  Clock::time_point deadline = Clock::time_point::max();  // the time limit
  Clock::time_point kill_at = Clock::time_point::max();   // SIGKILL if still alive then
  bool timed_out = false;
  bool interrupted = false;
};

// After fork, before exec: async-signal-safe calls only.
[[noreturn]] void become_child(const ChildJob& job, const std::vector<char*>& argv, const sigset_t& original) {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (const int sig : {SIGINT, SIGTERM, SIGCHLD}) sigaction(sig, &dfl, nullptr);
  sigset_t mask = original;
  for (const int sig : {SIGINT, SIGTERM, SIGCHLD}) sigdelset(&mask, sig);
  sigprocmask(SIG_SETMASK, &mask, nullptr);
  const int log = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log >= 0) {
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
  }
  execv(argv[0], argv.data());
  _exit(127);
}

pid_t spawn(const ChildJob& job, const sigset_t& original) {
  std::vector<char*> argv;
  for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) become_child(job, argv, original);
  return pid;
}

ChildOutcome::End end_of(const Running& r, int raw) {
  if (r.timed_out) return ChildOutcome::End::timed_out;
  if (WIFEXITED(raw)) return ChildOutcome::End::exited;
  return r.interrupted ? ChildOutcome::End::interrupted : ChildOutcome::End::signalled;
}

class Pool {
 public:
  Pool(const std::vector<ChildJob>& jobs, const PoolOptions& options, SignalScope& signals)
      : jobs_(jobs), options_(options), signals_(signals) {
    result_.outcomes.resize(jobs.size());
  }

  PoolResult run() {
    while (!running_.empty() || (result_.interrupted_by == 0 && next_ < jobs_.size())) {
      start_while_room();
      if (running_.empty()) continue;
      wait_for_news();
      reap();
      enforce_time_limits();
    }
    return result_;
  }

 private:
  void start_while_room() {
    while (result_.interrupted_by == 0 && running_.size() < static_cast<std::size_t>(options_.parallel) &&
           next_ < jobs_.size()) {
      const std::size_t index = next_++;
      auto& outcome = result_.outcomes[index];
      outcome.started = std::chrono::system_clock::now();
      Running r{index, spawn(jobs_[index], signals_.original_mask()), Clock::now()};
      if (r.pid < 0) {  // fork failed: reported like a program that could not start
        finish(r, ChildOutcome::End::exited, 127);
        continue;
      }
      if (options_.timeout_s > 0)
        r.deadline = r.started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.timeout_s));
      running_.push_back(r);
    }
  }

  // Sleeps until a signal arrives or the next deadline (at most 1 s).
  void wait_for_news() {
    auto until = Clock::now() + std::chrono::seconds(1);
    for (const auto& r : running_) until = std::min({until, r.deadline, r.kill_at});
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count();
    const timespec wait{static_cast<time_t>(std::max<long long>(ns, 0) / 1000000000LL),
                        static_cast<long>(std::max<long long>(ns, 0) % 1000000000LL)};
    const sigset_t set = campaign_signals();
    const int sig = sigtimedwait(&set, nullptr, &wait);
    if (sig == SIGINT || sig == SIGTERM) interrupt(sig);
  }

  void interrupt(int sig) {
    const bool again = result_.interrupted_by != 0;
    if (!again) result_.interrupted_by = sig;
    for (auto& r : running_) {
      r.interrupted = true;
      ::kill(r.pid, again ? SIGKILL : sig);
      r.kill_at = std::min(r.kill_at, Clock::now() + kInterruptGrace);
    }
  }

  void reap() {
    int raw = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &raw, WNOHANG)) > 0) {
      const auto it = std::find_if(running_.begin(), running_.end(), [&](const Running& r) { return r.pid == pid; });
      if (it == running_.end()) continue;
      const Running r = *it;
      running_.erase(it);
      finish(r, end_of(r, raw), WIFEXITED(raw) ? WEXITSTATUS(raw) : WTERMSIG(raw));
    }
  }

  void enforce_time_limits() {
    const auto now = Clock::now();
    for (auto& r : running_) {
      if (now >= r.kill_at) {
        ::kill(r.pid, SIGKILL);
      } else if (now >= r.deadline && !r.timed_out) {
        r.timed_out = true;
        ::kill(r.pid, SIGTERM);
        r.kill_at = now + kTermGrace;
      }
    }
  }

  void finish(const Running& r, ChildOutcome::End end, int code) {
    auto& outcome = result_.outcomes[r.index];
    outcome.end = end;
    outcome.code = code;
    outcome.wall_s = std::chrono::duration<double>(Clock::now() - r.started).count();
    if (options_.on_finish) options_.on_finish(r.index, outcome);
  }

  const std::vector<ChildJob>& jobs_;
  const PoolOptions& options_;
  SignalScope& signals_;
  PoolResult result_;
  std::vector<Running> running_;
  std::size_t next_ = 0;
};

}  // namespace

PoolResult run_children(const std::vector<ChildJob>& jobs, const PoolOptions& options, SignalScope& signals) {
  return Pool(jobs, options, signals).run();
}

SignalScope::SignalScope() {
  struct sigaction chld {};
  chld.sa_handler = on_sigchld;
  sigemptyset(&chld.sa_mask);
  sigaction(SIGCHLD, &chld, &old_chld_);
  const sigset_t set = campaign_signals();
  sigprocmask(SIG_BLOCK, &set, &original_);
}

SignalScope::~SignalScope() {
  take_pending();  // a signal after the campaign's end was already reported by its exit status
  sigaction(SIGCHLD, &old_chld_, nullptr);
  sigprocmask(SIG_SETMASK, &original_, nullptr);
}

int SignalScope::take_pending() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  const timespec now{0, 0};
  int taken = 0;
  for (int sig; (sig = sigtimedwait(&set, nullptr, &now)) > 0;) taken = sig;
  return taken;
}

}  // namespace bcmhil::cli
