// The actuator report for a person: what was switched when, pacing lateness, relay command
// latency, the safety events and whether every relay ended off.
#include "actuator_mode.h"

#include <cstring>
#include <sstream>

namespace bcmhil::modes {

namespace {
std::string ms(double v) { return fixed(v, 3) + " ms"; }
std::string ms(std::chrono::microseconds v) { return fixed(v.count() / 1000.0, 3) + " ms"; }
}  // namespace

std::string format_actuator(const ActuatorReport& r) {
  std::ostringstream s;
  if (!r.error.empty() && r.bench.empty()) return "bcmhil bench actuator: " + r.error + "\n";
  s << "bench actuator: scenario '" << r.scenario << "' on bench '" << r.bench << "'"
    << (r.dry_run ? " (dry run: no relay touched)" : "") << ", " << fixed(r.scenario_s, 1)
    << " s paced to the wall clock\n";
  for (const auto& [ch, rule] : r.mapping) s << "  " << ch << " follows " << rule << "\n";
  if (!r.error.empty()) s << "error: " << r.error << "\n";
  s << "switched:\n";
  if (r.switches.empty()) s << "  nothing: no mapped model output came on, no relay clicked\n";
  for (const auto& w : r.switches)
    s << "  t = " << fixed(w.model_s, 3) << " s  " << w.channel << (w.on ? " ON " : " off") << "  ("
      << w.outcome << ", command " << ms(w.command_ms) << ", " << ms(w.late_ms) << " after the model)\n";
  s << "simulated " << fixed(r.simulated_s, 3) << " s of " << fixed(r.scenario_s, 3) << " s (scheduling: "
    << r.scheduling << ")\n";
  s << "pacing lateness   n=" << r.lateness.events << "  p50 " << ms(r.lateness.p50_ms) << "  p99 "
    << ms(r.lateness.p99_ms) << "  max " << ms(r.lateness.max_ms) << "   (target p99 <= 1 ms)\n";
  s << "relay commands    n=" << r.relay_latency.count << "  p50 " << ms(r.relay_latency.p50) << "  p99 "
    << ms(r.relay_latency.p99) << "  max " << ms(r.relay_latency.max) << "   (target p99 <= 5 ms)\n";
  for (const auto& e : r.events) {
    if (e.kind == rig::SafetyEvent::Kind::all_off) continue;
    s << "safety: " << rig::to_string(e.kind) << (e.channel.empty() ? "" : " " + e.channel) << ": " << e.detail << "\n";
  }
  if (r.stop_signal) s << "stopped by " << ::strsignal(r.stop_signal) << "\n";
  s << "end: " << (r.final_off.ok ? "every relay off" : "NOT every relay confirmed off") << "\n";
  for (const auto& l : r.final_off.lines) s << "  " << l << "\n";
  return s.str();
}

}  // namespace bcmhil::modes
