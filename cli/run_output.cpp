#include "run_output.h"

#include "bench/output/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace bcmhil::cli {

void print_run(std::ostream& out, const scenario::Scenario& sc, const runner::RunResult& result) {
  out << "scenario " << sc.name << " (" << sc.file << ")\n";
  int held = 0;
  for (const auto& r : result.expectations) {
    const auto& e = *r.expectation;
    char window[64];
    std::snprintf(window, sizeof window, "[%.3f s, %.3f s]", e.from.to_seconds(), e.to.to_seconds());
    out << (r.passed ? "  PASS  " : "  FAIL  ") << e.name << "\n        " << e.signal << " " << window
        << ": observed " << r.observed << ", expected " << r.expected << "\n";
    held += r.passed ? 1 : 0;
  }
  char summary[160];
  std::snprintf(summary, sizeof summary, "%.1f s simulated in %.4f s wall (%.0fx real time, %llu RTL clock edges)",
                result.sim_time_s, result.wall_time_s, result.realtime_factor(),
                static_cast<unsigned long long>(result.clock_edges));
  out << "verdict: " << (result.passed ? "PASS" : "FAIL") << " (" << held << "/" << result.expectations.size()
      << " expectations held) - " << summary << "\n";
}

bool write_output(const std::string& command, const std::string& path, const std::function<void(std::ostream&)>& fill) {
  try {
    output::write_file(path, fill);
    return true;
  } catch (const output::OutputError& e) {
    std::cerr << "bcmhil " << command << ": " << e.what() << "\n";
    return false;
  }
}

ProgressLine::ProgressLine(std::ostream* out) : out_(out && isatty(STDERR_FILENO) ? out : nullptr) {}

void ProgressLine::update(const std::string& label, double done, double total) {
  if (!out_) return;
  char line[160];
  std::snprintf(line, sizeof line, "\rsimulating %s  %6.1f / %.1f s", label.c_str(), done, total);
  *out_ << line << std::flush;
  drawn_ = true;
}

void ProgressLine::finish() {
  if (out_ && drawn_) *out_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace bcmhil::cli
