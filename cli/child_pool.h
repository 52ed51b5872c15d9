#pragma once
// Child processes for `bcmhil campaign`: N at a time, each with an optional time limit, and
// Ctrl-C / SIGTERM handled so that nothing is left behind.
//
// While a SignalScope lives, SIGINT, SIGTERM and SIGCHLD are blocked and taken synchronously with
// sigtimedwait (no handler races, no lost wake-ups). A SIGINT or SIGTERM is forwarded to every
// running child; no new child starts; the children get 5 s to end before SIGKILL, and a second
// signal kills them at once. A child over its time limit gets SIGTERM, then SIGKILL 2 s later.
// Children start with the signal mask and SIGINT/SIGTERM dispositions the campaign itself had
// to undo: a campaign started in the background (SIGINT ignored) still has children that obey it.
#include <signal.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace bcmhil::cli {

class SignalScope {
 public:
  SignalScope();
  ~SignalScope();
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;
  // SIGINT or SIGTERM received and not yet taken by run_children, or 0.
  int take_pending();
  const sigset_t& original_mask() const { return original_; }

 private:
  sigset_t original_{};
  struct sigaction old_chld_ {};
};

struct ChildJob {
  std::vector<std::string> argv;  // argv[0] is the program to exec
  std::string log;                // the child's stdout and stderr go here
};

struct ChildOutcome {
  enum class End { not_started, exited, signalled, timed_out, interrupted };
  End end = End::not_started;
  int code = -1;  // exit status (exited) or signal number (signalled, timed_out, interrupted)
  double wall_s = 0;
  std::chrono::system_clock::time_point started;
};

struct PoolOptions {
  int parallel = 1;
  double timeout_s = 0;  // 0: no limit
  std::function<void(std::size_t index, const ChildOutcome&)> on_finish;
};

struct PoolResult {
  std::vector<ChildOutcome> outcomes;  // one per job, in job order
  int interrupted_by = 0;              // SIGINT or SIGTERM, 0 when the pool ran to the end
};

PoolResult run_children(const std::vector<ChildJob>& jobs, const PoolOptions& options, SignalScope& signals);

}  // namespace bcmhil::cli
