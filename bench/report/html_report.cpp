#include "html_report.h"

#include "junit_report.h"  // xml_escape
#include "provenance.h"
#include "story.h"
#include "timing_picture.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace bcmhil::report {

namespace {

// Signals every hatch picture shows, after the ones the expectations name.
const char* const kKeySignals[] = {"DIP_RF_CODE_LOGIC", "indicator_lh.lit", "DOP_BOOT_RELEASE",
                                   "V(bc1.tailgate_out)", "V(hatch_lock.pin2)", "I(hatch_lock.motor)",
                                   "DIP_BOOT_RELEASE_MONITOR", "hatch.open"};

std::string num(double v, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// Where the expectations look, merged, with some context around each stretch.
std::vector<TimeSpan> zoom_spans(const scenario::Scenario& sc) {
  // Long windows ("never opens in the last 30 s") are plain in the overview; zoom on short ones.
  const double total = sc.duration.to_seconds();
  std::vector<TimeSpan> spans;
  for (const auto& e : sc.expectations)
    if (e.to.to_seconds() - e.from.to_seconds() < 0.25 * total) spans.push_back({e.from.to_seconds(), e.to.to_seconds()});
  std::sort(spans.begin(), spans.end(), [](const TimeSpan& a, const TimeSpan& b) { return a.from_s < b.from_s; });
  std::vector<TimeSpan> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.from_s <= merged.back().to_s + 0.5) merged.back().to_s = std::max(merged.back().to_s, s.to_s);
    else merged.push_back(s);
  }
  std::vector<TimeSpan> out;
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

const char* verdict_span(bool passed) { return passed ? "<span class='pass'>PASS</span>" : "<span class='fail'>FAIL</span>"; }

void write_head(std::ostream& out, const scenario::Scenario& sc, const runner::RunResult& result,
                const HtmlOptions& options) {
  out << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>bcmhil: " << xml_escape(sc.name)
      << "</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222} td,th{padding:3px 10px;text-align:left;"
         "vertical-align:top} .pass{color:#2e7d32;font-weight:bold} .fail{color:#c62828;font-weight:bold}"
         " svg{border:1px solid #ccc} .meta{color:#666;font-size:90%} .fault{color:#c62828} .step{color:#1565c0}"
         " .memory{color:#ef6c00}</style></head><body>\n";
  out << "<h1>" << xml_escape(sc.name) << " " << verdict_span(result.passed) << "</h1>\n<p>"
      << xml_escape(sc.description) << "</p>\n";
  out << "<p class='meta'>" << xml_escape(sc.file) << ": " << num(result.sim_time_s, 1) << " s simulated in "
      << num(result.wall_time_s, 4) << " s wall (" << num(result.realtime_factor(), 0) << "x real time)<br>"
      << "bcmhil " << xml_escape(tool_version()) << ", commit " << xml_escape(git_commit()) << ", report written "
      << iso8601_utc(options.written);
  if (!options.trace_href.empty())
    out << "<br>Every signal and probe of this run: <a href='" << xml_escape(options.trace_href) << "'>"
        << xml_escape(options.trace_href) << "</a> (VCD, open with GTKWave)";
  out << "</p>\n";
}

void write_expectations(std::ostream& out, const runner::RunResult& result) {
  out << "<h2>Expectations</h2>\n<table><tr><th></th><th>expectation</th><th>signal</th><th>window</th>"
         "<th>observed</th><th>expected</th></tr>\n";
  for (const auto& r : result.expectations) {
    const auto& e = *r.expectation;
    out << "<tr><td>" << verdict_span(r.passed) << "</td><td>" << xml_escape(e.name) << "</td><td>"
        << xml_escape(e.signal) << "</td><td>" << num(e.from.to_seconds(), 3) << " - " << num(e.to.to_seconds(), 3)
        << " s</td><td>" << xml_escape(r.observed) << "</td><td>" << xml_escape(r.expected) << "</td></tr>\n";
  }
  out << "</table>\n";
}

void write_story(std::ostream& out, const scenario::Scenario& sc) {
  out << "<h2>What happened to the car</h2>\n<table><tr><th>time</th><th></th><th>what</th></tr>\n";
  std::vector<std::pair<double, std::string>> rows;
  for (const auto& f : sc.faults)
    rows.push_back({f.onset.to_seconds(), "<td class='fault'>fault</td><td>" + xml_escape(f.type) + ": " +
                                              xml_escape(fault_parameters(f)) + "</td>"});
  for (const auto& s : sc.steps)
    rows.push_back({s.at.to_seconds(), "<td class='step'>step</td><td>" + xml_escape(step_label(s)) + "</td>"});
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (rows.empty()) out << "<tr><td colspan='3'>no faults injected, no steps taken</td></tr>\n";
  for (const auto& [t, cells] : rows) out << "<tr><td>" << num(t, 3) << " s</td>" << cells << "</tr>\n";
  out << "</table>\n";
}

void write_fault_memory(std::ostream& out, const runner::RunResult& result) {
  out << "<h2>Fault memory at the end</h2>\n";
  if (result.fault_memory.empty()) {
    out << "<p>empty</p>\n";
    return;
  }
  out << "<table><tr><th>code and text (bc1_forttexte.csv)</th><th>state</th><th>count</th>"
         "<th>first logged</th></tr>\n";
  for (const auto& f : result.fault_memory)
    out << "<tr><td class='memory'>" << xml_escape(fault_code_text(f.code)) << "</td><td>"
        << (f.active ? "active" : "stored") << "</td><td>" << static_cast<unsigned>(f.frequency) << "</td><td>"
        << num(f.first_seen_ps / 1e12, 3) << " s</td></tr>\n";
  out << "</table>\n";
}

std::vector<const trace::Signal*> picture_lanes(const scenario::Scenario& sc, const runner::RunResult& result) {
  std::vector<const trace::Signal*> lanes;
  auto add = [&](const std::string& name) {
    const auto* s = result.recorder->find(name);
    if (s && std::find(lanes.begin(), lanes.end(), s) == lanes.end()) lanes.push_back(s);
  };
  for (const auto& e : sc.expectations) add(e.signal);
  for (const char* name : kKeySignals) add(name);
  return lanes;
}

}  // namespace

