#include "dut_verdict.h"

#include "dut_catalogue.h"
#include "ds2_tester.h"

#include <algorithm>

namespace bcmhil::modes {

void conclude(const nlohmann::json& found, const Evidence& evidence, DutReport& r) {
  // Faults as found, attributed to the function they point at.
  std::map<std::string, std::vector<std::string>> fault_evidence;
  for (const auto& f : found) {
    const auto code = f["F_ORT_NR"].get<uint8_t>();
    std::string function;
    for (const auto& o : output_functions())
      for (auto c : o.fault_codes)
        if (c == code) function = o.label;
    const std::string gloss = f["gloss_en"].get<std::string>();
    const std::string text = "fault " + tester::hex_byte(code) + (f["active"].get<bool>() ? " active" : " stored") +
                             " (" + (gloss.empty() ? f["F_ORT_TEXT"].get<std::string>() : gloss) + ")";
    if (!function.empty() && evidence.count(function)) fault_evidence[function].push_back(text);
    else if (!function.empty()) r.notes.push_back(text + " was stored, yet the " + function + " works now");
    else r.notes.push_back(text + " was stored (no function checked here depends on it)");
  }
  for (const auto& c : r.checks)
    if (c.verdict == Verdict::fail &&
        std::find(r.failed_functions.begin(), r.failed_functions.end(), c.function) == r.failed_functions.end())
      r.failed_functions.push_back(c.function);
  for (const auto& fn : r.failed_functions) {
    std::string s = fn + ": ";
    static const std::vector<std::string> none;
    const auto it = evidence.find(fn);
    const auto& ev = it == evidence.end() ? none : it->second;
    for (std::size_t i = 0; i < ev.size(); ++i) s += (i ? "; " : "") + ev[i];
    for (const auto& fe : fault_evidence[fn]) s += "; " + fe;
    r.evidence.push_back(s);
  }
  std::size_t not_wired = 0;
  for (const auto& c : r.checks) not_wired += c.verdict == Verdict::not_wired;
  if (not_wired)
    r.notes.push_back(std::to_string(not_wired) + " input check" + (not_wired == 1 ? " was" : "s were") +
                       " not run: no relay wired to " + (not_wired == 1 ? "it" : "them") + " on this bench");
  if (r.failed_functions.empty()) {
    r.overall = "healthy";
    r.exit_code = kExitOk;
  } else {
    r.overall = "FAILED: ";
    for (std::size_t i = 0; i < r.failed_functions.size(); ++i) r.overall += (i ? ", " : "") + r.failed_functions[i];
    r.exit_code = kExitFailed;
  }
}

}  // namespace bcmhil::modes
