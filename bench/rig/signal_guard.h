#pragma once
// SIGINT / SIGTERM while a bench is live: every relay goes off (read back where possible) from a
// dedicated thread (the handler itself only writes to a pipe, which is async-signal-safe), then
// either the process ends with the signal's usual status or a flag tells the runner to wind down.
#include "safe_bench.h"

#include <atomic>
#include <thread>

namespace bcmhil::rig {

class SignalGuard {
 public:
  enum class Action {
    off_then_exit,  // all off, report on stderr, then die of the signal (exit status 128+N)
    off_then_flag,  // all off, then stop_requested() turns true; the caller winds down
  };
  // One SignalGuard at a time per process. Restores the previous handlers when destroyed.
  explicit SignalGuard(SafeBench& bench, Action action = Action::off_then_exit);
  ~SignalGuard();
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

  bool stop_requested() const { return signal_ != 0; }
  int signal_number() const { return signal_; }
  // Blocks until a signal was handled or `timeout` passed; true if one was.
  bool wait(std::chrono::milliseconds timeout) const;

 private:
  void run();
  SafeBench& bench_;
  Action action_;
  std::atomic<int> signal_{0};
  int pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace bcmhil::rig
