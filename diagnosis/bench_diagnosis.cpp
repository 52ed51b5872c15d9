#include "bench_diagnosis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace bcmhil::diagnosis {

namespace {

// What grounds an input on the car, for the catalogue's stimulus (connector map: the lid handle
// button switches its input to ground). Chosen: only inputs a catalogue test presses.
const std::map<std::string, scenario::Action> kGroundedBy{
    {"DIP_BOOT_HANDLE_SW", scenario::Action::press_lid_handle},
};

bool forces_on(const CatalogueTest& t, const std::string& output) {
  if (t.stimulus.empty() || !t.stimulus.front().person) return false;
  const auto& step = *t.stimulus.front().person;
  return step.action == scenario::Action::diagnose && step.job == "force" && step.job_args.size() == 2 &&
         step.job_args[0] == output && step.job_args[1] == "on";
}

bool grounds(const CatalogueTest& t, const std::string& input) {
  const auto it = kGroundedBy.find(input);
  if (it == kGroundedBy.end() || t.stimulus.size() != 1 || !t.stimulus.front().person) return false;
  return t.stimulus.front().person->action == it->second;
}

// Whether catalogue test `t` is the measurement the bench took in `r`.
bool same_measurement(const CatalogueTest& t, const BenchReading& r) {
  if (t.kind != ReadKind::ds2 || t.ds2.job != r.job) return false;
  if (r.job == "ident") return r.stimulus.empty() && t.stimulus.empty();
  if (r.job == "faults") return t.ds2.item == r.item && r.raw > 0;  // present codes only
  if (r.job != "inputs" || t.ds2.item != r.item) return false;
  if (r.stimulus == "release") return t.stimulus.empty();
  if (r.stimulus == "ground") return grounds(t, r.item);
  if (r.stimulus.rfind("force ", 0) == 0) return forces_on(t, r.stimulus.substr(6));
  return false;
}

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", 100.0 * p);
  return buf;
}

}  // namespace

const std::vector<std::string>& module_fault_types() {
  static const std::vector<std::string> types{
      "water_ingress",           // water on the module's board
      "driver_failure",          // one of its high-side drivers
      "pin_bridge",              // a dendrite between two of its connector pins
      "kline_wetted",            // water on its K-line pin
      "input_pullup_corroded",   // a pull-up resistor of its input stage
      "input_leak_intermittent", // condensation on one of its inputs
      "relay_contact_corrosion", // its central-locking relays
      "relay_welded",
      "relay_coil_open",
  };
  return types;
}

Dictionary module_dictionary(const Dictionary& d) {
  const auto& types = module_fault_types();
  Dictionary out = d;
  out.candidates.clear();
  out.variants.clear();
  out.readings.clear();
  std::vector<int> index(d.candidates.size(), -1);
  for (std::size_t c = 0; c < d.candidates.size(); ++c) {
    const auto& fault = d.candidates[c].fault;
    if (fault != "healthy" && std::find(types.begin(), types.end(), fault) == types.end()) continue;
    index[c] = static_cast<int>(out.candidates.size());
    out.candidates.push_back(d.candidates[c]);
  }
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    if (index[d.variants[v].candidate] < 0) continue;
    Variant variant = d.variants[v];
    variant.candidate = index[variant.candidate];
    out.variants.push_back(variant);
    out.readings.push_back(d.readings[v]);
  }
  return out;
}

BenchDiagnosis diagnose_bench(const Dictionary& dictionary, const Catalogue& catalogue,
                              const std::vector<BenchReading>& readings, const AssistantOptions& options) {
  BenchDiagnosis out;
  const Dictionary module = module_dictionary(dictionary);
  Assistant assistant(module, options);
  for (const auto& r : readings) {
    bool mapped = false;
    for (const auto& t : catalogue.tests) {
      if (!same_measurement(t, r)) continue;
      const int test = module.test_index(t.id);
      if (test < 0) continue;  // a catalogue test the dictionary was not built with
      const int outcome = t.classify(r.raw);
      assistant.observe({test, outcome, r.raw});
      out.entered.push_back({t.id, r.what, t.classes.at(outcome).name});
      mapped = true;
    }
    if (!mapped && r.job != "faults") out.not_mapped.push_back(r.what);
  }
  for (const auto& rc : assistant.ranking())
    out.candidates.push_back({module.candidates[rc.candidate].key(), rc.probability});
  out.explained = assistant.explained();
  const auto& top = out.candidates.front();
  out.certain = top.probability >= options.stop_at;
  if (!out.explained)
    out.verdict = "no fault the module can carry by itself explains these readings: check the bench and the readings";
  else if (top.key == "healthy")
    out.verdict = std::string("healthy: no fault of the module's own shows (") + percent(top.probability) + ")";
  else
    out.verdict = top.key + " (" + percent(top.probability) + ")";
  if (out.explained && !out.certain && out.candidates.size() > 1)
    out.verdict += "; not certain, next: " + out.candidates[1].key + " (" + percent(out.candidates[1].probability) + ")";
  return out;
}

std::string format_bench_diagnosis(const BenchDiagnosis& d) {
  std::string s = "\ndiagnosis (the assistant, over the faults a module carries by itself):\n";
  for (const auto& e : d.entered) s += "  reading  " + e.test + " = " + e.outcome + "   (from: " + e.from + ")\n";
  for (std::size_t i = 0; i < d.candidates.size() && i < 3; ++i)
    s += "  " + std::to_string(i + 1) + ". " + d.candidates[i].key + "  " + percent(d.candidates[i].probability) + "\n";
  if (!d.not_mapped.empty())
    s += "  not a catalogue measurement, not entered: " + std::to_string(d.not_mapped.size()) + " check(s)\n";
  s += "verdict (assistant): " + d.verdict + "\n";
  return s;
}

nlohmann::json bench_diagnosis_json(const BenchDiagnosis& d) {
  nlohmann::json j;
  j["verdict"] = d.verdict;
  j["explained"] = d.explained;
  j["certain"] = d.certain;
  j["readings"] = nlohmann::json::array();
  for (const auto& e : d.entered) j["readings"].push_back({{"test", e.test}, {"outcome", e.outcome}, {"from", e.from}});
  j["candidates"] = nlohmann::json::array();
  for (const auto& c : d.candidates) j["candidates"].push_back({{"fault", c.key}, {"probability", c.probability}});
  j["not_mapped"] = d.not_mapped;
  return j;
}

}  // namespace bcmhil::diagnosis
