#include "realtime_pacer.h"

#include <algorithm>

namespace bcmhil::runner {

namespace {
using Clock = RealtimePacer::Clock;
// Longest sleep without looking at the kernel again; bounds the reaction to stop().
const sc_core::sc_time kMaxSlice(100, sc_core::SC_MS);

sc_core::sc_time as_sc_time(Clock::duration d) {
  return sc_core::sc_time(static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()),
                          sc_core::SC_US);
}
Clock::duration as_wall(const sc_core::sc_time& t) {
  return std::chrono::microseconds(static_cast<std::int64_t>(t.to_seconds() * 1e6));
}
}  // namespace

void RealtimePacer::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  cv_.notify_one();
}

void RealtimePacer::stop() {
  stop_ = true;
  wake();
}

sc_core::sc_time RealtimePacer::run(sc_core::sc_time until) {
  // Wall time zero is "now" minus the simulated time already elapsed.
  const Clock::time_point origin = Clock::now() - as_wall(sc_core::sc_time_stamp());
  while (!stop_ && sc_core::sc_time_stamp() < until) {
    const auto now_sim = sc_core::sc_time_stamp();
    sc_core::sc_time step = until - now_sim;
    if (sc_core::sc_pending_activity()) step = std::min(step, sc_core::sc_time_to_pending_activity());
    step = std::min(step, kMaxSlice);
    const Clock::time_point due = origin + as_wall(now_sim + step);

    bool woken;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      woken = cv_.wait_until(lock, due, [this] { return woken_; });
      woken_ = false;
    }
    if (woken) {
      // Catch up with the wall clock (never past the next event or the end) and let the
      // request in through the update phase.
      const auto behind = Clock::now() - origin;
      sc_core::sc_time target = std::max(as_sc_time(behind), now_sim);
      target = std::min(target, now_sim + step);
      sc_core::sc_start(target - now_sim);
    } else {
      sc_core::sc_start(step);
      // Only slices that end on a real event count: they are what a person or a relay sees.
      note_lateness(std::chrono::duration<double, std::milli>(Clock::now() - due).count());
    }
    if (after_slice) after_slice();
  }
  return sc_core::sc_time_stamp();
}

void RealtimePacer::note_lateness(double ms) {
  ++events_;
  max_ms_ = events_ == 1 ? ms : std::max(max_ms_, ms);
  if (lateness_ms_.size() < kLatenessSample) {
    lateness_ms_.push_back(ms);
    return;
  }
  // The n-th event replaces a random one of the sample with probability kLatenessSample / n.
  const std::size_t slot = std::uniform_int_distribution<std::size_t>(0, events_ - 1)(pick_);
  if (slot < kLatenessSample) lateness_ms_[slot] = ms;
}

LatenessStats RealtimePacer::lateness() const {
  LatenessStats s;
  s.events = events_;
  if (lateness_ms_.empty()) return s;
  auto sorted = lateness_ms_;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) { return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))]; };
  s.p50_ms = at(0.50);
  s.p99_ms = at(0.99);
  s.max_ms = max_ms_;
  return s;
}

}  // namespace bcmhil::runner
