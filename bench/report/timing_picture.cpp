#include "timing_picture.h"

#include "junit_report.h"  // xml_escape
#include "time_axis.h"

#include <algorithm>
#include <cstdio>

namespace bcmhil::report {

namespace {

constexpr double kPsPerS = 1e12;
constexpr int kWidth = 1100, kLabel = 230, kRightMargin = 12, kBitLane = 34, kRealLane = 64;
constexpr int kAxisRow = 18, kMarkerRow = 14, kMaxMarkerRows = 3;
constexpr double kCharPx = 7.3;       // 12 px monospace
constexpr double kSmallCharPx = 6.1;  // 10 px monospace

std::string num(double v, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

const char* marker_colour(Marker::Kind k) {
  switch (k) {
    case Marker::Kind::fault: return "#c62828";
    case Marker::Kind::step: return "#1565c0";
    case Marker::Kind::fault_memory: return "#ef6c00";
  }
  return "#555";
}

// Where each marker's label goes: the first row where it touches no other label; a marker that
// finds no room keeps its line and tooltip, and its label becomes its number in the tables.
struct PlacedMarker {
  const Marker* marker;
  double x;
  int row;  // -1: no room for the label
  double left;
};

std::vector<PlacedMarker> place_markers(const std::vector<Marker>& markers, TimeSpan span, double x0, double x1) {
  std::vector<PlacedMarker> placed;
  std::vector<double> row_end(kMaxMarkerRows, -1e9);
  std::vector<const Marker*> inside;
  for (const auto& m : markers)
    if (m.t_s >= span.from_s && m.t_s <= span.to_s) inside.push_back(&m);
  std::stable_sort(inside.begin(), inside.end(), [](const Marker* a, const Marker* b) { return a->t_s < b->t_s; });
  for (const auto* m : inside) {
    const double x = x0 + (m->t_s - span.from_s) / std::max(span.to_s - span.from_s, 1e-9) * (x1 - x0);
    const double w = static_cast<double>(m->label.size()) * kSmallCharPx;
    const double left = std::min(x + 3, kWidth - w - 2);  // label starts right of its line
    int row = -1;
    for (int r = 0; r < kMaxMarkerRows && row < 0; ++r)
      if (left > row_end[r] + 6) row = r;
    if (row >= 0) row_end[row] = left + w;
    placed.push_back({m, x, row, left});
  }
  return placed;
}

void write_axis(std::ostream& out, TimeSpan span, double x0, double x1, int height) {
  const AxisGeometry g{x0, x1, static_cast<double>(kWidth), kCharPx, 14.0};
  for (const auto& tick : time_axis(span.from_s, span.to_s, g)) {
    out << "<line x1='" << num(tick.x, 1) << "' y1='" << kAxisRow - 2 << "' x2='" << num(tick.x, 1) << "' y2='"
        << height << "' stroke='#ddd'/><text x='" << num(tick.label_left, 1) << "' y='12' fill='#555'>" << tick.label
        << "</text>\n";
  }
}

void write_markers(std::ostream& out, const std::vector<PlacedMarker>& placed, int height) {
  const int top = kAxisRow;
  for (const auto& p : placed) {
    const char* colour = marker_colour(p.marker->kind);
    out << "<g><title>" << xml_escape(num(p.marker->t_s, 3) + " s: " + p.marker->detail) << "</title><line x1='"
        << num(p.x, 1) << "' y1='" << top << "' x2='" << num(p.x, 1) << "' y2='" << height << "' stroke='" << colour
        << "' stroke-dasharray='4,3' stroke-opacity='0.7'/>";
    if (p.row >= 0)
      out << "<text x='" << num(p.left, 1) << "' y='" << top + 10 + p.row * kMarkerRow << "' fill='" << colour
          << "' font-size='10'>" << xml_escape(p.marker->label) << "</text>";
    out << "</g>\n";
  }
}

void write_expectation_windows(std::ostream& out, const trace::Signal& s, const runner::RunResult& result,
                               TimeSpan span, double x0, double x1, int y, int lane) {
  auto x = [&](double t) { return x0 + (t - span.from_s) / (span.to_s - span.from_s) * (x1 - x0); };
  for (const auto& r : result.expectations) {
    if (r.expectation->signal != s.name) continue;
    const double a = std::max(span.from_s, r.expectation->from.to_seconds());
    const double b = std::min(span.to_s, r.expectation->to.to_seconds());
    if (b < a) continue;
    out << "<rect x='" << num(x(a), 1) << "' y='" << y << "' width='" << num(std::max(2.0, x(b) - x(a)), 1)
        << "' height='" << lane - 6 << "' fill='" << (r.passed ? "#2e7d32" : "#c62828")
        << "' fill-opacity='0.18'><title>"
        << xml_escape(r.expectation->name + ": observed " + r.observed + ", expected " + r.expected)
        << "</title></rect>\n";
  }
}

void write_lane(std::ostream& out, const trace::Signal& s, const runner::RunResult& result, TimeSpan span, double x0,
                double x1, int y) {
  const bool bit = s.kind == trace::Kind::bit;
  const int lane = bit ? kBitLane : kRealLane;
  const double t0 = span.from_s, t1 = span.to_s;
  auto x = [&](double t) { return x0 + (t - t0) / (t1 - t0) * (x1 - x0); };
  write_expectation_windows(out, s, result, span, x0, x1, y, lane);
  double lo = 0, hi = 1;
  if (!bit) {
    lo = hi = s.value_at(static_cast<std::uint64_t>(t0 * kPsPerS));
    // Scaled to the whole run, so a zoom shows 0 V against the 12 V the same pin had earlier.
    for (const auto& sample : s.samples) lo = std::min(lo, sample.value), hi = std::max(hi, sample.value);
    if (hi - lo < 1e-9) hi = lo + 1;
  }
  auto yv = [&](double v) { return y + (lane - 10) - (v - lo) / (hi - lo) * (lane - 16); };
  double v = s.value_at(static_cast<std::uint64_t>(t0 * kPsPerS));
  std::string points = num(x(t0), 1) + "," + num(yv(v), 1);
  for (const auto& sample : s.samples) {
    const double t = sample.time_ps / kPsPerS;
    if (t <= t0 || t > t1) continue;
    points += " " + num(x(t), 1) + "," + num(yv(v), 1);
    v = sample.value;
    points += " " + num(x(t), 1) + "," + num(yv(v), 1);
  }
  points += " " + num(x(t1), 1) + "," + num(yv(v), 1);
  out << "<polyline fill='none' stroke='" << (bit ? "#1565c0" : "#6a1b9a") << "' stroke-width='1.5' points='" << points
      << "'/>\n<text x='4' y='" << y + lane / 2 << "' fill='#222'>" << xml_escape(s.name) << "</text>\n";
  if (!bit)
    out << "<text x='" << kLabel - 6 << "' y='" << y + 10 << "' text-anchor='end' fill='#777' font-size='10'>"
        << num(hi, 2) << " " << xml_escape(s.unit) << "</text><text x='" << kLabel - 6 << "' y='" << y + lane - 8
        << "' text-anchor='end' fill='#777' font-size='10'>" << num(lo, 2) << " " << xml_escape(s.unit) << "</text>\n";
  out << "<line x1='0' y1='" << y + lane - 3 << "' x2='" << kWidth << "' y2='" << y + lane - 3 << "' stroke='#eee'/>\n";
}

}  // namespace

void write_timing_picture(std::ostream& out, const std::vector<const trace::Signal*>& lanes,
                          const runner::RunResult& result, const std::vector<Marker>& markers, TimeSpan span) {
  span.to_s = std::max(span.to_s, span.from_s + 1e-6);
  const double x0 = kLabel, x1 = kWidth - kRightMargin;
  const auto placed = place_markers(markers, span, x0, x1);
  int marker_rows = 0;
  for (const auto& p : placed) marker_rows = std::max(marker_rows, p.row + 1);
  const int lanes_top = kAxisRow + 6 + marker_rows * kMarkerRow;
  int height = lanes_top + 6;
  for (const auto* s : lanes) height += s->kind == trace::Kind::bit ? kBitLane : kRealLane;

  out << "<svg xmlns='http://www.w3.org/2000/svg' width='" << kWidth << "' height='" << height
      << "' font-family='monospace' font-size='12'>\n";
  write_axis(out, span, x0, x1, height);
  write_markers(out, placed, height);
  int y = lanes_top;
  for (const auto* s : lanes) {
    write_lane(out, *s, result, span, x0, x1, y);
    y += s->kind == trace::Kind::bit ? kBitLane : kRealLane;
  }
  out << "</svg>\n";
}

}  // namespace bcmhil::report
