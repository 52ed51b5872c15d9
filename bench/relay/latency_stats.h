#pragma once
// Relay command latency (write -> confirmed) summarised as p50 / p99 / max.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace bcmhil::relay {

struct LatencySummary {
  std::size_t count = 0;
  std::chrono::microseconds p50{0}, p99{0}, max{0};
  std::string to_string() const;  // "n=200 p50=0.21 ms p99=0.48 ms max=0.90 ms"
};

class LatencyStats {
 public:
  void add(std::chrono::nanoseconds sample) { samples_.push_back(sample); }
  std::size_t size() const { return samples_.size(); }
  LatencySummary summary() const;

 private:
  std::vector<std::chrono::nanoseconds> samples_;
};

}  // namespace bcmhil::relay
