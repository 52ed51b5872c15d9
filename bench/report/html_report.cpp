#include "html_report.h"

#include "junit_report.h"  // xml_escape

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace bcmhil::report {

namespace {

constexpr double kPsPerS = 1e12;
constexpr int kWidth = 1100, kLabel = 230, kBitLane = 34, kRealLane = 64;

// Signals every hatch picture shows, after the ones the expectations name.
const char* const kKeySignals[] = {"DIP_RF_CODE_LOGIC", "indicator_lh.lit", "DOP_BOOT_RELEASE",
                                   "V(bc1.tailgate_out)", "V(hatch_lock.pin2)", "I(hatch_lock.motor)",
                                   "DIP_BOOT_RELEASE_MONITOR", "hatch.open"};

std::string fmt(const char* format, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, a);
  return buf;
}

struct Span {
  double from_s, to_s;
};

// Where the expectations look, merged, with some context around each stretch.
std::vector<Span> zoom_spans(const scenario::Scenario& sc) {
  // Long windows ("never opens in the last 30 s") are plain in the overview; zoom on short ones.
  const double total = sc.duration.to_seconds();
  std::vector<Span> spans;
  for (const auto& e : sc.expectations)
    if (e.to.to_seconds() - e.from.to_seconds() < 0.25 * total) spans.push_back({e.from.to_seconds(), e.to.to_seconds()});
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from_s < b.from_s; });
  std::vector<Span> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.from_s <= merged.back().to_s + 0.5) merged.back().to_s = std::max(merged.back().to_s, s.to_s);
    else merged.push_back(s);
  }
  std::vector<Span> out;
  for (auto s : merged) {
    const double width = std::max(s.to_s - s.from_s, 0.2);
    s.from_s = std::max(0.0, s.from_s - 0.1 * width);
    s.to_s = std::min(total, s.from_s + 1.2 * width);
    // A zoom that shows (almost) the whole run adds nothing to the overview.
    if (s.to_s - s.from_s < 0.8 * total) out.push_back(s);
  }
  if (out.size() > 6) out.resize(6);
  return out;
}

void picture(std::ostream& out, const std::vector<const trace::Signal*>& lanes, const runner::RunResult& result,
             Span span, const std::string& title) {
  int height = 30;
  for (const auto* s : lanes) height += s->kind == trace::Kind::bit ? kBitLane : kRealLane;
  const double t0 = span.from_s, t1 = std::max(span.to_s, span.from_s + 1e-6);
  auto x = [&](double t) { return kLabel + (t - t0) / (t1 - t0) * (kWidth - kLabel - 10); };
  out << "<h3>" << xml_escape(title) << "</h3>\n<svg xmlns='http://www.w3.org/2000/svg' width='" << kWidth
      << "' height='" << height << "' font-family='monospace' font-size='12'>\n";
  // Time axis with about ten ticks.
  const double step = std::pow(10.0, std::floor(std::log10((t1 - t0) / 10.0)));
  const double tick = (t1 - t0) / step > 50 ? step * 5 : (t1 - t0) / step > 20 ? step * 2 : step;
  for (double t = std::ceil(t0 / tick) * tick; t <= t1 + 1e-12; t += tick) {
    out << "<line x1='" << x(t) << "' y1='18' x2='" << x(t) << "' y2='" << height << "' stroke='#ddd'/>"
        << "<text x='" << x(t) << "' y='12' text-anchor='middle' fill='#555'>" << fmt(tick < 0.01 ? "%.3f" : "%.2f", t)
        << " s</text>\n";
  }
  int y = 24;
  for (const auto* s : lanes) {
    const bool bit = s->kind == trace::Kind::bit;
    const int lane = bit ? kBitLane : kRealLane;
    // Expectation windows on this signal, shaded by their result.
    for (const auto& r : result.expectations) {
      if (r.expectation->signal != s->name) continue;
      const double a = std::max(t0, r.expectation->from.to_seconds()), b = std::min(t1, r.expectation->to.to_seconds());
      if (b < a) continue;
      out << "<rect x='" << x(a) << "' y='" << y << "' width='" << std::max(2.0, x(b) - x(a)) << "' height='" << lane - 6
          << "' fill='" << (r.passed ? "#2e7d32" : "#c62828") << "' fill-opacity='0.18'><title>"
          << xml_escape(r.expectation->name + ": observed " + r.observed + ", expected " + r.expected) << "</title></rect>\n";
    }
    double lo = 0, hi = 1;
    if (!bit) {
      lo = hi = s->value_at(static_cast<std::uint64_t>(t0 * kPsPerS));
      for (const auto& sample : s->samples) lo = std::min(lo, sample.value), hi = std::max(hi, sample.value);
      if (hi - lo < 1e-9) hi = lo + 1;
    }
    auto yv = [&](double v) { return y + (lane - 10) - (v - lo) / (hi - lo) * (lane - 16); };
    std::string points;
    double v = s->value_at(static_cast<std::uint64_t>(t0 * kPsPerS));
    points += fmt("%.1f", x(t0)) + "," + fmt("%.1f", yv(v));
    for (const auto& sample : s->samples) {
      const double t = sample.time_ps / kPsPerS;
      if (t <= t0 || t > t1) continue;
      points += " " + fmt("%.1f", x(t)) + "," + fmt("%.1f", yv(v));
      v = sample.value;
      points += " " + fmt("%.1f", x(t)) + "," + fmt("%.1f", yv(v));
    }
    points += " " + fmt("%.1f", x(t1)) + "," + fmt("%.1f", yv(v));
    out << "<polyline fill='none' stroke='" << (bit ? "#1565c0" : "#6a1b9a") << "' stroke-width='1.5' points='" << points
        << "'/>\n<text x='4' y='" << y + lane / 2 << "' fill='#222'>" << xml_escape(s->name) << "</text>\n";
    if (!bit)
      out << "<text x='" << kLabel - 6 << "' y='" << y + 10 << "' text-anchor='end' fill='#777' font-size='10'>"
          << fmt("%.2f", hi) << " " << xml_escape(s->unit) << "</text><text x='" << kLabel - 6 << "' y='" << y + lane - 8
          << "' text-anchor='end' fill='#777' font-size='10'>" << fmt("%.2f", lo) << "</text>\n";
    out << "<line x1='0' y1='" << y + lane - 3 << "' x2='" << kWidth << "' y2='" << y + lane - 3 << "' stroke='#eee'/>\n";
    y += lane;
  }
  out << "</svg>\n";
}

}  // namespace