void write_html(std::ostream& out, const scenario::Scenario& sc, const runner::RunResult& result,
                const HtmlOptions& options) {
  write_head(out, sc, result, options);
  write_expectations(out, result);
  write_story(out, sc);
  write_fault_memory(out, result);
  const auto lanes = picture_lanes(sc, result);
  const auto markers = story_markers(sc, result.fault_memory);
  out << "<h2>Timing</h2>\n<p class='meta'>Dashed lines: <span class='fault'>fault onsets</span>, "
         "<span class='step'>steps</span>, <span class='memory'>fault-memory entries first logged</span> (hover for "
         "details). Shaded: each expectation's window, green when it held, red when not.</p>\n";
  out << "<h3>The whole run</h3>\n";
  write_timing_picture(out, lanes, result, markers, {0.0, sc.duration.to_seconds()});
  for (const auto& span : zoom_spans(sc)) {
    out << "<h3>Zoom " << num(span.from_s, 3) << " - " << num(span.to_s, 3) << " s</h3>\n";
    write_timing_picture(out, lanes, result, markers, span);
  }
  out << "</body></html>\n";
}

std::string relative_href(const std::string& page, const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path from = fs::absolute(fs::path(page)).lexically_normal().parent_path();
  const fs::path to = fs::absolute(fs::path(target)).lexically_normal();
  fs::path rel = to.lexically_relative(from);
  if (rel.empty()) rel = to;
  static const char* const kHex = "0123456789ABCDEF";
  std::string href;
  for (const unsigned char c : rel.generic_string()) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      href += static_cast<char>(c);
    } else {
      href += '%';
      href += kHex[c >> 4];
      href += kHex[c & 15];
    }
  }
  return href;
}

}  // namespace bcmhil::report
