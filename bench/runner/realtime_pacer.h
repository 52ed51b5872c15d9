#pragma once
// Runs the SystemC kernel in step with the wall clock, for a model that talks to the outside
// world (a tester on a K-line, a relay on the bench).
//
// It never spins through idle time: it asks the kernel when its next event is due
// (sc_time_to_pending_activity), sleeps until that moment of wall time, then simulates up to it.
// A request from another thread (wake()) cuts the sleep short so the kernel catches up with the
// wall clock at once. Lateness is how far behind the wall clock each event ran.
#include <systemc>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>
#include <vector>

namespace bcmhil::runner {

struct LatenessStats {
  std::size_t events = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

class RealtimePacer {
 public:
  using Clock = std::chrono::steady_clock;

  // Simulate until `until` (simulated time) or until stop(); returns the simulated time reached.
  sc_core::sc_time run(sc_core::sc_time until);
  void wake();  // any thread
  void stop();  // any thread
  bool stopped() const { return stop_.load(); }
  LatenessStats lateness() const;

  // Optional hook after every simulated slice (still on the simulation thread).
  std::function<void()> after_slice;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  std::atomic<bool> stop_{false};
  // Lateness of a run of any length in fixed memory (serve --forever runs for hours with tens of
  // thousands of events a second): every event counted and the maximum exact, the percentiles
  // from a uniform sample of at most kLatenessSample events (reservoir sampling, Vitter's
  // algorithm R), exact while the run has fewer.
  void note_lateness(double ms);
  static constexpr std::size_t kLatenessSample = 1 << 16;  // 512 KiB
  std::size_t events_ = 0;
  double max_ms_ = 0;
  std::vector<double> lateness_ms_;  // the sample
  std::minstd_rand pick_;  // default seed: a run's figures do not depend on chance
};

}  // namespace bcmhil::runner
