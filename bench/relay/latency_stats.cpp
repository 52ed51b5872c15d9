#include "latency_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bcmhil::relay {

LatencySummary LatencyStats::summary() const {
  LatencySummary s;
  s.count = samples_.size();
  if (samples_.empty()) return s;
  auto sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  // Nearest-rank percentiles.
  auto rank = [&](double p) {
    const auto r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return std::chrono::duration_cast<std::chrono::microseconds>(sorted[std::max<std::size_t>(r, 1) - 1]);
  };
  s.p50 = rank(0.50);
  s.p99 = rank(0.99);
  s.max = std::chrono::duration_cast<std::chrono::microseconds>(sorted.back());
  return s;
}

std::string LatencySummary::to_string() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "n=%zu p50=%.3f ms p99=%.3f ms max=%.3f ms", count, p50.count() / 1000.0,
                p99.count() / 1000.0, max.count() / 1000.0);
  return buf;
}

}  // namespace bcmhil::relay