void write_html(std::ostream& out, const scenario::Scenario& sc, const runner::RunResult& result) {
  std::vector<const trace::Signal*> lanes;
  auto add = [&](const std::string& name) {
    const auto* s = result.recorder->find(name);
    if (s && std::find(lanes.begin(), lanes.end(), s) == lanes.end()) lanes.push_back(s);
  };
  for (const auto& e : sc.expectations) add(e.signal);
  for (const char* name : kKeySignals) add(name);

  out << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>bcmhil: " << xml_escape(sc.name)
      << "</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222} td,th{padding:3px 10px;text-align:left}"
         " .pass{color:#2e7d32;font-weight:bold} .fail{color:#c62828;font-weight:bold} svg{border:1px solid #ccc}"
         "</style></head><body>\n";
  out << "<h1>" << xml_escape(sc.name) << " <span class='" << (result.passed ? "pass'>PASS" : "fail'>FAIL")
      << "</span></h1>\n<p>" << xml_escape(sc.description) << "</p>\n<p>" << xml_escape(sc.file) << ": "
      << fmt("%.1f", result.sim_time_s) << " s simulated in " << fmt("%.4f", result.wall_time_s) << " s wall ("
      << fmt("%.0f", result.realtime_factor()) << "x real time)</p>\n";
  out << "<table><tr><th></th><th>expectation</th><th>signal</th><th>window</th><th>observed</th><th>expected</th></tr>\n";
  for (const auto& r : result.expectations) {
    const auto& e = *r.expectation;
    out << "<tr><td class='" << (r.passed ? "pass'>PASS" : "fail'>FAIL") << "</td><td>" << xml_escape(e.name)
        << "</td><td>" << xml_escape(e.signal) << "</td><td>" << fmt("%.3f", e.from.to_seconds()) << " - "
        << fmt("%.3f", e.to.to_seconds()) << " s</td><td>" << xml_escape(r.observed) << "</td><td>"
        << xml_escape(r.expected) << "</td></tr>\n";
  }
  out << "</table>\n";
  if (!result.fault_memory.empty()) {
    out << "<p>Fault memory at the end:";
    for (const auto& f : result.fault_memory)
      out << " " << fmt("0x%02X", f.code) << (f.active ? " active" : " stored") << " (x" << int(f.frequency) << ")";
    out << "</p>\n";
  }
  picture(out, lanes, result, {0.0, sc.duration.to_seconds()}, "The whole run");
  for (const auto& span : zoom_spans(sc))
    picture(out, lanes, result, span, "Zoom " + fmt("%.3f", span.from_s) + " - " + fmt("%.3f", span.to_s) + " s");
  out << "<p>Shaded: each expectation's window, green when it held, red when not (hover for details). "
         "Every signal and probe is in the VCD trace: bcmhil run FILE --trace run.vcd</p>\n</body></html>\n";
}

}  // namespace bcmhil::report
