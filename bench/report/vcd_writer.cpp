#include "vcd_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace bcmhil::report {

namespace {

// Short printable identifiers: !, ", #, ... then two characters.
std::string vcd_id(std::size_t index) {
  std::string id;
  do {
    id += static_cast<char>('!' + index % 94);
    index /= 94;
  } while (index > 0);
  return id;
}

// VCD identifiers may not contain spaces; keep names readable otherwise.
std::string vcd_name(const std::string& name) {
  std::string out = name;
  for (auto& c : out)
    if (c == ' ') c = '_';
  return out;
}

std::string scope_of(const trace::Signal& s) {
  if (s.name.rfind("V(", 0) == 0) return "voltages";
  if (s.name.rfind("I(", 0) == 0) return "currents";
  if (s.name.rfind("DIP_", 0) == 0 || s.name.rfind("DOP_", 0) == 0) return "bc1_signals";
  return "model";
}

void write_value(std::ostream& out, const trace::Signal& s, double v, const std::string& id) {
  if (s.kind == trace::Kind::bit) {
    out << (v > 0.5 ? '1' : '0') << id << '\n';
  } else {
    char buf[40];
    std::snprintf(buf, sizeof buf, "r%.9g ", v);
    out << buf << id << '\n';
  }
}

}  // namespace

void write_vcd(std::ostream& out, trace::Recorder& recorder, const std::string& scenario_name) {
  const auto& signals = recorder.signals();
  out << "$comment bcmhil scenario " << scenario_name << " $end\n$timescale 1 us $end\n$scope module bcmhil $end\n";
  std::map<std::string, std::vector<std::size_t>> scopes;
  for (std::size_t i = 0; i < signals.size(); ++i) scopes[scope_of(signals[i])].push_back(i);
  for (const auto& [scope, members] : scopes) {
    out << "$scope module " << scope << " $end\n";
    for (const auto i : members) {
      const auto& s = signals[i];
      out << "$var " << (s.kind == trace::Kind::bit ? "wire 1 " : "real 64 ") << vcd_id(i) << ' ' << vcd_name(s.name)
          << " $end\n";
    }
    out << "$upscope $end\n";
  }
  out << "$upscope $end\n$enddefinitions $end\n";

  // Initial values, then every later change in time order, a microsecond's changes in signal
  // order; the changes stream from the recorder (from its log on disk after a long run).
  out << "#0\n$dumpvars\n";
  for (std::size_t i = 0; i < signals.size(); ++i) {
    const auto& samples = signals[i].samples;
    // The recorder keeps one sample per instant, so the first one is the value at time zero.
    write_value(out, signals[i], samples.empty() ? 0.0 : samples.front().value, vcd_id(i));
  }
  out << "$end\n";
  struct Change {
    std::size_t signal;
    double value;
  };
  std::vector<Change> same_us;
  std::uint64_t now = 0;
  const auto write_pending = [&] {
    std::stable_sort(same_us.begin(), same_us.end(), [](const Change& a, const Change& b) { return a.signal < b.signal; });
    for (const auto& c : same_us) write_value(out, signals[c.signal], c.value, vcd_id(c.signal));
    same_us.clear();
  };
  recorder.for_each_change([&](trace::SignalId id, std::uint64_t time_ps, double value) {
    const std::uint64_t time_us = time_ps / 1000000;
    if (time_us != now) {
      write_pending();
      out << '#' << time_us << '\n';
      now = time_us;
    }
    same_us.push_back({id, value});
  });
  write_pending();
}

}  // namespace bcmhil::report
