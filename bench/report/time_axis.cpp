#include "time_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bcmhil::report {

namespace {

// Decimals a label needs so that every multiple of `step` reads exactly (0.2 -> 1, 0.05 -> 2).
int decimals_for(double step) {
  const int d = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  return std::clamp(d, 0, 9);
}

std::string label_of(double t, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f s", decimals, std::abs(t) < 1e-12 ? 0.0 : t);
  return text;
}

// The widest label a step would print over [t0, t1].
double widest_label_px(double t0, double t1, double step, const AxisGeometry& g) {
  const int d = decimals_for(step);
  const std::size_t chars = std::max(label_of(t0, d).size(), label_of(t1, d).size());
  return static_cast<double>(chars) * g.char_px;
}

}  // namespace

double tick_step(double t0, double t1, const AxisGeometry& g) {
  const double span = std::max(t1 - t0, 1e-9);
  const double px_per_s = (g.x_to - g.x_from) / span;
  // Start a decade below the span / 100 and climb 1-2-5 until the labels fit.
  double decade = std::pow(10.0, std::floor(std::log10(span / 100.0)));
  for (int i = 0; i < 60; ++i, decade *= 10.0) {
    for (const double m : {1.0, 2.0, 5.0}) {
      const double step = m * decade;
      if (step * px_per_s >= widest_label_px(t0, t1, step, g) + g.min_gap_px) return step;
    }
  }
  return span;  // unreachable for any finite picture: one step over the whole span
}

std::vector<AxisTick> time_axis(double t0, double t1, const AxisGeometry& g) {
  const double step = tick_step(t0, t1, g);
  const int d = decimals_for(step);
  const double px_per_s = (g.x_to - g.x_from) / std::max(t1 - t0, 1e-9);
  std::vector<AxisTick> ticks;
  // Integer multiples of the step: no drift from adding a step that binary cannot hold exactly.
  for (long long k = static_cast<long long>(std::ceil(t0 / step - 1e-9)); k * step <= t1 + step * 1e-9; ++k) {
    AxisTick tick;
    tick.t_s = k * step;
    tick.x = g.x_from + (tick.t_s - t0) * px_per_s;
    tick.label = label_of(tick.t_s, d);
    const double w = static_cast<double>(tick.label.size()) * g.char_px;
    // Centred on its tick, but pushed inside the picture at either edge.
    tick.label_left = std::clamp(tick.x - w / 2, 0.0, g.picture_width - w);
    tick.label_right = tick.label_left + w;
    ticks.push_back(tick);
  }
  // A label pushed in at an edge may now touch its neighbour: drop the neighbour.
  while (ticks.size() >= 2 && ticks[0].label_right + g.min_gap_px > ticks[1].label_left) ticks.erase(ticks.begin() + 1);
  while (ticks.size() >= 2 && ticks[ticks.size() - 2].label_right + g.min_gap_px > ticks.back().label_left)
    ticks.erase(ticks.end() - 2);
  return ticks;
}

}  // namespace bcmhil::report
