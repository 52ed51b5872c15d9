#include "compare.h"

#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace bcmhil::trace {

namespace {

bool identical(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The first instant at which the two histories of one signal part, if they do.
std::optional<std::uint64_t> first_divergence(const Signal& a, const Signal& b) {
  const auto& x = a.samples;
  const auto& y = b.samples;
  for (std::size_t k = 0; k < x.size() || k < y.size(); ++k) {
    if (k == x.size()) return y[k].time_ps;
    if (k == y.size()) return x[k].time_ps;
    if (x[k].time_ps != y[k].time_ps) return std::min(x[k].time_ps, y[k].time_ps);
    if (!identical(x[k].value, y[k].value)) return x[k].time_ps;
  }
  return std::nullopt;
}

std::string describe(const Signal& a, const Signal& b, std::uint64_t at) {
  char buf[160];
  std::snprintf(buf, sizeof buf, " at %.9f s: %.9g in the first, %.9g in the second", static_cast<double>(at) * 1e-12,
                a.value_at(at), b.value_at(at));
  return a.name + buf;
}

}  // namespace

Comparison compare(const Recorder& first, const Recorder& second) {
  Comparison c;
  const auto& a = first.signals();
  const auto& b = second.signals();
  if (a.size() != b.size()) {
    c.first_difference = std::to_string(a.size()) + " signals in the first, " + std::to_string(b.size()) + " in the second";
    return c;
  }
  std::uint64_t earliest = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) {
      c.first_difference = "signal #" + std::to_string(i) + " is " + a[i].name + " in the first, " + b[i].name + " in the second";
      return c;
    }
    if (const auto at = first_divergence(a[i], b[i]); at && *at < earliest) {
      earliest = *at;
      c.first_difference = describe(a[i], b[i], *at);
    }
  }
  c.signals_compared = a.size();
  c.same = c.first_difference.empty();
  return c;
}

}  // namespace bcmhil::trace
