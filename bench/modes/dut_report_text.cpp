// The dut report for a person: one line per check (reference, module, verdict), then the verdict
// with its evidence, the safety events and whether every relay ended off.
#include "dut_mode.h"

#include <sstream>

namespace bcmhil::modes {

std::string format_dut(const DutReport& r) {
  std::ostringstream s;
  if (r.bench.empty()) return "bcmhil bench dut: " + r.error + "\n";
  s << "bench dut: module on " << r.kline << ", bench '" << r.bench << "', reference: scenario '" << r.scenario
    << "', healthy\n";
  for (const auto& n : r.reference_notes) s << "  (" << n << ")\n";
  if (!r.checks.empty()) {
    s << "\n  " << std::left;
    auto pad = [](const std::string& t, std::size_t w) { return t.size() >= w ? t + " " : t + std::string(w - t.size(), ' '); };
    s << pad("function", 24) << pad("check", 52) << pad("reference", 26) << pad("module", 26) << "verdict\n";
    for (const auto& c : r.checks) {
      s << "  " << pad(c.function, 24) << pad(c.check, 52) << pad(c.reference, 26) << pad(c.module, 26)
        << to_string(c.verdict) << "\n";
      if (c.verdict != Verdict::pass && !c.note.empty()) s << "  " << std::string(24, ' ') << "  " << c.note << "\n";
    }
  }
  if (!r.error.empty()) s << "\nerror: " << r.error << "\n";
  if (!r.overall.empty()) {
    s << "\nverdict: " << r.overall << "\n";
    for (const auto& e : r.evidence) s << "  " << e << "\n";
    for (const auto& n : r.notes) s << "  note: " << n << "\n";
  }
  for (const auto& e : r.events)
    if (e.kind != rig::SafetyEvent::Kind::all_off)
      s << "safety: " << rig::to_string(e.kind) << (e.channel.empty() ? "" : " " + e.channel) << ": " << e.detail << "\n";
  s << "end: " << (r.final_off.ok ? "every relay off" : "NOT every relay confirmed off") << " (" << fixed(r.seconds, 1)
    << " s)\n";
  return s.str();
}

}  // namespace bcmhil::modes
