// The dut report as JSON, for CI: the same content as the text report.
#include "dut_mode.h"

namespace bcmhil::modes {

using json = nlohmann::json;

json dut_json(const DutReport& r) {
  json j;
  j["mode"] = "dut";
  j["exit_code"] = r.exit_code;
  if (!r.error.empty()) j["error"] = r.error;
  j["scenario"] = r.scenario;
  j["bench"] = r.bench;
  j["kline"] = r.kline;
  j["reference_notes"] = r.reference_notes;
  json checks = json::array();
  for (const auto& c : r.checks)
    checks.push_back({{"function", c.function}, {"check", c.check}, {"reference", c.reference}, {"module", c.module},
                      {"verdict", to_string(c.verdict)}, {"note", c.note}});
  j["checks"] = checks;
  j["overall"] = r.overall;
  j["healthy"] = r.overall == "healthy";
  j["failed_functions"] = r.failed_functions;
  j["evidence"] = r.evidence;
  j["notes"] = r.notes;
  json ev = json::array();
  for (const auto& e : r.events)
    ev.push_back({{"kind", rig::to_string(e.kind)}, {"channel", e.channel}, {"detail", e.detail}});
  j["safety_events"] = ev;
  j["all_off"] = {{"ok", r.final_off.ok}, {"lines", r.final_off.lines}};
  j["seconds"] = r.seconds;
  return j;
}

}  // namespace bcmhil::modes
