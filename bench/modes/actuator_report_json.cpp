// The actuator report as JSON, for CI: the same content as the text report.
#include "actuator_mode.h"

namespace bcmhil::modes {

nlohmann::json actuator_json(const ActuatorReport& r) {
  using nlohmann::json;
  json j;
  j["mode"] = "actuator";
  j["exit_code"] = r.exit_code;
  if (!r.error.empty()) j["error"] = r.error;
  j["scenario"] = r.scenario;
  j["bench"] = r.bench;
  j["dry_run"] = r.dry_run;
  j["scenario_s"] = r.scenario_s;
  j["simulated_s"] = r.simulated_s;
  j["scheduling"] = r.scheduling;
  json map = json::array();
  for (const auto& [ch, rule] : r.mapping) map.push_back({{"channel", ch}, {"follows", rule}});
  j["mapping"] = map;
  json sw = json::array();
  for (const auto& w : r.switches)
    sw.push_back({{"channel", w.channel}, {"follows", w.follows}, {"on", w.on}, {"model_s", w.model_s},
                  {"wall_s", w.wall_s}, {"late_ms", w.late_ms}, {"command_ms", w.command_ms}, {"outcome", w.outcome}});
  j["switches"] = sw;
  j["pacing_lateness_ms"] = {{"events", r.lateness.events}, {"p50", r.lateness.p50_ms}, {"p99", r.lateness.p99_ms},
                             {"max", r.lateness.max_ms}};
  j["relay_command_ms"] = {{"count", r.relay_latency.count},
                           {"p50", r.relay_latency.p50.count() / 1000.0},
                           {"p99", r.relay_latency.p99.count() / 1000.0},
                           {"max", r.relay_latency.max.count() / 1000.0}};
  json ev = json::array();
  for (const auto& e : r.events)
    ev.push_back({{"kind", rig::to_string(e.kind)}, {"channel", e.channel}, {"detail", e.detail},
                  {"wall_s", ms_between(r.started, e.at) / 1000.0}});
  j["safety_events"] = ev;
  j["stop_signal"] = r.stop_signal;
  j["halted"] = r.halted;
  j["max_on_tripped"] = r.max_on_tripped;
  j["all_off"] = {{"ok", r.final_off.ok}, {"lines", r.final_off.lines}};
  return j;
}

}  // namespace bcmhil::modes
